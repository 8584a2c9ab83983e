// The limits that protect CI, through the real CLI: each one is enforced with a message naming the
// limit and its value, each is set in kb.config.json {"limits": {...}}, a bad config is a usage error
// (exit 2), and SECURITY.md documents every limit with its default.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, LIMIT_KEYS, type Limits } from "../../scripts/core/limits.ts";
import { canonicalText } from "../../scripts/fix/canonical.ts";
import { ROOT, runKb, validEntry } from "../helpers/repo.ts";
import { expectAllLocated, expectNoStackTrace, parseDiagnostics, tempDir, writeFiles, type JsonDiagnostic } from "./support.ts";

const ID = "lim/limited-entry";
const FILE = `entries/${ID}.json`;
const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

/** A repository with one entry and, when given, a kb.config.json with these limits. */
function repoWith(entry: string, limits?: Record<string, unknown> | string): string {
  const r = tempDir("kb-limits-");
  cleanups.push(r.cleanup);
  writeFiles(r.dir, { [FILE]: entry, ...(limits === undefined ? {} : { "kb.config.json": typeof limits === "string" ? limits : JSON.stringify({ limits }) }) });
  return r.dir;
}

async function lint(dir: string, extra: string[] = []): Promise<{ code: number | null; diagnostics: JsonDiagnostic[] }> {
  const r = await runKb(["lint", "--format", "json", ...extra], { cwd: dir, timeoutMs: 60_000 });
  expectNoStackTrace(r);
  const diagnostics = parseDiagnostics(r.stdout);
  expectAllLocated(diagnostics);
  return { code: r.code, diagnostics };
}

const plain = canonicalText(validEntry(ID));
const catastrophic = canonicalText(validEntry(ID, { signature: `${"a".repeat(34)}!`, regex: "^(a+)+$" }));

describe.concurrent("each limit is enforced, says which limit it is, and is set in kb.config.json", () => {
  it("the plain entry passes under the default limits", async () => {
    const { code, diagnostics } = await lint(repoWith(plain));
    expect(diagnostics).toEqual([]);
    expect(code).toBe(0);
  });

  it("maxFileBytes", async () => {
    const { code, diagnostics } = await lint(repoWith(plain, { maxFileBytes: 300 }));
    expect(code).toBe(1);
    expect(diagnostics.map((d) => [d.file, d.rule, d.line, d.column, d.message])).toEqual([[FILE, "kb/file-too-large", 1, 1, `the file is ${Buffer.byteLength(plain)} bytes; the limit is 300`]]);
    expect(diagnostics[0]!.hint).toMatch(/limits\.maxFileBytes in kb\.config\.json/);
  });

  it("maxStringLength", async () => {
    const { code, diagnostics } = await lint(repoWith(plain, { maxStringLength: 30 }));
    expect(code).toBe(1);
    const over = diagnostics.filter((d) => d.rule === "kb/string-length");
    expect(over.map((d) => d.pointer)).toContain("/root_cause");
    expect(over[0]!.message).toMatch(/longer than the limit of 30$/);
    expect(over[0]!.hint).toMatch(/limits\.maxStringLength/);
  });

  it("maxRegexLength", async () => {
    const { code, diagnostics } = await lint(repoWith(plain, { maxRegexLength: 10 }));
    expect(code).toBe(1);
    const found = diagnostics.filter((d) => d.rule === "kb/regex-length");
    expect(found.map((d) => [d.pointer, d.line])).toEqual([["/regex", plain.split("\n").findIndex((l) => l.includes('"regex"')) + 1]]);
    expect(found[0]!.message).toMatch(/the limit is 10$/);
    expect(found[0]!.hint).toMatch(/limits\.maxRegexLength/);
  });

  it("maxDepth", async () => {
    // The entry object is level 1, dead_ends level 2, its first item level 3.
    const { code, diagnostics } = await lint(repoWith(plain, { maxDepth: 2 }));
    expect(code).toBe(1);
    const line = plain.split("\n").findIndex((l) => l.includes('"dead_ends"')) + 2;
    expect(diagnostics.map((d) => [d.rule, d.line, d.message])).toEqual([["kb/json-syntax", line, "nesting deeper than 2 levels"]]);
  });

  it("maxDiagnosticsPerFile", async () => {
    const many = JSON.stringify({ ...validEntry(ID), ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`unknown_${i}`, i])) }, null, 2) + "\n";
    const { code, diagnostics } = await lint(repoWith(many, { maxDiagnosticsPerFile: 3 }));
    expect(code).toBe(1);
    const mine = diagnostics.filter((d) => d.file === FILE);
    expect(mine).toHaveLength(4);
    expect(mine.filter((d) => /^7 more problems in this file were not listed \(limit 3 per file\)$/.test(d.message))).toHaveLength(1);
  });

  it("regexTimeoutMs: a regex past the deadline is stopped and reported with the configured value", async () => {
    const { code, diagnostics } = await lint(repoWith(catastrophic, { regexTimeoutMs: 150 }));
    expect(code).toBe(1);
    const timeouts = diagnostics.filter((d) => d.rule === "kb/regex-timeout");
    expect(timeouts.map((d) => d.pointer)).toEqual(["/regex"]);
    expect(timeouts[0]!.message).toMatch(/^regex ran longer than 150 ms on signature in JavaScript( and Python)? and was stopped$/);
  });

  it("totalBudgetMs: when the run's budget is spent, the checks that did not run are reported", async () => {
    // The per-regex deadline is far away, so only the total budget can stop the catastrophic regex.
    const { code, diagnostics } = await lint(repoWith(catastrophic, { regexTimeoutMs: 120_000, totalBudgetMs: 400 }));
    expect(code).toBe(1);
    const budget = diagnostics.filter((d) => d.rule === "kb/regex-timeout");
    expect(budget.map((d) => d.message)).toEqual([expect.stringMatching(/^the regex checks stopped when the total time budget of 400 ms \(totalBudgetMs\) ran out; \d+ tests? of this regex did not run$/)]);
    expect(budget[0]!.hint).toMatch(/limits\.totalBudgetMs/);
  });
});

