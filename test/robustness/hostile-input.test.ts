// Hostile and broken entry files through the real CLI: each must give located diagnostics and exit 1,
// never a stack trace or a hang, and `kb build` must write nothing at all (the repository and a folder
// beside it are fingerprinted before and after).
import { cpSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalText } from "../../scripts/fix/canonical.ts";
import { runKb, validEntry } from "../helpers/repo.ts";
import { entryFiles, expectAllLocated, expectNoStackTrace, fingerprintTree, parseDiagnostics, tempDir, writeFiles, type JsonDiagnostic } from "./support.ts";

const SECRET = "OUTSIDE-THE-REPOSITORY-4f1c";
const EXISTING = "git/push-rejected";

let template: { dir: string; cleanup: () => void };
beforeAll(async () => {
  // One built repository (entries + generated/) that every case copies, plus a folder beside it.
  template = tempDir();
  const repo = path.join(template.dir, "repo");
  writeFiles(repo, entryFiles([EXISTING, "api/rate-limited"]));
  writeFiles(template.dir, { "outside/secret.json": canonicalText(validEntry("outside/secret", { root_cause: SECRET })), "outside/notes.txt": SECRET });
  const built = await runKb(["build"], { cwd: repo });
  expect(built.code, built.stderr).toBe(0);
});
afterAll(() => template.cleanup());

interface Expected {
  readonly file: string;
  readonly rule: string;
  readonly line?: number;
  readonly column?: number;
  readonly message?: RegExp;
}

/** Lines and columns, 1-based, of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  expect(offset).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** Copies the template, lets `plant` add hostile files, runs `kb build`, and checks the contract. */
async function hostileBuild(plant: (repo: string, outside: string) => void, expected: readonly Expected[], timeoutMs = 60_000): Promise<JsonDiagnostic[]> {
  const root = tempDir();
  try {
    cpSync(template.dir, root.dir, { recursive: true });
    const repo = path.join(root.dir, "repo");
    plant(repo, path.join(root.dir, "outside"));
    const before = fingerprintTree(root.dir);
    const r = await runKb(["build", "--format", "json"], { cwd: repo, timeoutMs });
    expect(r.code, r.stderr).toBe(1);
    expectNoStackTrace(r);
    expect(r.stderr).toContain("nothing written");
    const diagnostics = parseDiagnostics(r.stdout);
    expectAllLocated(diagnostics);
    for (const e of expected) {
      const found = diagnostics.filter((d) => d.file === e.file && d.rule === e.rule && (e.message === undefined || e.message.test(d.message)));
      expect(found.length, `${e.rule} on ${e.file} in ${JSON.stringify(diagnostics, null, 1).slice(0, 2000)}`).toBeGreaterThan(0);
      if (e.line !== undefined) expect(found.map((d) => d.line)).toContain(e.line);
      if (e.column !== undefined) expect(found.map((d) => `${d.line}:${d.column}`)).toContain(`${e.line}:${e.column}`);
    }
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(fingerprintTree(root.dir)).toEqual(before);
    return diagnostics;
  } finally {
    root.cleanup();
  }
}

const canonical = (id: string, overrides: Record<string, unknown> = {}) => canonicalText(validEntry(id, overrides));
const put = (repo: string, rel: string, content: string | Buffer) => writeFiles(repo, { [rel]: content });

