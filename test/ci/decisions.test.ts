// The pure cores behind `kb ci regenerate`: which changed generated files are hand edits, and what the
// run does (nothing, commit, fail) for each kind of run.
import { describe, expect, it } from "vitest";
import type { OutputDrift } from "../../scripts/write/sync.ts";
import { planFromEvent } from "../../scripts/ci/event.ts";
import { parseNameStatus } from "../../scripts/ci/git.ts";
import { findHandEdits, sourcesOf, type FileChange } from "../../scripts/ci/hand-edits.ts";
import { decideRegeneration } from "../../scripts/ci/regeneration.ts";
import { pullRequestEvent } from "./git-repo.ts";

const LAYOUT = { entriesDir: "entries", outDir: "generated" };
const NONE: OutputDrift = { stale: [], missing: [], extra: [] };
const drift = (d: Partial<OutputDrift>): OutputDrift => ({ ...NONE, ...d });
const mod = (path: string): FileChange => ({ status: "modified", path });

describe("sourcesOf", () => {
  it("maps a view, English or Chinese, to its entry file", () => {
    expect(sourcesOf("api/rate-limit-hit.md", LAYOUT).entryFile).toBe("entries/api/rate-limit-hit.json");
    expect(sourcesOf("api/rate-limit-hit.zh.md", LAYOUT).entryFile).toBe("entries/api/rate-limit-hit.json");
  });

  it("maps pages built from many entries to their folder", () => {
    expect(sourcesOf("api/README.md", LAYOUT).prefixes).toEqual(["entries/api/"]);
    expect(sourcesOf("api/README.md", LAYOUT).entryFile).toBeUndefined();
    expect(sourcesOf("index.json", LAYOUT).prefixes).toEqual(["entries/"]);
    expect(sourcesOf("index.json", LAYOUT).entryFile).toBeUndefined();
    expect(sourcesOf("README.md", LAYOUT).prefixes).toEqual(["entries/"]);
    expect(sourcesOf("entry.schema.json", LAYOUT).prefixes).toEqual(["scripts/schema/"]);
  });

  it("follows a configured entries folder", () => {
    expect(sourcesOf("api/x.md", { entriesDir: "kb/entries", outDir: "kb/out" }).entryFile).toBe("kb/entries/api/x.json");
  });
});

describe("findHandEdits", () => {
  it("flags a changed output that differs from the build when nothing it is built from changed", () => {
    const edits = findHandEdits(drift({ stale: ["api/x.md"] }), [mod("generated/api/x.md"), mod("entries/git/y.json")], LAYOUT);
    expect(edits).toEqual([expect.objectContaining({ file: "generated/api/x.md", status: "modified", editInstead: "entries/api/x.json" })]);
    expect(edits[0]!.message).toContain("edit entries/api/x.json instead");
  });

  it("accepts a changed output whose content is what the build writes", () => {
    expect(findHandEdits(NONE, [mod("generated/api/x.md")], LAYOUT)).toEqual([]);
  });

  it("accepts a stale output whose entry changed too (built once, then the entry changed again)", () => {
    expect(findHandEdits(drift({ stale: ["api/x.md"] }), [mod("generated/api/x.md"), mod("entries/api/x.json")], LAYOUT)).toEqual([]);
  });

  it("accepts stale pages built from many entries when any of their entries changed", () => {
    const changes = [mod("generated/api/README.md"), mod("generated/index.json"), mod("entries/api/z.json")];
    expect(findHandEdits(drift({ stale: ["api/README.md", "index.json"] }), changes, LAYOUT)).toEqual([]);
    // An entry of another domain does not explain the api page.
    const other = [mod("generated/api/README.md"), mod("entries/git/z.json")];
    expect(findHandEdits(drift({ stale: ["api/README.md"] }), other, LAYOUT).map((e) => e.file)).toEqual(["generated/api/README.md"]);
  });

  it("accepts any output when the builder itself changed", () => {
    expect(findHandEdits(drift({ stale: ["api/x.md"] }), [mod("generated/api/x.md"), mod("scripts/render/entry-view.ts")], LAYOUT)).toEqual([]);
    expect(findHandEdits(drift({ stale: ["api/x.md"] }), [mod("generated/api/x.md"), mod("package-lock.json")], LAYOUT)).toEqual([]);
  });

  it("does not mistake a folder that merely starts like a source for it", () => {
    expect(findHandEdits(drift({ stale: ["api/x.md"] }), [mod("generated/api/x.md"), mod("scripts-old/a.ts")], LAYOUT)).toHaveLength(1);
  });

  it("names the entry for a view deleted by hand, and the entry to create for one added by hand", () => {
    const deleted = findHandEdits(drift({ missing: ["api/x.md"] }), [{ status: "deleted", path: "generated/api/x.md" }], LAYOUT);
    expect(deleted[0]!.message).toContain("delete entries/api/x.json instead");
    const added = findHandEdits(drift({ extra: ["api/new.md"] }), [{ status: "added", path: "generated/api/new.md" }], LAYOUT);
    expect(added[0]!.message).toContain("create entries/api/new.json instead");
  });

  it("reports a file added by hand that no build writes, whatever else the change touches (pass AM: an entry change excused generated/foo.md)", () => {
    const edits = findHandEdits(drift({ extra: ["foo.md"] }), [{ status: "added", path: "generated/foo.md" }, mod("entries/node/x.json"), mod("scripts/render/entry-view.ts")], LAYOUT);
    expect(edits.map((e) => e.file)).toEqual(["generated/foo.md"]);
  });

  it("ignores stale outputs the change did not touch (those are simply regenerated)", () => {
    expect(findHandEdits(drift({ stale: ["api/x.md", "index.json"] }), [mod("README.md")], LAYOUT)).toEqual([]);
  });
});

