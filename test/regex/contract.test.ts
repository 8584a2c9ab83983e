// The regex contract end to end: ReDoS patterns from the issue, portability both ways, collisions,
// bounded execution (a catastrophic regex on its own signature, a 1 MB line), python3 missing.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resolveSettings } from "../../scripts/cli/settings.ts";
import { canonicalText } from "../../scripts/fix/canonical.ts";
import { lintEntries } from "../../scripts/lint/run.ts";
import { makeRepo, runKb, TODAY, validEntry } from "../helpers/repo.ts";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function lintOne(overrides: Record<string, unknown>, limits?: Record<string, number>) {
  const files: Record<string, string> = { "entries/demo/sample-error.json": canonicalText(validEntry("demo/sample-error", overrides)) };
  if (limits) files["kb.config.json"] = JSON.stringify({ limits });
  const r = makeRepo(files);
  cleanups.push(r.cleanup);
  return (await lintEntries({ ...resolveSettings({}, r.dir), today: TODAY })).diagnostics;
}

describe("ReDoS", () => {
  it.each([
    ["(a+)+$", "aaaa"],
    ["(\\w+\\s?)*$", "word word"],
    ["^(a|a)*$", "aaaa"],
  ])("%s is an exponential-backtracking error naming the sub-pattern", async (regex, signature) => {
    const ds = (await lintOne({ signature, regex })).filter((d) => d.rule === "kb/regex-redos");
    expect(ds.length).toBeGreaterThan(0);
    expect(ds[0]!.severity).toBe("error");
    expect(ds[0]!.message).toMatch(/exponential backtracking: .*\(column \d+ of the pattern\)/);
  });

  it(".*a.*b.*c is a polynomial warning, and runs bounded on a long input", async () => {
    const long = "a".repeat(30_000);
    const ds = await lintOne({ signature: "xx a b c", regex: ".*a.*b.*c", examples: { match: [], no_match: [long] } });
    const redos = ds.filter((d) => d.rule === "kb/regex-redos");
    expect(redos.length).toBeGreaterThan(0);
    expect(redos.every((d) => d.severity === "warning")).toBe(true);
    expect(redos[0]!.message).toContain("polynomial");
  });

  it("a regex catastrophic on its own signature ends with a timeout diagnostic, not a hang", async () => {
    const ds = await lintOne({ signature: "Error: " + "a".repeat(40) + "!", regex: "^Error: (a+)+$|Error: a+!$" }, { regexTimeoutMs: 500 });
    const timeout = ds.find((d) => d.rule === "kb/regex-timeout");
    expect(timeout?.message).toMatch(/ran longer than 500 ms on signature in (JavaScript|Python)/);
    expect(ds.some((d) => d.rule === "kb/regex-redos" && d.severity === "error")).toBe(true);
  }, 20_000);
});

describe("portability", () => {
  it("points at the Python-only construct JavaScript rejects, with its column", async () => {
    const ds = (await lintOne({ signature: "Error: x", regex: "(?i)Error: x" })).filter((d) => d.rule === "kb/regex-compiles");
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain("Python-only inline flags");
    expect(ds[0]!.hint).toContain("case-insensitive");
  });

  it.each([
    ["Error: (?<code>x)", "named group"],
    ["Error: \\p{L}", "Unicode property escape"],
    ["(?<=Err|Error): x", "variable-width lookbehind"],
    ["Error: [^]", "JavaScript-only"],
  ])("flags the JavaScript-only construct in %s", async (regex, words) => {
    const ds = (await lintOne({ signature: "Error: x", regex })).filter((d) => d.rule === "kb/regex-portability");
    expect(ds.map((d) => d.message).join("\n")).toContain(words);
    expect(ds[0]!.message).toMatch(/column \d+ of the pattern/);
  });

  it("places the diagnostic on the construct's character in the file", async () => {
    const r = makeRepo({ "entries/demo/sample-error.json": canonicalText(validEntry("demo/sample-error", { signature: "Error: 42", regex: "Error: \\d+" })) });
    cleanups.push(r.cleanup);
    const ds = (await lintEntries({ ...resolveSettings({}, r.dir), today: TODAY })).diagnostics.filter((d) => d.rule === "kb/regex-portability");
    // line 4 is `  "regex": "Error: \\d+",`; the backslash of \d sits after `  "regex": "Error: `
    expect(ds[0]).toMatchObject({ line: 4, column: '  "regex": "Error: '.length + 1, severity: "warning" });
  });

  it("reports a pattern Python rejects that JavaScript accepts", async () => {
    const ds = (await lintOne({ signature: "Error: x", regex: "Error: (?<n>x)" })).filter((d) => d.rule === "kb/regex-python");
    expect(ds[0]?.message).toMatch(/Python rejects the regex at column \d+/);
  });

  it("warns once, not per entry, when python3 is missing", async () => {
    const r = makeRepo({
      "entries/demo/first-error.json": canonicalText(validEntry("demo/first-error")),
      "entries/demo/second-error.json": canonicalText(validEntry("demo/second-error")),
    });
    cleanups.push(r.cleanup);
    const res = await runKb(["lint", "--format", "json"], { cwd: r.dir, env: { PATH: path.join(r.dir, "no-bin") } });
    const ds = JSON.parse(res.stdout) as { rule: string; severity: string; message: string }[];
    expect(ds.filter((d) => d.rule === "kb/regex-python")).toEqual([expect.objectContaining({ severity: "warning", message: expect.stringContaining("skipped") })]);
    expect(res.code).toBe(0);
  });
});

