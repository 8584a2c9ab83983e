// Hostile input end to end, through the real CLI, where the fast tier checks only a layer: nesting
// hidden behind a raw line break in every JSON file kb reads, devices and FIFOs in their place, 50,000
// unknown keys, literal-free regexes by the thousand (lint and lookup in bounded memory and time),
// and bounded repeats that backtrack exponentially, looked up in a log. Each run must return, exit
// 0, 1 or 2 (never 3, never a stack trace), locate what it reports, and stay within its limits.
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MatchIndex, MatchIndexEntry } from "../../scripts/model/index-format.ts";
import { entryText, validEntry } from "../helpers/entries.ts";
import { ROOT, runKb } from "../helpers/repo.ts";
import { expectAllLocated, expectNoCrash, fingerprintTree, parseDiagnostics, runKbMeasured, tempDir, writeFiles } from "./support.ts";

/** Generous: far above what these runs need (about 100-500 MiB), far below what the defects cost (0.6 to 4 GiB, or a crash). */
const MEMORY_BOUND_MIB = 1024;

let work: { dir: string; cleanup: () => void };
beforeAll(() => {
  work = tempDir("kb-hostile-");
});
afterAll(() => work?.cleanup());

/** A fresh repository with one valid entry (and the given files), under the suite's folder. */
function repo(name: string, files: Record<string, string | Buffer> = {}): string {
  const dir = path.join(work.dir, name);
  writeFiles(dir, { "package.json": "{}\n", "entries/demo/sample-error.json": entryText(validEntry()), ...files });
  return dir;
}

/** A literal-free regex (no 3 characters in a row are fixed), varied by i, and a line it matches. */
function literalFree(i: number): { regex: string; line: string } {
  const a = 1 + (i % 7);
  const b = 1 + (Math.floor(i / 7) % 7);
  const c = 1 + (Math.floor(i / 49) % 7);
  const d = Math.floor(i / 343) % 4;
  return { regex: `^[a-z]{${a}}[0-9]{${b}}[#-%]{${c}}(?:[a-z]|[A-Z0-9]){0,${d}}$`, line: `${"q".repeat(a)}${"7".repeat(b)}${"#".repeat(c)}${"x".repeat(d)}` };
}

/** A match.json entry as kb build writes it, for indexes handed to kb lookup --index. */
const indexEntry = (id: string, regex: string, signature: string): MatchIndexEntry => ({
  id,
  signature,
  regex,
  flags: "iu",
  literals: null,
  literal_chars: 0,
  fix_success_rate: 0.5,
  fix: { action: "Do the thing", command: null, success_rate: 0.5, rate_basis: "estimate", risk: null },
  dead_end: null,
  confused_with: [],
  view: `${id}.md`,
});
const matchIndex = (entries: MatchIndexEntry[]): MatchIndex => ({ schema_version: "2.0.0", count: entries.length, entries });

