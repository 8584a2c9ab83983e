// The only reader of entries/ and the one guarded JSON parser: paths that do not exist or cannot be
// read are errors (never an empty listing), FIFOs and devices never block, and no nesting, however
// disguised, reaches the recursive parser.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseJsonText, findExcessiveNesting, findExcessiveTokens } from "../../scripts/source/json-text.ts";
import { removeStaleTempFiles } from "../../scripts/write/leftovers.ts";
import { listEntries, SourceError } from "../../scripts/source/list-entries.ts";
import { readBoundedFile } from "../../scripts/source/read-file.ts";
import { readJsonFile } from "../../scripts/source/json-file.ts";
import { DEFAULT_LIMITS } from "../../scripts/model/limits.ts";
import { idFromRelativePath, MAX_SEGMENT } from "../../scripts/source/entry-path.ts";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), "kb-source-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("listing entries/", () => {
  it("a missing folder is a SourceError, not an empty listing", () => {
    const d = tmp();
    expect(() => listEntries("entries", { cwd: d })).toThrow(SourceError);
    expect(() => listEntries("entries", { cwd: d })).toThrow("the entries folder entries does not exist");
  });

  it("a file or folder whose name is not UTF-8 is a stray item that says so, not an unreadable one", () => {
    const d = tmp();
    mkdirSync(path.join(d, "entries/node"), { recursive: true });
    writeFileSync(Buffer.from(path.join(d, "entries/node/bad-\xff.json"), "latin1"), "{}");
    mkdirSync(Buffer.from(path.join(d, "entries/\xfenode"), "latin1"));
    writeFileSync(Buffer.from(path.join(d, "entries/\xfenode/a.json"), "latin1"), "{}");
    const listing = listEntries("entries", { cwd: d });
    expect(listing.refs).toEqual([]);
    expect(listing.problems.map((p) => [p.file, p.rule, p.message])).toEqual([
      ["entries/node/bad-\uFFFD.json", "kb/stray-file", "its name is not valid UTF-8 (shown with �), so it cannot be an entry"],
      ["entries/\uFFFDnode", "kb/stray-file", "its name is not valid UTF-8 (shown with �), so it cannot be an entry"],
    ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
  });

  it("a file or a FIFO where the folder belongs is a SourceError", () => {
    const d = tmp();
    writeFileSync(path.join(d, "entries"), "x");
    expect(() => listEntries("entries", { cwd: d })).toThrow("is not a folder");
    const f = tmp();
    execFileSync("mkfifo", [path.join(f, "entries")]);
    expect(() => listEntries("entries", { cwd: f })).toThrow("is not a folder");
  });

  it("names each stray item: a link, a FIFO, a non-JSON file, a temporary file", () => {
    const d = tmp();
    mkdirSync(path.join(d, "entries/demo"), { recursive: true });
    writeFileSync(path.join(d, "entries/demo/real-error.json"), "{}");
    symlinkSync("/etc/passwd", path.join(d, "entries/demo/link-error.json"));
    execFileSync("mkfifo", [path.join(d, "entries/demo/pipe-error.json")]);
    writeFileSync(path.join(d, "entries/demo/notes.txt"), "x");
    // 4,194,303 is Linux's largest pid but one: a writer's, and not running here.
    writeFileSync(path.join(d, "entries/demo/.a.json.4194303.abcdef01.kb-tmp"), "x");
    const listing = listEntries("entries", { cwd: d });
    expect(listing.refs.map((r) => r.file)).toEqual(["entries/demo/real-error.json"]);
    expect(listing.problems.map((p) => `${p.file} ${p.message}`)).toEqual([
      "entries/demo/.a.json.4194303.abcdef01.kb-tmp is a temporary file left by an interrupted kb run",
      "entries/demo/link-error.json is a symbolic link; entries must be regular files inside entries/",
      "entries/demo/notes.txt is not a .json file; entries/ holds only entries",
      "entries/demo/pipe-error.json is not a regular file",
    ]);
  });

  it("names a running writer's temporary file in a warning, not an error: a kb run beside it does not fail (pass U: a second kb fix failed on the first's file)", () => {
    const d = tmp();
    mkdirSync(path.join(d, "entries/demo"), { recursive: true });
    writeFileSync(path.join(d, "entries/demo/real-error.json"), "{}");
    writeFileSync(path.join(d, `entries/demo/.real-error.json.${process.pid}.abcdef01.kb-tmp`), "x");
    const listing = listEntries("entries", { cwd: d });
    expect(listing.refs.map((r) => r.file)).toEqual(["entries/demo/real-error.json"]);
    expect(listing.problems.map((p) => [p.severity, p.rule, p.message])).toEqual([
      ["warning", "kb/stray-file", `is a temporary file whose writer (pid ${process.pid}) is running: a kb run about to rename it, or a file left under that name`],
    ]);
  });

  it("does not take a pid no writer can have for a running writer: 0 (kb's own process group), 1 (init), or past Linux's largest (pass V, W: such committed files were never reported, or only warned of)", () => {
    const d = tmp();
    mkdirSync(path.join(d, "entries/demo"), { recursive: true });
    for (const pid of ["0", "1", "99999999999999999999", "4194305"]) writeFileSync(path.join(d, `entries/demo/.x.json.${pid}.deadbeef.kb-tmp`), "x");
    const listing = listEntries("entries", { cwd: d });
    // Not running, and no writer's either: named like one, and never removed (pass Z).
    expect(listing.problems.map((p) => [p.severity, p.message])).toEqual(Array.from({ length: 4 }, () => ["error", "is named like a kb temporary file, but kb's writer did not name it"]));
  });

  it("does not send a file named like a temporary file, which kb's writer did not name, to kb fix (pass W: fix kept it, lint kept sending)", () => {
    const d = tmp();
    mkdirSync(path.join(d, "entries/demo"), { recursive: true });
    writeFileSync(path.join(d, "entries/demo/notes.kb-tmp"), "x");
    writeFileSync(path.join(d, "entries/demo/notes.4194303.abcdef01.kb-tmp"), "x"); // no leading dot: kb fix removed it (pass X)
    const named = ["is named like a kb temporary file, but kb's writer did not name it", "delete it, or rename it if it is an entry"];
    expect(listEntries("entries", { cwd: d }).problems.map((p) => [p.message, p.hint])).toEqual([named, named]);
    expect(removeStaleTempFiles(path.join(d, "entries")).removed).toEqual([]);
  });

  it("paths named on the command line must exist inside the entries folder", () => {
    const d = tmp();
    mkdirSync(path.join(d, "entries/demo"), { recursive: true });
    writeFileSync(path.join(d, "entries/demo/a-error.json"), "{}");
    writeFileSync(path.join(d, "outside.json"), "{}");
    expect(() => listEntries("entries", { cwd: d, only: ["entries/demo/typo.json"] })).toThrow("entries/demo/typo.json does not exist");
    expect(() => listEntries("entries", { cwd: d, only: ["outside.json"] })).toThrow("is not inside the entries folder");
    expect(listEntries("entries", { cwd: d, only: ["entries/demo"] }).refs).toHaveLength(1);
  });

  it("a named path that is not valid UTF-8 (argv shows it with U+FFFD) is said to be so, not to be missing (pass AB: bad\\377.json 'does not exist')", () => {
    const d = tmp();
    mkdirSync(path.join(d, "entries/demo"), { recursive: true });
    writeFileSync(Buffer.from(path.join(d, "entries/demo/bad\xff.json"), "latin1"), "{}");
    expect(() => listEntries("entries", { cwd: d, only: ["entries/demo/bad\uFFFD.json"] })).toThrow("entries/demo/bad\uFFFD.json: the name is not valid UTF-8 (shown with \uFFFD), so kb cannot name that file; rename it");
  });
});