describe("collisions", () => {
  it("reports both entries and the text when one regex matches another entry's signature", async () => {
    const r = makeRepo({
      "entries/demo/disk-error.json": canonicalText(validEntry("demo/disk-error", { signature: "Error: disk failed", regex: "Error: disk" })),
      "entries/demo/disk-full.json": canonicalText(validEntry("demo/disk-full", { signature: "Error: disk full", regex: "Error: disk full" })),
    });
    cleanups.push(r.cleanup);
    const ds = (await lintEntries({ ...resolveSettings({}, r.dir), today: TODAY })).diagnostics.filter((d) => d.rule === "kb/regex-collision");
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ file: "entries/demo/disk-error.json", pointer: "/regex" });
    expect(ds[0]!.message).toContain('demo/disk-full\'s signature "Error: disk full" (entries/demo/disk-full.json)');
  });

  it("allows a declared confusion only while lookup still ranks each entry first for its own texts", async () => {
    const confused = (other: string) => ({ transition_graph: { leads_to: [], preceded_by: [], frequently_confused_with: [{ error_id: other, distinction: "Different disks." }] } });
    // Both regexes cover all of "Error: disk full" with 16 literal characters; the fix rate decides.
    const lint = async (fullFixRate: number) => {
      const r = makeRepo({
        "entries/demo/disk-error.json": canonicalText(validEntry("demo/disk-error", { signature: "Error: disk failed", regex: "Error: disk (?:failed|full)", ...confused("demo/disk-full") })),
        "entries/demo/disk-full.json": canonicalText(validEntry("demo/disk-full", { signature: "Error: disk full", regex: "Error: disk full", fix_success_rate: fullFixRate, ...confused("demo/disk-error") })),
      });
      cleanups.push(r.cleanup);
      return (await lintEntries({ ...resolveSettings({}, r.dir), today: TODAY })).diagnostics.filter((d) => d.rule === "kb/regex-collision");
    };
    expect(await lint(0.9)).toEqual([]);
    expect(await lint(0.5)).toEqual([
      expect.objectContaining({ file: "entries/demo/disk-full.json", pointer: "/signature", message: expect.stringContaining("ranks demo/disk-error first") }),
    ]);
  });
});

describe("kb lookup", () => {
  it("finds an error inside a 1 MB line, and stays bounded with a catastrophic regex in the index", async () => {
    const r = makeRepo();
    cleanups.push(r.cleanup);
    mkdirSync(path.join(r.dir, "generated"));
    const index = {
      schema_version: "1.0.0",
      count: 2,
      entries: [
        { id: "demo/evil", regex: "^(a+)+$", signature: "aaaa", fix_success_rate: 0.5 },
        { id: "node/eaddrinuse", regex: "EADDRINUSE: address already in use", signature: "Error: listen EADDRINUSE: address already in use", fix_success_rate: 0.9 },
      ],
    };
    writeFileSync(path.join(r.dir, "generated/index.json"), JSON.stringify(index));
    const line = "a".repeat(500_000) + " Error: listen EADDRINUSE: address already in use :::3000 " + "a".repeat(500_000) + "!";
    const res = await runKb(["lookup", "-", "--format", "json", "--index", "generated/index.json"], { cwd: r.dir, input: line, timeoutMs: 60_000, env: { KB_TODAY: TODAY } });
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as { results: { id: string }[]; timedOut: string[] };
    expect(report.results.map((x) => x.id)).toEqual(["node/eaddrinuse"]);
    expect(report.timedOut).toEqual(["demo/evil"]);
  }, 60_000);
});