describe("every JSON file kb reads goes through the guarded reader", () => {
  /** 500,000 brackets after a raw line break inside a string: jsonc-parser ends the string at the break. */
  const disguised = `["x\n, ${"[".repeat(500_000)}`;

  it("nesting hidden behind a raw line break in a string, in an entry, lint-exceptions.json and kb.config.json: located kb/json-syntax at the 65th bracket, not a crash", async () => {
    const entry = repo("deep-entry", { "entries/demo/deep.json": disguised });
    const before = fingerprintTree(entry);
    const build = await runKbMeasured(["build", "--format", "json"], { cwd: entry });
    expectNoCrash(build);
    expect(build.code).toBe(1);
    expect(parseDiagnostics(build.stdout).map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual(["entries/demo/deep.json:2:66 kb/json-syntax nesting deeper than 64 levels"]);
    expect(fingerprintTree(entry)).toEqual(before);
    expect(build.peakMiB).toBeLessThan(MEMORY_BOUND_MIB);

    for (const plain of [disguised, "[".repeat(300_000)]) {
      const exceptions = repo(`deep-exceptions-${plain.length}`, { "lint-exceptions.json": plain });
      const lint = await runKb(["lint", "--format", "json"], { cwd: exceptions });
      expectNoCrash(lint);
      expect(lint.code).toBe(1);
      const [d, ...rest] = parseDiagnostics(lint.stdout);
      expect(rest).toEqual([]);
      expect([d!.file, d!.rule, d!.message]).toEqual(["lint-exceptions.json", "kb/json-syntax", "nesting deeper than 64 levels"]);
      expect([d!.line, d!.column]).toEqual(plain === disguised ? [2, 66] : [1, 65]);
    }

    const config = repo("deep-config", { "kb.config.json": disguised });
    const lint = await runKb(["lint"], { cwd: config });
    expectNoCrash(lint);
    expect(lint.code).toBe(2);
    expect(lint.stderr).toContain("kb.config.json:2:66 nesting deeper than 64 levels");
  });

  it("a link to /dev/zero and a FIFO as lint-exceptions.json or kb.config.json are refused before a byte is read: located, quick and small, never ignored", async () => {
    for (const name of ["lint-exceptions.json", "kb.config.json"]) {
      for (const kind of ["device", "FIFO"] as const) {
        const dir = repo(`${kind}-${name}`);
        if (kind === "device") symlinkSync("/dev/zero", path.join(dir, name));
        else execFileSync("mkfifo", [path.join(dir, name)]);
        const r = await runKbMeasured(["lint", "--format", "json"], { cwd: dir, timeoutMs: 120_000 });
        expectNoCrash(r, `${kind} ${name}`);
        expect(r.peakMiB, `${kind} ${name}`).toBeLessThan(256);
        if (name === "kb.config.json") {
          expect(r.code).toBe(2);
          expect(r.stderr).toContain(`kb.config.json:1:1 ${kind === "device" ? "is a symbolic link to a file outside the repository" : "is a FIFO, not a regular file"}`);
        } else {
          expect(r.code).toBe(1);
          expect(parseDiagnostics(r.stdout).map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([`lint-exceptions.json:1:1 kb/json-syntax ${kind === "device" ? "is a symbolic link to a file outside the repository; kb does not read it" : "is a FIFO, not a regular file"}`]);
        }
      }
    }
  });

  it("an --index that is a link to /dev/zero, a FIFO or nested 500,000 deep: exit 2 naming the file, quickly", async () => {
    const dir = repo("bad-index");
    symlinkSync("/dev/zero", path.join(dir, "zero.json"));
    execFileSync("mkfifo", [path.join(dir, "fifo.json")]);
    writeFileSync(path.join(dir, "deep.json"), disguised);
    writeFileSync(path.join(dir, "deeper.json"), `{"schema_version": "2.0.0", "count": 1, "entries": [${"[".repeat(500_000)}${"]".repeat(500_000)}]}`);
    for (const file of ["zero.json", "fifo.json", "deep.json"]) {
      const r = await runKbMeasured(["lookup", "--index", file, "SampleError"], { cwd: dir, timeoutMs: 120_000 });
      expectNoCrash(r, file);
      expect(r.code, file).toBe(2);
      expect(r.stderr).toContain(file);
      expect(r.peakMiB, file).toBeLessThan(256);
    }
    // Valid JSON, but deeper than any index: refused before it is parsed (pass O).
    const deeper = await runKb(["lookup", "--index", "deeper.json", "SampleError"], { cwd: dir });
    expectNoCrash(deeper);
    expect(deeper.code).toBe(2);
    expect(deeper.stderr).toContain("deeper.json holds nesting deeper than 64 levels, more than an index of any real corpus");
  });

  it("an --index of more JSON values than any real index (16,000,001 zeros, 32 MB): exit 2 before it is parsed, in bounded memory", async () => {
    const dir = repo("many-values");
    writeFileSync(path.join(dir, "zeros.json"), `{"schema_version": "2.0.0", "entries": [${"0,".repeat(16_000_000)}0]}`);
    const r = await runKbMeasured(["lookup", "--index", "zeros.json", "SampleError"], { cwd: dir, timeoutMs: 120_000 });
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("zeros.json holds more than 16000000 JSON values, more than an index of any real corpus; it is not read");
    expect(r.peakMiB).toBeLessThan(512); // parsed, 70 million such values took 4.8 GB
  });
});

describe("too many problems in one file", () => {
  it("50,000 unknown keys in one entry: the first 100 located at their keys, the rest counted in one kb/too-many-problems line", async () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}`);
    // Spaced out to stay under the token cap (2,000 plus one per 4 characters): each key line holds 4 tokens in 18 characters.
    const text = entryText(validEntry("demo/many-keys")).replace(/\n}\n$/, `,\n${keys.map((k) => `  "${k}":    0`).join(",\n")}\n}\n`);
    const dir = repo("many-keys", { "entries/demo/many-keys.json": text });
    const r = await runKbMeasured(["lint", "--format", "json"], { cwd: dir });
    expectNoCrash(r);
    expect(r.code).toBe(1);
    const mine = parseDiagnostics(r.stdout).filter((d) => d.file === "entries/demo/many-keys.json");
    expectAllLocated(mine, () => text.split("\n").length);
    const located = mine.filter((d) => d.rule !== "kb/too-many-problems");
    expect(located).toHaveLength(100);
    const lines = text.split("\n");
    for (const d of located.filter((x) => x.message.startsWith("unknown key"))) expect(lines[d.line - 1]!.slice(d.column - 1)).toMatch(/^"k\d+": +0/);
    const overflow = mine.filter((d) => d.rule === "kb/too-many-problems");
    expect(overflow).toHaveLength(1);
    expect(Number(/^(\d+) more problems/.exec(overflow[0]!.message)?.[1])).toBeGreaterThanOrEqual(49_900);
    expect(r.peakMiB).toBeLessThan(MEMORY_BOUND_MIB);
  });

  it("unknown keys cost time in proportion to their number: four times the keys, well under six times the CPU time", async () => {
    const withKeys = (count: number) => entryText(validEntry("demo/many-keys")).replace(/\n}\n$/, `,\n${Array.from({ length: count }, (_, i) => `  "k${i}":    0`).join(",\n")}\n}\n`);
    const cpu: number[] = [];
    for (const count of [25_000, 100_000]) {
      const dir = repo(`scaling-${count}`, { "kb.config.json": JSON.stringify({ limits: { maxFileBytes: 4 * 1024 * 1024 } }), "entries/demo/many-keys.json": withKeys(count) });
      const r = await runKbMeasured(["lint", "--format", "json", "--no-python"], { cwd: dir });
      expectNoCrash(r);
      expect(r.code).toBe(1);
      expect(parseDiagnostics(r.stdout).filter((d) => d.file === "entries/demo/many-keys.json")).toHaveLength(101);
      cpu.push(r.cpuMs!);
    }
    // Linear work gives about 4 (less with start-up counted in both); a step quadratic in the keys gives 12 or more.
    console.log(`unknown keys: 25,000 cost ${cpu[0]} ms of CPU, 100,000 cost ${cpu[1]} ms`);
    expect(cpu[1]! / cpu[0]!, `CPU ${cpu.join(" ms, ")} ms`).toBeLessThan(6);
  });

  it("50,000 copies of one key: capped the same way, each listed copy at its own line", async () => {
    const text = `{\n${Array.from({ length: 50_000 }, (_, i) => `  "id":    ${i}`).join(",\n")}\n}\n`;
    const dir = repo("copies", { "entries/demo/copies.json": text });
    const r = await runKb(["lint", "--format", "json"], { cwd: dir });
    expectNoCrash(r);
    expect(r.code).toBe(1);
    const mine = parseDiagnostics(r.stdout).filter((d) => d.file === "entries/demo/copies.json");
    expectAllLocated(mine, () => 50_002);
    expect(mine.length).toBe(101);
    const duplicates = mine.filter((d) => d.rule === "kb/duplicate-key");
    expect(duplicates.length).toBeGreaterThan(0);
    for (const d of duplicates) expect(d.line).toBeGreaterThanOrEqual(3);
    expect(mine.filter((d) => d.rule === "kb/too-many-problems")).toHaveLength(1);
  });
});

describe("literal-free regexes at scale", () => {
  it("5,000 entries whose regexes have no literal: lint completes in bounded memory and names every one", async () => {
    const dir = path.join(work.dir, "literal-free-lint");
    const files: Record<string, string> = { "package.json": "{}\n" };
    for (let i = 0; i < 5_000; i++) {
      const { regex, line } = literalFree(i);
      const id = `free${i % 8}/literal-free-${i}`;
      files[`entries/${id}.json`] = entryText(validEntry(id, { signature: line, regex, examples: { match: [line], no_match: ["nothing like it"] } }));
    }
    writeFiles(dir, files);
    const r = await runKbMeasured(["lint", "--format", "json"], { cwd: dir, timeoutMs: 600_000 });
    expectNoCrash(r);
    expect(r.code).toBe(1);
    expect(r.peakMiB, `peak ${r.peakMiB} MiB`).toBeLessThan(MEMORY_BOUND_MIB);
    const diagnostics = parseDiagnostics(r.stdout);
    expectAllLocated(diagnostics);
    expect(new Set(diagnostics.filter((d) => d.rule === "kb/regex-specificity").map((d) => d.file)).size).toBe(5_000);
    console.log(`lint of 5,000 literal-free entries: ${r.ms} ms, peak ${r.peakMiB} MiB`);
  });

  /** 100,000 ordinary log lines, with `hits` (line number → text) in place. */
  const log = (hits: Record<number, string>) => Array.from({ length: 100_000 }, (_, i) => hits[i + 1] ?? `2026-12-01T10:00:${String(i % 60).padStart(2, "0")}Z worker[${i % 17}] processed batch ${i} in ${i % 997} ms`).join("\n") + "\n";

  it("a 100,000-line log against a literal-free --index of 3,000 entries: kb lookup returns within totalBudgetMs, in bounded memory, and names every entry it could not run to the end", async () => {
    const budgetMs = 20_000;
    const entries = Array.from({ length: 3_000 }, (_, i) => indexEntry(`free/e-${i}`, literalFree(i).regex, literalFree(i).line));
    // Entry 0 first matches early, entry 1 only near the end of the log.
    const dir = repo("literal-free-lookup", { "kb.config.json": JSON.stringify({ limits: { totalBudgetMs: budgetMs } }), "free.json": JSON.stringify(matchIndex(entries)) });
    const input = log({ 1_001: literalFree(0).line, 99_001: literalFree(1).line });
    const r = await runKbMeasured(["lookup", "--index", "free.json", "--format", "json", "--limit", "1000", "-"], { cwd: dir, input, timeoutMs: 600_000 });
    expectNoCrash(r);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { results: { id: string; line: number }[]; timed_out: string[] };
    expect(report.results.find((h) => h.id === "free/e-0")?.line).toBe(1_001);
    // Never a silent miss: an entry not found is one that ran over every line or is named as cut short.
    const late = report.results.find((h) => h.id === "free/e-1");
    if (late) expect(late.line).toBe(99_001);
    else expect(report.timed_out).toContain("free/e-1");
    // The budget bounds the regex work; the rest (start-up, reading, normalising 100,000 lines) gets a wide margin.
    expect(r.ms, `${r.ms} ms`).toBeLessThan(budgetMs + 90_000);
    expect(r.peakMiB, `peak ${r.peakMiB} MiB`).toBeLessThan(MEMORY_BOUND_MIB);
    console.log(`guarded lookup of 100,000 lines against 3,000 literal-free entries: ${r.ms} ms, peak ${r.peakMiB} MiB, ${report.timed_out.length} entries cut short`);
  });

  it("a 100,000-line log against the repository's own match.json of 400 literal-free entries (specificity turned off): found on the right lines, in bounded memory", async () => {
    const dir = path.join(work.dir, "literal-free-own-index");
    const files: Record<string, string> = { "package.json": "{}\n", "kb.config.json": JSON.stringify({ rules: { "kb/regex-specificity": "off", "kb/regex-collision": "off", "kb/duplicate-signature": "off" } }) };
    for (let i = 0; i < 400; i++) {
      const { regex, line } = literalFree(i);
      files[`entries/free/literal-free-${i}.json`] = entryText(validEntry(`free/literal-free-${i}`, { signature: line, regex, examples: { match: [line], no_match: ["nothing like it"] } }));
    }
    writeFiles(dir, files);
    const build = await runKb(["build"], { cwd: dir, timeoutMs: 300_000 });
    expect(build.code, build.stderr + build.stdout).toBe(0);
    const input = log({ 1_001: literalFree(0).line, 99_001: literalFree(1).line });
    const r = await runKbMeasured(["lookup", "--format", "json", "-"], { cwd: dir, input, timeoutMs: 600_000 });
    expectNoCrash(r);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { results: { id: string; line: number }[] };
    expect(report.results.find((h) => h.id === "free/literal-free-0")?.line).toBe(1_001);
    expect(report.results.find((h) => h.id === "free/literal-free-1")?.line).toBe(99_001);
    // Tighter than elsewhere: about 150 MiB are needed; candidate lists held for every line at once cost 700.
    expect(r.peakMiB, `peak ${r.peakMiB} MiB`).toBeLessThan(MEMORY_BOUND_MIB / 2);
    console.log(`trusted lookup of 100,000 lines against 400 literal-free entries: ${r.ms} ms, peak ${r.peakMiB} MiB`);
  });
});

describe("bounded repeats that backtrack exponentially", () => {
  it("an --index of the four patterns issue 12 names, on a 200-line log of lines that make them backtrack: each stops at its first timeout, the rest of the log is still searched", async () => {
    const patterns = [
      ["x/bounded-overlap", "(?:[a-z]|[a-z0-9]){1,80}!"],
      ["x/a-or-aa", "^(?:a|aa){1,60}$"],
      ["x/nested-bounds", "^(?:a{1,30}){1,30}$"],
      ["x/a-b-ab", "(?:a|b|ab){1,100}c"],
    ] as const;
    const index = matchIndex([...patterns.map(([id, regex]) => indexEntry(id, regex, "aaaa")), indexEntry("x/real", "SampleError: the real widget refused to start", "SampleError: the real widget refused to start")]);
    const dir = repo("redos-lookup", { "redos.json": JSON.stringify(index) });
    // Each pattern backtracks exponentially on one of the two kinds of line, and matches neither.
    const hostileLines = Array.from({ length: 200 }, (_, i) => (i % 2 ? `${"a".repeat(60)}b` : "ab".repeat(30)));
    const input = [...hostileLines, "SampleError: the real widget refused to start"].join("\n");
    const r = await runKbMeasured(["lookup", "--index", "redos.json", "--format", "json", "--limit", "1000", "-"], { cwd: dir, input, timeoutMs: 600_000 });
    expectNoCrash(r);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { results: { id: string; line: number }[]; timed_out: string[] };
    expect(report.results.find((h) => h.id === "x/real")?.line).toBe(201);
    // Once per hostile regex (1 s each by default), not once per line (200 s each).
    expect(r.ms, `${r.ms} ms`).toBeLessThan(90_000);
    expect(report.timed_out).toEqual(patterns.map(([id]) => id).sort());
  });
});

describe("text that tries to become a GitHub workflow command", () => {
  it("a file name and keys with line breaks, :: and markup stay inside their own annotation, and the job summary renders as text", async () => {
    const dir = repo("workflow-commands", {
      "entries/x/evil\n::warning file=README.md::owned.json": "{}",
      "entries/x/keyed.json": JSON.stringify({ ...validEntry("x/keyed"), "k\n::error::injected%0A": 1, "<script>x</script> [a](javascript:b) WWW.EVIL.EXAMPLE": 2 }, null, 2),
    });
    const summary = path.join(work.dir, "workflow-commands-summary.md");
    const r = await runKb(["lint", "--format", "github"], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expectNoCrash(r);
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n").filter((l) => l !== "");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    // Every line is one annotation: its properties hold no raw : or , and its data no line break.
    for (const line of lines) expect(line).toMatch(/^::(?:error|warning) file=[^:,\n]*,line=\d+,col=\d+,title=kb\/[a-z-]+::[^\n]*$/);
    expect(r.stdout).toContain("file=entries/x/evil%0A%3A%3Awarning file=README.md%3A%3Aowned.json,");
    expect(r.stdout).toContain('unknown key "k%0A::error::injected%250A"');
    const html = execFileSync("cmark-gfm", ["--unsafe", "-e", "table", "-e", "autolink", "-e", "tagfilter"], { input: readFileSync(summary, "utf8"), encoding: "utf8" });
    expect(html).toContain("<table>");
    expect(html).not.toMatch(/<a |<script|<img/);
  });
});

describe("limits set in kb.config.json", () => {
  it("maxFileBytes: a 2 MiB entry is refused by its size at 1:1 before it is read, and read once the limit allows it", async () => {
    const big = entryText(validEntry("demo/big", { root_cause: "x".repeat(2 * 1024 * 1024) }));
    const dir = repo("file-too-large", { "entries/demo/big.json": big });
    const r = await runKbMeasured(["lint", "--format", "json"], { cwd: dir });
    expectNoCrash(r);
    expect(r.code).toBe(1);
    expect(parseDiagnostics(r.stdout).map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([`entries/demo/big.json:1:1 kb/file-too-large the file is ${Buffer.byteLength(big)} bytes; the limit is 1048576 bytes`]);
    writeFileSync(path.join(dir, "kb.config.json"), JSON.stringify({ limits: { maxFileBytes: 4 * 1024 * 1024 } }));
    const raised = await runKb(["lint", "--format", "json"], { cwd: dir });
    expect(parseDiagnostics(raised.stdout).map((d) => d.rule)).toEqual(["kb/string-length"]);
  });

  it("maxFileBytes holds for lint-exceptions.json and kb.config.json too: refused by size at 1:1, never read or ignored", async () => {
    const padded = `{${" ".repeat(2 * 1024 * 1024)}}`;
    const exceptions = await runKb(["lint", "--format", "json"], { cwd: repo("exceptions-too-large", { "entries/demo/sample-error.json": entryText(validEntry()), "lint-exceptions.json": padded }) });
    expectNoCrash(exceptions);
    expect(exceptions.code).toBe(1);
    expect(parseDiagnostics(exceptions.stdout).map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([`lint-exceptions.json:1:1 kb/json-syntax the file is ${padded.length} bytes, more than the limit of 1048576 bytes`]);
    const config = await runKb(["lint"], { cwd: repo("config-too-large", { "entries/demo/sample-error.json": entryText(validEntry()), "kb.config.json": padded }) });
    expectNoCrash(config);
    expect(config.code).toBe(2);
    expect(config.stderr).toBe(`kb: kb.config.json:1:1 the file is ${padded.length} bytes, more than the limit of 1048576 bytes (check that this is the file you meant; limits.maxFileBytes in kb.config.json sets the limit, and kb.config.json itself is held to the default)\n`);
  });

  it("limits raised far past their defaults: a 60 MB root cause builds through the worker pool (done in the main thread), where V8 aborted the whole process when a worker ran out of heap", async () => {
    const huge = validEntry("demo/huge", { root_cause: `${"word ".repeat(12_000_000)}end.` });
    const dir = repo("worker-heap", { "entries/demo/huge.json": entryText(huge), "entries/demo/other-error.json": entryText(validEntry("demo/other-error")), "kb.config.json": JSON.stringify({ limits: { maxFileBytes: 200_000_000, maxStringLength: 100_000_000 } }) });
    // KB_POOL_MIN=1: the pool starts for these three entries, as it would for 300.
    const r = await runKb(["build"], { cwd: dir, env: { KB_POOL_MIN: "1" }, timeoutMs: 240_000 });
    expectNoCrash(r);
    expect(r.stderr).not.toContain("heap out of memory");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/kb build: \d+ files in generated/);
    expect(readFileSync(path.join(dir, "generated/demo/huge.md"), "utf8")).toContain("word word word");
  }, 300_000);

  it("totalBudgetMs spent: lint fails and names, at each regex, the tests that did not run", async () => {
    // 1 ms of regex time for the shipped entries' 600-odd tests: worker start-up alone spends it, on any machine.
    const dir = path.join(work.dir, "budget-spent");
    cpSync(path.join(ROOT, "entries"), path.join(dir, "entries"), { recursive: true });
    writeFiles(dir, { "package.json": "{}\n", "node_modules/.keep": "", "kb.config.json": JSON.stringify({ limits: { totalBudgetMs: 1 } }) });
    const spent = await runKb(["lint", "--format", "json"], { cwd: dir });
    expectNoCrash(spent);
    expect(spent.code).toBe(1);
    const cut = parseDiagnostics(spent.stdout).filter((d) => d.rule === "kb/regex-timeout" && /total time budget of 1 ms \(totalBudgetMs\) ran out; (\d+ tests? of this regex did not run|its backtracking analysis did not run)/.test(d.message));
    expect(cut.length).toBeGreaterThan(0);
    for (const d of cut) expect(readFileSync(path.join(dir, d.file), "utf8").split("\n")[d.line - 1]!.slice(d.column - 1), d.file).toMatch(/^"/); // at the regex's value
    for (const d of cut) expect(readFileSync(path.join(dir, d.file), "utf8").split("\n")[d.line - 1], d.file).toMatch(/^\s*"regex": /);
    // The same entries with the default budget: clean, so every error above came from the budget.
    writeFileSync(path.join(dir, "kb.config.json"), "{}\n");
    const again = await runKb(["lint", "--format", "json"], { cwd: dir });
    expect(parseDiagnostics(again.stdout)).toEqual([]);
    expect(again.code).toBe(0);
  });

  it("maxIndexBytes: an --index over the limit is refused by its size, exit 2", async () => {
    const dir = repo("index-too-large", { "kb.config.json": JSON.stringify({ limits: { maxIndexBytes: 1000 } }), "index.json": JSON.stringify(matchIndex(Array.from({ length: 20 }, (_, i) => indexEntry(`x/e-${i}`, `SampleError number ${i}`, `SampleError number ${i}`)))) });
    const r = await runKb(["lookup", "--index", "index.json", "SampleError number 1"], { cwd: dir });
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/index\.json is \d+ bytes, more than the limit of 1000/);
  });

  it("a limit that is unknown, not a positive whole number, or limits that are not an object: a usage error (exit 2) at its place in kb.config.json", async () => {
    const cases: [string, string][] = [
      ['{"limits": {"regexTimeoutMs": -1}}', "kb.config.json:1:31 limits.regexTimeoutMs must be > 0"],
      ['{"limits": {"bogus": 1}}', 'kb.config.json:1:13 unknown key "bogus" in limits'],
      ['{"limits": 5}', "kb.config.json:1:12 limits must be object"],
      ['{"limits": {"maxDepth": "64"}}', "kb.config.json:1:25 limits.maxDepth must be integer"],
      ['{"limits": {"maxDiagnosticsPerFile": 1.5}}', "kb.config.json:1:38 limits.maxDiagnosticsPerFile must be integer"],
      // Past 2^53 a number is no longer whole for sure: located too (pass V: an unlocated line).
      ['{"limits": {"maxFileBytes": 1e308}}', "kb.config.json:1:29 limits.maxFileBytes must be <= 9007199254740991"],
    ];
    for (const [config, message] of cases) {
      const dir = repo(`bad-limits-${cases.findIndex(([c]) => c === config)}`, { "kb.config.json": config });
      const r = await runKb(["lint"], { cwd: dir });
      expectNoCrash(r);
      expect(r.code, config).toBe(2);
      expect(r.stderr, config).toContain(message);
    }
  });
});

describe("text that tries to take over a terminal", () => {
  it("kb lookup prints an index's signatures, fixes and dead ends with every control, escape and bidi override shown escaped; json keeps them exact", async () => {
    const osc52 = "\u001b]52;c;ZXZpbA==\u0007";
    const entry: MatchIndexEntry = {
      ...indexEntry("x/escapes", "SampleError: the terminal widget", `SampleError: the terminal widget ${osc52}\u001b[2J\u202efdp.exe`),
      fix: { action: `Run ${osc52}this`, command: "echo \u001b]8;;https://evil.example\u0007CLICK\u001b]8;;\u0007", success_rate: 0.5, rate_basis: "estimate", risk: null },
      dead_end: { action: "Retry \u009b31m", why_fails: "It \u0007rings" },
    };
    const dir = repo("terminal", { "escapes.json": JSON.stringify(matchIndex([entry])) });
    const stylish = await runKb(["lookup", "--index", "escapes.json", "SampleError: the terminal widget"], { cwd: dir });
    expectNoCrash(stylish);
    expect(stylish.code).toBe(0);
    expect(stylish.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
    expect(stylish.stdout).toContain("\\u001b]52;c;ZXZpbA==\\u0007");
    const json = await runKb(["lookup", "--index", "escapes.json", "--format", "json", "SampleError: the terminal widget"], { cwd: dir });
    const hit = (JSON.parse(json.stdout) as { results: { signature: string; fix: { action: string } }[] }).results[0]!;
    expect([hit.signature, hit.fix.action]).toEqual([entry.signature, entry.fix.action]);
  });
});

describe("ids and paths that try to escape or impersonate", () => {
  it("ids with ../, absolute paths, URL-encoded dots, backslashes and look-alikes of an existing id; Windows device names; look-alike, upper-case and .JSON file names; a second file claiming an id: each an error at its place, and kb build writes nothing anywhere", async () => {
    const placeholder = entryText(validEntry("x/placeholder"));
    const ids = ["../../../etc/passwd", "/tmp/evil", "%2e%2e/%2e%2e%2fetc", "..\\..\\windows", "git/Push-Rejected", "git/push-rej\u0435cted", "git/push\uff0drejected", "git/push-rejected\u200b"];
    const files: Record<string, string> = { "entries/git/push-rejected.json": entryText(validEntry("git/push-rejected")) };
    ids.forEach((id, i) => (files[`entries/x/escape-${i}.json`] = placeholder.replace('"id": "x/placeholder"', `"id": ${JSON.stringify(id)}`)));
    const devices = ["x/con", "x/nul", "x/com1", "x/lpt9", "aux/thing", "prn/thing"];
    for (const id of devices) files[`entries/${id}.json`] = entryText(validEntry(id));
    const lookAlikes = ["entries/x/%2e%2e.json", "entries/git/Push-Rejected.json", "entries/git/push-rej\u0435cted.json"];
    for (const f of [...lookAlikes, "entries/git/push-rejected.JSON", "entries/git/impostor.json"]) files[f] = entryText(validEntry("git/push-rejected"));
    const dir = path.join(work.dir, "escape", "repo");
    writeFiles(path.join(work.dir, "escape"), { "outside/secret.json": entryText(validEntry("outside/secret")) });
    writeFiles(dir, { "package.json": "{}\n", ...files });
    const before = fingerprintTree(path.join(work.dir, "escape"));
    const r = await runKb(["build", "--format", "json"], { cwd: dir });
    expectNoCrash(r);
    expect(r.code).toBe(1);
    expect(fingerprintTree(path.join(work.dir, "escape"))).toEqual(before);
    const found = parseDiagnostics(r.stdout).map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`);
    const expected = [
      ...ids.map((_, i) => `entries/x/escape-${i}.json:2:9 kb/schema id must be "<domain>/<slug>", both lowercase kebab-case`),
      ...devices.map((id) => expect.stringMatching(new RegExp(`^entries/${id}\\.json:1:1 kb/stray-file this path cannot be an entry: "${id.startsWith("x/") ? id.slice(2) : id.split("/")[0]}" is a reserved device name on Windows`))),
      ...lookAlikes.map((f) => expect.stringMatching(new RegExp(`^${f.replace(/[.%]/g, "\\$&")}:1:1 kb/stray-file this path cannot be an entry: .* is not lowercase kebab-case`))),
      "entries/git/push-rejected.JSON:1:1 kb/stray-file is not a .json file; entries/ holds only entries",
      expect.stringMatching(/^entries\/git\/impostor\.json:2:9 kb\/duplicate-id id "git\/push-rejected" is also claimed by /),
      `entries/git/impostor.json:2:9 kb/id-matches-path id "git/push-rejected" does not match the file's path, which says "git/impostor"`,
    ];
    expect(found).toEqual(expect.arrayContaining(expected));
  });
});