// Each case is its own process on its own copy; running them side by side keeps the file fast.
describe.concurrent("hostile input through kb build", () => {
  describe("broken files", () => {
    it("an empty file", async () => {
      await hostileBuild((repo) => put(repo, "entries/x/empty.json", ""), [{ file: "entries/x/empty.json", rule: "kb/json-syntax", line: 1, column: 1, message: /empty/ }]);
    });

    it("a byte-order mark", async () => {
      await hostileBuild((repo) => put(repo, "entries/x/bom.json", "\uFEFF" + canonical("x/bom")), [{ file: "entries/x/bom.json", rule: "kb/encoding", line: 1, column: 1, message: /byte-order mark/ }]);
    });

    it("invalid UTF-8 (a Latin-1 file), located at the bad byte", async () => {
      const text = canonical("x/latin1", { root_cause: "The caf\u00e9 closed early." });
      const at = positionOf(text, "\u00e9");
      await hostileBuild((repo) => put(repo, "entries/x/latin1.json", Buffer.from(text, "latin1")), [{ file: "entries/x/latin1.json", rule: "kb/encoding", ...at, message: /invalid UTF-8 byte 0xe9/ }]);
    });

    it("NUL bytes inside a string and a file of NUL bytes", async () => {
      const text = canonical("x/nul-inside", { root_cause: "before NULHERE after" }).replace("NULHERE", "\u0000");
      const at = positionOf(text, "\u0000");
      await hostileBuild(
        (repo) => {
          put(repo, "entries/x/nul-inside.json", text);
          put(repo, "entries/x/zeros.json", Buffer.alloc(4096));
        },
        [
          { file: "entries/x/nul-inside.json", rule: "kb/json-syntax", ...at, message: /invalid character/ },
          { file: "entries/x/zeros.json", rule: "kb/json-syntax", line: 1, column: 1 },
        ],
      );
    });

    it("CRLF line endings", async () => {
      await hostileBuild((repo) => put(repo, "entries/x/crlf.json", canonical("x/crlf").replace(/\n/g, "\r\n")), [{ file: "entries/x/crlf.json", rule: "kb/canonical-format", line: 1, column: 2, message: /CRLF/ }]);
    });

    it("a 10 MB string value is refused by size before it is parsed", async () => {
      await hostileBuild((repo) => put(repo, "entries/x/huge.json", canonical("x/huge", { root_cause: "a".repeat(10 * 1024 * 1024) })), [
        { file: "entries/x/huge.json", rule: "kb/file-too-large", line: 1, column: 1, message: /the limit is 1048576/ },
      ]);
    });

    it("an array nested 100,000 deep, alone and inside an entry", async () => {
      const deep = "[".repeat(100_000) + "]".repeat(100_000);
      const inside = canonical("x/deep-inside", { tags: ["DEEP"] }).replace('"DEEP"', deep);
      await hostileBuild(
        (repo) => {
          put(repo, "entries/x/deep.json", deep);
          put(repo, "entries/x/deep-inside.json", inside);
        },
        [
          { file: "entries/x/deep.json", rule: "kb/json-syntax", line: 1, column: 65, message: /nesting deeper than 64 levels/ },
          // The entry object and "tags" are two levels, so the 63rd bracket of the payload is the 65th.
          { file: "entries/x/deep-inside.json", rule: "kb/json-syntax", line: positionOf(inside, "[[").line, column: positionOf(inside, "[[").column + 62, message: /nesting deeper than 64 levels/ },
        ],
      );
    });

    it("50,000 unknown keys in one object: located, capped, and fast", async () => {
      const value: Record<string, unknown> = validEntry("x/many-keys");
      for (let i = 0; i < 50_000; i++) value[`k${i}`] = i;
      const text = JSON.stringify(value, null, 2) + "\n";
      const diagnostics = await hostileBuild((repo) => put(repo, "entries/x/many-keys.json", text), [
        { file: "entries/x/many-keys.json", rule: "kb/schema", ...positionOf(text, '"k0"'), message: /unknown key "k0"/ },
        { file: "entries/x/many-keys.json", rule: "kb/schema", message: /^49900 more problems in this file were not listed \(limit 100 per file\)$/ },
      ], 30_000);
      expect(diagnostics.filter((d) => d.file === "entries/x/many-keys.json").length).toBeLessThanOrEqual(101);
    });

    it("50,000 copies of one key", async () => {
      const text = `{\n${Array.from({ length: 50_000 }, (_, i) => `"id": ${i},`).join("\n")}\n"domain": "x"\n}\n`;
      expect(text.length).toBeLessThan(1024 * 1024);
      await hostileBuild((repo) => put(repo, "entries/x/dup-keys.json", text), [{ file: "entries/x/dup-keys.json", rule: "kb/duplicate-key", line: 3, column: 1, message: /duplicate key "id"/ }], 30_000);
    });

    it("files that are not JSON at all", async () => {
      await hostileBuild(
        (repo) => {
          put(repo, "entries/x/script.json", "#!/bin/sh\nrm -rf / --no-preserve-root\n");
          put(repo, "entries/x/yaml.json", "id: x/yaml\nsignature: nope\n");
          put(repo, "entries/x/array.json", "[1, 2, 3]\n");
        },
        [
          { file: "entries/x/script.json", rule: "kb/json-syntax", line: 1, column: 1 },
          { file: "entries/x/yaml.json", rule: "kb/json-syntax", line: 1, column: 1 },
          { file: "entries/x/array.json", rule: "kb/not-an-object", line: 1, column: 1 },
        ],
      );
    });

    it("a JSON string with a lone surrogate escape, which no UTF-8 file can hold", async () => {
      const text = canonical("x/surrogate", { root_cause: "half SURROGATE of a pair" }).replace("SURROGATE", "\\ud800");
      await hostileBuild((repo) => put(repo, "entries/x/surrogate.json", text), [{ file: "entries/x/surrogate.json", rule: "kb/encoding", ...positionOf(text, '"half'), message: /surrogate/ }]);
    });
  });

  describe("things in entries/ that are not entry files", () => {
    it("a directory named x.json, with a file inside", async () => {
      await hostileBuild((repo) => put(repo, "entries/x/dir.json/inner.json", canonical("x/inner")), [
        { file: "entries/x/dir.json", rule: "kb/stray-file", line: 1, column: 1, message: /directory/ },
        { file: "entries/x/dir.json/inner.json", rule: "kb/stray-file", line: 1, column: 1, message: /exactly one folder deep/ },
      ]);
    });

    it("symbolic links to a file and to a folder outside the repository are reported, not followed", async () => {
      const diagnostics = await hostileBuild(
        (repo, outside) => {
          mkdirSync(path.join(repo, "entries/x"), { recursive: true });
          symlinkSync(path.join(outside, "secret.json"), path.join(repo, "entries/x/secret.json"));
          symlinkSync("../../../outside/secret.json", path.join(repo, "entries/x/relative.json"));
          symlinkSync(outside, path.join(repo, "entries/outside"));
        },
        [
          { file: "entries/x/secret.json", rule: "kb/stray-file", line: 1, column: 1, message: /symbolic link/ },
          { file: "entries/x/relative.json", rule: "kb/stray-file", line: 1, column: 1, message: /symbolic link/ },
          { file: "entries/outside", rule: "kb/stray-file", line: 1, column: 1, message: /symbolic link/ },
        ],
      );
      expect(diagnostics.filter((d) => d.file.startsWith("entries/outside/"))).toEqual([]);
    });

    it("files that are not .json", async () => {
      await hostileBuild(
        (repo) => {
          put(repo, "entries/x/notes.md", "# notes\n");
          put(repo, "entries/README", "read me\n");
          put(repo, "entries/x/run.sh", "#!/bin/sh\n");
        },
        [
          { file: "entries/x/notes.md", rule: "kb/stray-file", line: 1, column: 1, message: /not a \.json file/ },
          { file: "entries/README", rule: "kb/stray-file", line: 1, column: 1 },
          { file: "entries/x/run.sh", rule: "kb/stray-file", line: 1, column: 1 },
        ],
      );
    });
  });

  describe("ids and paths that try to escape or impersonate", () => {
    const idAt = (text: string) => positionOf(text, '"id": ');
    const withId = (id: string) => {
      const text = canonical("x/placeholder").replace('"id": "x/placeholder"', `"id": ${JSON.stringify(id)}`).replace('"domain": "x"', `"domain": ${JSON.stringify(id.split("/")[0])}`);
      return { text, at: { line: idAt(text).line, column: idAt(text).column + '"id": '.length } };
    };

    it("ids with ../, absolute paths, URL-encoded dots, backslashes and look-alikes of an existing id are schema errors at the id", async () => {
      const ids = [
        "../../../etc/passwd",
        "/tmp/evil",
        "%2e%2e/%2e%2e%2fetc",
        "..\\..\\windows",
        "git/Push-Rejected",
        "git/push-rej\u0435cted", // Cyrillic e
        "git/push\uff0drejected", // fullwidth hyphen
        "git/push-rejected\u200b", // zero-width space
      ];
      const cases = ids.map((id, i) => ({ id, file: `entries/x/escape-${i}.json`, ...withId(id) }));
      await hostileBuild(
        (repo) => cases.forEach((c) => put(repo, c.file, c.text)),
        cases.map((c) => ({ file: c.file, rule: "kb/schema", ...c.at, message: /lowercase kebab-case/ })),
      );
    });

    it("file names that escape or impersonate are stray files", async () => {
      await hostileBuild(
        (repo) => {
          put(repo, "entries/x/%2e%2e.json", canonical("x/dots"));
          put(repo, "entries/git/Push-Rejected.json", canonical("git/push-rejected-upper"));
          put(repo, "entries/git/push-rej\u0435cted.json", canonical("git/push-rejected-cyrillic"));
          put(repo, "entries/git/push-rejected.JSON", canonical("git/push-rejected-ext"));
        },
        [
          { file: "entries/x/%2e%2e.json", rule: "kb/stray-file", message: /not lowercase kebab-case/ },
          { file: "entries/git/Push-Rejected.json", rule: "kb/stray-file", message: /not lowercase kebab-case/ },
          { file: "entries/git/push-rej\u0435cted.json", rule: "kb/stray-file", message: /not lowercase kebab-case/ },
          { file: "entries/git/push-rejected.JSON", rule: "kb/stray-file", message: /not a \.json file/ },
        ],
      );
    });

    it("a second file claiming an existing id", async () => {
      const text = canonical(EXISTING);
      await hostileBuild((repo) => put(repo, "entries/git/impostor.json", text), [{ file: "entries/git/impostor.json", rule: "kb/id-matches-path", line: 2, message: /does not match the file's path/ }]);
    });

    it("Windows-reserved names as slug or domain", async () => {
      await hostileBuild(
        (repo) => {
          for (const id of ["x/con", "x/nul", "x/com1", "x/lpt9", "aux/thing", "prn/thing"]) put(repo, `entries/${id}.json`, canonical(id));
        },
        ["x/con", "x/nul", "x/com1", "x/lpt9", "aux/thing", "prn/thing"].map((id) => ({ file: `entries/${id}.json`, rule: "kb/stray-file", line: 1, column: 1, message: /reserved device name on Windows/ })),
      );
    });
  });

  describe("hostile regexes", () => {
    const regexLine = (text: string) => positionOf(text, '"regex": ').line;

    it("a catastrophic regex is reported statically and stopped at run time, without a hang", async () => {
      const text = canonical("x/catastrophic", { signature: `${"a".repeat(40)}!`, regex: "^(a+)+$" });
      const diagnostics = await hostileBuild((repo) => put(repo, "entries/x/catastrophic.json", text), [
        { file: "entries/x/catastrophic.json", rule: "kb/regex-redos", line: regexLine(text), message: /exponential backtracking/ },
        { file: "entries/x/catastrophic.json", rule: "kb/regex-timeout", line: regexLine(text), message: /ran longer than 1000 ms/ },
      ]);
      expect(diagnostics.every((d) => d.severity === "error" || d.severity === "warning")).toBe(true);
    });

    it("a 100 KB regex is refused by length", async () => {
      const text = canonical("x/enormous", { regex: `Error: ${"(?:enormous|huge)".repeat(6_000)}` });
      expect(text.length).toBeGreaterThan(100 * 1024);
      await hostileBuild((repo) => put(repo, "entries/x/enormous.json", text), [{ file: "entries/x/enormous.json", rule: "kb/regex-length", line: regexLine(text), message: /the limit is 2000/ }]);
    });

    it("deeply nested regexes: under the length limit Python refuses them, over it the length rule does", async () => {
      const nested = canonical("x/nested", { signature: "a", regex: `${"(".repeat(999)}a${")".repeat(999)}` });
      const deeper = canonical("x/nested-deeper", { signature: "a", regex: `${"(?:".repeat(20_000)}a${")".repeat(20_000)}` });
      await hostileBuild(
        (repo) => {
          put(repo, "entries/x/nested.json", nested);
          put(repo, "entries/x/nested-deeper.json", deeper);
        },
        [
          { file: "entries/x/nested.json", rule: "kb/regex-python", line: regexLine(nested), message: /Python rejects the regex/ },
          { file: "entries/x/nested-deeper.json", rule: "kb/regex-length", line: regexLine(deeper) },
        ],
      );
    });
  });

  describe("text that tries to become a GitHub workflow command", () => {
    it("file names and keys with line breaks and :: stay inside their annotation, and the job summary stays text", async () => {
      const root = tempDir();
      try {
        const repo = path.join(root.dir, "repo");
        cpSync(path.join(template.dir, "repo"), repo, { recursive: true });
        put(repo, "entries/x/evil\n::warning file=README.md::owned.json", "{}");
        const withKey = JSON.stringify({ ...validEntry("x/keyed"), "k\n::error::injected%0A": 1, "<script>x</script>": 2 }, null, 2);
        put(repo, "entries/x/keyed.json", withKey);
        const summary = path.join(root.dir, "summary.md");
        const r = await runKb(["lint", "--format", "github"], { cwd: repo, env: { GITHUB_STEP_SUMMARY: summary } });
        expect(r.code, r.stderr).toBe(1);
        expectNoStackTrace(r);
        const lines = r.stdout.split("\n").filter((l) => l !== "");
        expect(lines.length).toBeGreaterThanOrEqual(3);
        for (const line of lines) expect(line).toMatch(/^::(?:error|warning) file=[^:,\n]*,line=\d+,col=\d+,title=kb\/[a-z-]+::[^\n]*$/);
        expect(r.stdout).toContain("evil%0A%3A%3Awarning file=README.md%3A%3Aowned.json");
        const markdown = readFileSync(summary, "utf8");
        const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
        const kinds = new Set<string>();
        const visit = (n: { type: string; children?: unknown[] }) => {
          kinds.add(n.type);
          (n.children as { type: string }[] | undefined)?.forEach(visit);
        };
        visit(tree);
        expect([...kinds].filter((k) => ["html", "link", "image", "definition"].includes(k))).toEqual([]);
        expect(kinds.has("table")).toBe(true);
      } finally {
        root.cleanup();
      }
    });
  });

  describe("links and odd names in generated/ and in place of the folders, as a pull request can commit them", () => {
    /** A copy of the template; `outside` gets the files a link could lead writes to. */
    const copy = () => {
      const root = tempDir();
      cpSync(template.dir, root.dir, { recursive: true });
      return { root, repo: path.join(root.dir, "repo"), outside: path.join(root.dir, "outside") };
    };

    it("a link in generated/ to a folder outside is extra for check, and build replaces it without writing through it", async () => {
      const { root, repo, outside } = copy();
      try {
        rmSync(path.join(repo, "generated/git"), { recursive: true });
        symlinkSync(outside, path.join(repo, "generated/git"));
        const outsideBefore = fingerprintTree(outside);
        const check = await runKb(["check", "--format", "json"], { cwd: repo });
        expect(check.code).toBe(1);
        expect(parseDiagnostics(check.stdout).filter((d) => d.file === "generated/git").map((d) => d.message)).toEqual([expect.stringMatching(/extra/)]);
        const build = await runKb(["build"], { cwd: repo });
        expect(build.code, build.stderr).toBe(0);
        expect(lstatSync(path.join(repo, "generated/git")).isDirectory()).toBe(true);
        expect(fingerprintTree(outside)).toEqual(outsideBefore);
        expect((await runKb(["check"], { cwd: repo })).code).toBe(0);
      } finally {
        root.cleanup();
      }
    });

    it("a link where an output belongs is stale even when its target reads the same, and build replaces it with a file", async () => {
      const { root, repo, outside } = copy();
      try {
        const readme = path.join(repo, "generated/README.md");
        writeFileSync(path.join(outside, "README.md"), readFileSync(readme));
        rmSync(readme);
        symlinkSync(path.join(outside, "README.md"), readme);
        const check = await runKb(["check", "--format", "json"], { cwd: repo });
        expect(check.code).toBe(1);
        expect(parseDiagnostics(check.stdout).map((d) => [d.file, d.message])).toEqual([["generated/README.md", expect.stringMatching(/stale/)]]);
        expect((await runKb(["build"], { cwd: repo })).code).toBe(0);
        expect(lstatSync(readme).isFile()).toBe(true);
      } finally {
        root.cleanup();
      }
    });

    it("a file named with a line break in generated/ is found by check and removed by build", async () => {
      const { root, repo } = copy();
      try {
        put(repo, "generated/git/sneaky\n.md", "# not built from any entry\n");
        const check = await runKb(["check", "--format", "json"], { cwd: repo });
        expect(check.code).toBe(1);
        expect(parseDiagnostics(check.stdout).map((d) => d.file)).toEqual(["generated/git/sneaky\n.md"]);
        expect((await runKb(["build"], { cwd: repo })).code).toBe(0);
        expect((await runKb(["check"], { cwd: repo })).code).toBe(0);
      } finally {
        root.cleanup();
      }
    });

    it("a generated/ that is itself a link is refused: nothing is written through it", async () => {
      const { root, repo } = copy();
      try {
        const elsewhere = path.join(root.dir, "elsewhere");
        renameSync(path.join(repo, "generated"), elsewhere);
        symlinkSync(elsewhere, path.join(repo, "generated"));
        put(repo, `entries/${EXISTING}.json`, canonical(EXISTING, { root_cause: "Changed, so a build would write." }));
        const before = fingerprintTree(elsewhere);
        const r = await runKb(["build"], { cwd: repo });
        expect(r.code).not.toBe(0);
        expect(r.stderr).toMatch(/refusing to write into .*generated: it is a symbolic link/);
        expectNoStackTrace({ ...r, stderr: r.stderr.replace("internal error", "") });
        expect(fingerprintTree(elsewhere)).toEqual(before);
      } finally {
        root.cleanup();
      }
    });

    it("an entries/ that is itself a link is reported, and kb fix rewrites nothing through it", async () => {
      const { root, repo, outside } = copy();
      try {
        writeFileSync(path.join(outside, "messy.json"), JSON.stringify(validEntry("outside/messy"), null, 4));
        rmSync(path.join(repo, "entries"), { recursive: true });
        symlinkSync(outside, path.join(repo, "entries"));
        const before = fingerprintTree(outside);
        const r = await runKb(["fix", "--format", "json"], { cwd: repo });
        expect(r.code).toBe(1);
        expect(parseDiagnostics(r.stdout).map((d) => [d.file, d.rule])).toEqual([["entries", "kb/stray-file"]]);
        expect(fingerprintTree(outside)).toEqual(before);
      } finally {
        root.cleanup();
      }
    });
  });

  describe("everything at once", () => {
    it("kb fix on a repository full of hostile files changes nothing outside entries/ and exits 1", async () => {
      const root = tempDir();
      try {
        cpSync(template.dir, root.dir, { recursive: true });
        const repo = path.join(root.dir, "repo");
        const outside = path.join(root.dir, "outside");
        put(repo, "entries/x/empty.json", "");
        put(repo, "entries/x/bom.json", "\uFEFF" + canonical("x/bom"));
        put(repo, "entries/x/crlf.json", canonical("x/crlf").replace(/\n/g, "\r\n"));
        put(repo, "entries/x/deep.json", "[".repeat(100_000) + "]".repeat(100_000));
        put(repo, "entries/x/escape.json", canonical("x/escape").replace('"id": "x/escape"', '"id": "../../../outside/secret"'));
        mkdirSync(path.join(repo, "entries/x/dir.json"));
        symlinkSync(path.join(outside, "secret.json"), path.join(repo, "entries/x/link.json"));
        symlinkSync(outside, path.join(repo, "entries/elsewhere"));
        writeFileSync(path.join(repo, "entries/x/notes.txt"), "notes");
        const fingerprintOutsideEntries = () => Object.fromEntries(Object.entries(fingerprintTree(root.dir)).filter(([rel]) => !rel.startsWith("repo/entries/")));
        const before = fingerprintOutsideEntries();
        const r = await runKb(["fix", "--format", "json"], { cwd: repo });
        expect(r.code, r.stderr).toBe(1);
        expectNoStackTrace(r);
        const diagnostics = parseDiagnostics(r.stdout);
        expectAllLocated(diagnostics);
        for (const file of ["entries/x/empty.json", "entries/x/deep.json", "entries/x/escape.json", "entries/x/dir.json", "entries/x/link.json", "entries/elsewhere", "entries/x/notes.txt"]) {
          expect(diagnostics.some((d) => d.file === file && d.severity === "error"), file).toBe(true);
        }
        expect(fingerprintOutsideEntries()).toEqual(before);
        expect(r.stdout + r.stderr).not.toContain(SECRET);
      } finally {
        root.cleanup();
      }
    });
  });
});