describe("an entry's path", () => {
  it("is refused when a domain or slug is too long for the files kb writes for it (a 249-character slug passed lint, then fix and build failed half way with ENAMETOOLONG)", () => {
    const slug = "a".repeat(MAX_SEGMENT);
    expect(idFromRelativePath(`git/${slug}.json`)).toEqual({ id: `git/${slug}` });
    expect(idFromRelativePath(`git/${slug}b.json`)).toEqual({ problem: expect.stringContaining(`is ${MAX_SEGMENT + 1} characters long; at most ${MAX_SEGMENT}`) });
    expect(idFromRelativePath(`${"d".repeat(249)}/x.json`)).toEqual({ problem: expect.stringContaining("249 characters long") });
    // The longest name kb writes for a slug of MAX_SEGMENT: a view's temporary file, within 255 bytes.
    expect(`.${slug}.zh.md.4194304.${"f".repeat(16)}.kb-tmp`.length).toBeLessThan(255);
  });
});

describe("reading a file", () => {
  it("a FIFO never blocks: it is reported as not a regular file", () => {
    const d = tmp();
    const fifo = path.join(d, "pipe.json");
    execFileSync("mkfifo", [fifo]);
    const started = Date.now();
    const read = readBoundedFile(fifo, 1024, true);
    expect(read).toMatchObject({ ok: false, reason: "not-a-file", detail: "a FIFO" });
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("a link to /dev/zero is refused before any byte is read", () => {
    const d = tmp();
    symlinkSync("/dev/zero", path.join(d, "lint-exceptions.json"));
    const json = readJsonFile(path.join(d, "lint-exceptions.json"), "lint-exceptions.json", DEFAULT_LIMITS)!;
    expect(json.diagnostics[0]).toMatchObject({ rule: "kb/json-syntax", message: "is a device, not a regular file" });
  });

  it("an invalid UTF-8 byte in kb.config.json is located at its line and column, and a BOM's hint names no fix that does not repair it (pass AN: 1:1, and \"run npx kb fix\")", () => {
    const d = tmp();
    writeFileSync(path.join(d, "kb.config.json"), Buffer.concat([Buffer.from('{\n  "limits": {\n    "maxDepth": "ab'), Buffer.from([0xff]), Buffer.from('"\n  }\n}\n')]));
    const bad = readJsonFile(path.join(d, "kb.config.json"), "kb.config.json", DEFAULT_LIMITS)!;
    expect(bad.diagnostics).toMatchObject([{ rule: "kb/encoding", line: 3, column: 20, message: "invalid UTF-8 byte 0xff at byte 35" }]);
    writeFileSync(path.join(d, "lint-exceptions.json"), "\ufeff[]\n");
    const bom = readJsonFile(path.join(d, "lint-exceptions.json"), "lint-exceptions.json", DEFAULT_LIMITS)!;
    expect(bom.diagnostics).toMatchObject([{ rule: "kb/encoding", line: 1, column: 1, hint: "save as UTF-8 without BOM" }]);
    expect(bom.diagnostics[0]!.fixable).not.toBe(true);
  });

  it("kb.config.json or lint-exceptions.json as a link out of the repository is refused unread; a link inside it is followed (pass AN: a committed link to a credentials file had its keys printed)", () => {
    const repo = tmp();
    const outside = tmp();
    writeFileSync(path.join(outside, "credentials"), '{"aws_secret_access_key": "SECRET"}');
    writeFileSync(path.join(repo, "shared.json"), "[]");
    symlinkSync(path.join(outside, "credentials"), path.join(repo, "lint-exceptions.json"));
    symlinkSync("shared.json", path.join(repo, "kb.config.json"));
    const out = readJsonFile(path.join(repo, "lint-exceptions.json"), "lint-exceptions.json", DEFAULT_LIMITS, DEFAULT_LIMITS.maxFileBytes, repo)!;
    expect(out.diagnostics).toMatchObject([{ rule: "kb/json-syntax", line: 1, column: 1, message: "is a symbolic link to a file outside the repository; kb does not read it" }]);
    expect(JSON.stringify(out)).not.toContain("SECRET");
    expect(JSON.stringify(out)).not.toContain("aws_secret");
    const inside = readJsonFile(path.join(repo, "kb.config.json"), "kb.config.json", DEFAULT_LIMITS, DEFAULT_LIMITS.maxFileBytes, repo)!;
    expect(inside.diagnostics).toEqual([]);
    expect(inside.value).toEqual([]);
  });

  it("a file over the limit is refused with its size", () => {
    const d = tmp();
    writeFileSync(path.join(d, "big.json"), "x".repeat(2048));
    expect(readBoundedFile(path.join(d, "big.json"), 1024)).toMatchObject({ ok: false, reason: "too-large", detail: "2048 bytes" });
  });

  it.runIf(existsSync("/proc/self/status"))("a file holding more than its size says is read whole, or refused past the limit, never cut short", () => {
    // /proc files report size 0: the buffer once ended one byte past the size seen, so this read gave "N".
    const read = readBoundedFile("/proc/self/status", 1 << 20, true);
    expect(read.ok && new TextDecoder().decode(read.bytes)).toMatch(/^Name:[\s\S]*\nPid:\s+\d+\n/);
    expect(readBoundedFile("/proc/self/status", 10, true)).toMatchObject({ ok: false, reason: "too-large", detail: "more than 10 bytes" });
  });

  it("as a prefix, reads only the first bytes of a larger file (an output folder's mark: every ancestor's README.md is asked)", () => {
    const d = tmp();
    writeFileSync(path.join(d, "README.md"), `<!-- mark -->${"x".repeat(4096)}`);
    const read = readBoundedFile(path.join(d, "README.md"), 13, true, true);
    expect(read.ok && Buffer.from(read.bytes).toString()).toBe("<!-- mark -->");
  });
});

describe("the guarded JSON parser", () => {
  it("stops deep nesting before the recursive parser", () => {
    const r = parseJsonText("x.json", "[".repeat(300_000), { maxDepth: 64, maxProblems: 100 });
    expect(r.diagnostics[0]).toMatchObject({ rule: "kb/json-syntax", line: 1, column: 65, message: "nesting deeper than 64 levels" });
  });

  it("is not fooled by a raw line break inside a string (jsonc-parser ends the string there)", () => {
    const text = `["x\n, ${"[".repeat(500_000)}`;
    expect(findExcessiveNesting(text, 64)).toBeDefined();
    const r = parseJsonText("x.json", text, { maxDepth: 64, maxProblems: 100 });
    expect(r.diagnostics.map((d) => d.rule)).toEqual(["kb/json-syntax"]);
    expect(r.diagnostics[0]!.message).toBe("nesting deeper than 64 levels");
  });

  it("describes at most maxProblems problems; one shared diagnostic at the end of the file stands for each of the rest (pass N: 524,286 held for one file)", () => {
    const text = `[${"1 ".repeat(1_000)}]`;
    const r = parseJsonText("x.json", text, { maxDepth: 64, maxProblems: 100 });
    expect(r.diagnostics).toHaveLength(999);
    expect(new Set(r.diagnostics).size).toBe(101);
    expect(r.diagnostics[99]).toMatchObject({ line: 1, column: 202, message: "invalid JSON: comma expected" });
    expect(r.diagnostics[100]).toMatchObject({ line: 1, column: text.length + 1, rule: "kb/json-syntax", message: "more JSON problems than the per-file limit (100); those past it are counted, not described" });
  });

  it("counts tokens with the parser's scanner, values without commas and unreadable symbols too", () => {
    expect(findExcessiveTokens("[1 1 1]", 4)).toBe(6);
    expect(findExcessiveTokens("[1 1 1]", 5)).toBeUndefined();
    expect(findExcessiveTokens(`["a,b,c,[[{", - - -]`, 5)).toBe(18);
    expect(findExcessiveTokens(`["a,b,c,[[{", - - -]`, 7)).toBeUndefined();
  });

  it("counts brackets inside strings as text", () => {
    const r = parseJsonText("x.json", JSON.stringify({ regex: "[".repeat(200) }), { maxDepth: 64, maxProblems: 100 });
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toEqual({ regex: "[".repeat(200) });
  });

  it("keeps __proto__ as data", () => {
    const r = parseJsonText("x.json", '{"__proto__": {"polluted": true}}', { maxDepth: 64, maxProblems: 100 });
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.keys(r.value as object)).toEqual(["__proto__"]);
  });
});
