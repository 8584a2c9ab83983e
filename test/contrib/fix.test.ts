// `kb fix`: canonical rewrite through the real CLI, idempotence (also as a property), no value lost,
// unparsable files untouched, --dry-run writes nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { canonicalText, canonicalValue } from "../../scripts/fix/canonical.ts";
import { fixSource } from "../../scripts/fix/apply.ts";
import { DEFAULT_LIMITS } from "../../scripts/core/limits.ts";
import { parseEntryText } from "../../scripts/load/parse.ts";
import { makeRepo, runKb, validEntry } from "../helpers/repo.ts";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const FILE = "entries/demo/sample-error.json";

function messy(): string {
  const e = validEntry("demo/sample-error", { tags: ["zeta", "alpha", "zeta"], root_cause: "  The sample error condition was met.  " });
  const reordered = Object.fromEntries(Object.entries(e).reverse());
  return "\uFEFF" + JSON.stringify(reordered, null, 4).replace(/\n/g, "\r\n");
}

describe("kb fix", () => {
  it("rewrites in canonical form without changing any value's meaning", async () => {
    const r = makeRepo({ [FILE]: messy() });
    cleanups.push(r.cleanup);
    const before = JSON.parse(messy().slice(1)) as Record<string, unknown>;
    const res = await runKb(["fix"], { cwd: r.dir });
    expect(res.code).toBe(0);
    expect(res.stderr).toContain("fixed 1 file");
    const after = readFileSync(path.join(r.dir, FILE), "utf8");
    expect(after).toBe(canonicalText(before));
    expect(after.startsWith("{\n  \"id\"")).toBe(true);
    const value = JSON.parse(after) as Record<string, unknown>;
    expect(value.tags).toEqual(["alpha", "zeta"]);
    expect(value.root_cause).toBe("The sample error condition was met.");
    expect({ ...value, tags: null, root_cause: null }).toEqual({ ...before, tags: null, root_cause: null });
    expect((await runKb(["lint"], { cwd: r.dir })).code).toBe(0);
  });

  it("leaves a file that does not parse byte-for-byte untouched", async () => {
    const broken = Buffer.from('{ "id": "demo/sample-error",, }\r\n', "utf8");
    const r = makeRepo({ [FILE]: broken });
    cleanups.push(r.cleanup);
    const res = await runKb(["fix"], { cwd: r.dir });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("left 1 that do not parse untouched");
    expect(readFileSync(path.join(r.dir, FILE)).equals(broken)).toBe(true);
  });

  it("--dry-run prints a diff and writes nothing", async () => {
    const r = makeRepo({ [FILE]: messy() });
    cleanups.push(r.cleanup);
    const res = await runKb(["fix", "--dry-run"], { cwd: r.dir });
    expect(res.stdout).toContain(`--- ${FILE}`);
    expect(res.stdout).toMatch(/^\+  "id": "demo\/sample-error",$/m);
    expect(readFileSync(path.join(r.dir, FILE), "utf8")).toBe(messy());
  });

  it("is idempotent through the CLI", async () => {
    const r = makeRepo({ [FILE]: messy() });
    cleanups.push(r.cleanup);
    await runKb(["fix"], { cwd: r.dir });
    const once = readFileSync(path.join(r.dir, FILE), "utf8");
    const res = await runKb(["fix"], { cwd: r.dir });
    expect(res.stderr).toContain("fixed 0 files");
    expect(readFileSync(path.join(r.dir, FILE), "utf8")).toBe(once);
  });
});

describe("canonical form (property)", () => {
  const json = fc.jsonValue({ maxDepth: 3 });
  const entryLike = fc.record({ id: fc.string(), tags: fc.array(fc.string(), { maxLength: 5 }), regex: fc.string(), root_cause: fc.string(), extra: json }, { requiredKeys: [] });

  it("fix(fix(x)) == fix(x) and only trims strings, sorts tags and orders keys", () => {
    fc.assert(
      fc.property(entryLike, fc.constantFrom(0, 2, 4), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const first = fixSource(parseEntryText("x.json", text, DEFAULT_LIMITS));
        const once = first.kind === "fixed" ? first.text : text;
        const second = fixSource(parseEntryText("x.json", once, DEFAULT_LIMITS));
        expect(second.kind).toBe("unchanged");
        const back = JSON.parse(once) as Record<string, unknown>;
        expect(Object.keys(back).sort()).toEqual(Object.keys(value).sort());
        if (typeof value.regex === "string") expect(back.regex).toBe(value.regex);
        // Compared as JSON: -0 and 0 are the same JSON number, and JSON.stringify writes both as 0.
        expect(back).toEqual(JSON.parse(JSON.stringify(canonicalValue(value))));
      }),
      { numRuns: 300 },
    );
  });
});