describe("decideRegeneration", () => {
  const HEAD = "b".repeat(40);
  const same = planFromEvent("pull_request", pullRequestEvent("a".repeat(40), HEAD));
  const fork = planFromEvent("pull_request", pullRequestEvent("a".repeat(40), HEAD, { fork: true }));
  const stale = drift({ stale: ["index.json"], missing: ["api/x.md"], extra: ["api/gone.md"] });
  const input = { drift: stale, handEdits: [], checkedOutSha: HEAD, outDisplay: "generated" };

  it("does nothing when nothing is stale", () => {
    const d = decideRegeneration({ ...input, plan: same, drift: NONE });
    expect(d).toMatchObject({ outcome: { kind: "up-to-date" }, exitCode: 0, diagnostics: [], outputs: { stale: "false", commit: "false", hand_edited: "false" } });
  });

  it("commits stale files on a same-repository branch", () => {
    const d = decideRegeneration({ ...input, plan: same });
    expect(d.outcome).toEqual({ kind: "commit", files: ["generated/api/gone.md", "generated/api/x.md", "generated/index.json"], branch: "feature/better-entries" });
    expect(d).toMatchObject({ exitCode: 0, diagnostics: [], outputs: { stale: "true", commit: "true" } });
  });

  it("gives a fork whose only problem is stale outputs a notice, not a red check: the push to main regenerates them", () => {
    const d = decideRegeneration({ ...input, plan: fork });
    expect(d.outcome.kind).toBe("fork-stale");
    expect(d.exitCode).toBe(0);
    expect(d.outputs.commit).toBe("false");
    expect(d.diagnostics).toEqual([]);
    expect(d.notices).toEqual([expect.stringContaining("3 files in generated/ are not regenerated in this pull request")]);
  });

  it("still fails a fork that edited generated/ by hand", () => {
    const handEdits = findHandEdits(drift({ stale: ["api/x.md"] }), [mod("generated/api/x.md")], { entriesDir: "entries", outDir: "generated" });
    const d = decideRegeneration({ ...input, plan: fork, handEdits });
    expect(d.outcome.kind).toBe("hand-edited");
    expect(d.exitCode).toBe(1);
  });

  it("does not push files built from a commit other than the branch head", () => {
    const d = decideRegeneration({ ...input, plan: same, checkedOutSha: "c".repeat(40) });
    expect(d.outcome.kind).toBe("cannot-push");
    expect(d.outputs.commit).toBe("false");
  });

  it("reports hand edits before anything else, and commits nothing", () => {
    const handEdits = findHandEdits(drift({ stale: ["api/x.md"] }), [mod("generated/api/x.md")], { entriesDir: "entries", outDir: "generated" });
    const d = decideRegeneration({ ...input, plan: same, handEdits });
    expect(d.outcome.kind).toBe("hand-edited");
    expect(d).toMatchObject({ exitCode: 1, outputs: { commit: "false", hand_edited: "true", stale: "true" } });
    expect(d.diagnostics).toEqual([expect.objectContaining({ file: "generated/api/x.md", rule: "kb/generated-up-to-date" })]);
    expect(d.diagnostics[0]!.hint).toContain("entries/api/x.json");
  });
});

describe("parseNameStatus", () => {
  it("reads git's NUL-separated status and path pairs, paths with spaces and newlines included", () => {
    expect(parseNameStatus("M\0generated/a b.md\0A\0entries/x\ny.json\0D\0old.md\0T\0link\0")).toEqual([
      { status: "modified", path: "generated/a b.md" },
      { status: "added", path: "entries/x\ny.json" },
      { status: "deleted", path: "old.md" },
      { status: "modified", path: "link" },
    ]);
    expect(parseNameStatus("")).toEqual([]);
  });
});