describe.concurrent("a bad configuration is a usage error: exit 2, one line, no stack trace", () => {
  const cases: [string, string | Record<string, unknown>, string[], RegExp][] = [
    ["not JSON", "{ limits: ", [], /kb\.config\.json is not valid JSON/],
    ["an unknown limit", { maxFileSize: 10 }, [], /unknown limit "maxFileSize" \(known: maxFileBytes, /],
    ["a limit that is not a positive number", { maxDepth: -1, regexTimeoutMs: "fast" }, [], /limit "maxDepth" must be a positive number; limit "regexTimeoutMs" must be a positive number/],
    ["limits that are not an object", '{"limits": [1, 2]}', [], /"limits" in kb\.config\.json must be an object/],
    ["a --config file that does not exist", "{}", ["--config", "missing.json"], /config file missing\.json does not exist/],
  ];
  for (const [name, config, flags, message] of cases) {
    it(name, async () => {
      const dir = repoWith(plain, config);
      const r = await runKb(["lint", ...flags], { cwd: dir });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expectNoStackTrace(r);
      expect(r.stdout).toBe("");
    });
  }
});

describe("SECURITY.md", () => {
  it("cites only tests that exist: every `file › name` (and `› name` after a file) is a test in that file", () => {
    const doc = readFileSync(path.join(ROOT, "SECURITY.md"), "utf8");
    let file: string | undefined;
    const cited: [string, string][] = [];
    for (const [, span] of doc.matchAll(/`([^`]+)`/g)) {
      const text = span!.replace(/\s+/g, " ");
      const full = /^(test\/\S+\.test\.ts)(?: › (.+))?$/.exec(text);
      if (full) file = full[1];
      const name = full ? full[2] : /^› (.+)$/.exec(text)?.[1];
      if (name && file) cited.push([file, name]);
    }
    expect(cited.length).toBeGreaterThan(40);
    for (const [f, name] of cited) {
      const source = readFileSync(path.join(ROOT, f), "utf8");
      for (const part of name.split("…").map((p) => p.trim()).filter(Boolean)) expect(source, `${f} › ${name}`).toContain(part);
    }
  });


  it("SECURITY.md lists every limit with its default value", () => {
    const doc = readFileSync(path.join(ROOT, "SECURITY.md"), "utf8");
    for (const key of LIMIT_KEYS) {
      const row = doc.split("\n").find((l) => l.startsWith(`| \`${key}\` |`));
      expect(row, key).toBeDefined();
      expect(row!.replace(/[ ,_]/g, ""), key).toContain(String(DEFAULT_LIMITS[key]));
    }
  });
});
