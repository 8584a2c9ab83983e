// Lookup's matching: input normalised (escape sequences, CRLF, wrapped and JSON-escaped messages),
// a matcher made once and reused, trusted and guarded paths that agree, hostile indexes reduced to
// their usable entries (each skip reported), bounded work on literal-free regexes, near misses.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createMatcher, MAX_INDEX_LITERAL_CHARS, type MatchableEntry } from "../../scripts/match/matcher.ts";
import type { MatchIndexEntry } from "../../scripts/model/index-format.ts";
import { ROOT } from "../helpers/repo.ts";
import { hasTooManyLines, MAX_ESCAPED_TOTAL, MAX_LINES, normaliseInput, stripEscapes } from "../../scripts/match/normalise-input.ts";

const entry = (id: string, regex: string, literals: string[] | null, signature = id): MatchableEntry => ({ id, regex, signature, fix_success_rate: 0.5, literals, literal_chars: literals?.[0]?.length ?? 0 });

const docker = entry("docker/socket", "permission denied while trying to connect to the Docker daemon socket", ["permission denied while trying to connect to the docker daemon socket"], "permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock");
const port = entry("node/eaddrinuse", "EADDRINUSE: address already in use", ["eaddrinuse: address already in use"]);

describe("input normalisation", () => {
  it("removes colour codes between tokens, OSC links and clipboard writes", () => {
    expect(stripEscapes("\u001b[31mError:\u001b[0m \u001b[1mEADDRINUSE\u001b[22m")).toBe("Error: EADDRINUSE");
    expect(stripEscapes("\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 \u001b]52;c;aGk=\u0007x")).toBe("click x");
    expect(stripEscapes("\u009b31mred\u009b0m")).toBe("red");
  });

  it("reads CRLF and progress-bar CRs as line breaks", () => {
    expect(normaliseInput("a\r\nb\rc").lines).toEqual(["a", "b", "c"]);
  });

  it("reads NEL, U+2028 and U+2029 as line breaks, and leaves no character in a line that JavaScript and Python read differently", () => {
    expect(normaliseInput("a\u2028b\u2029c\u0085d").lines).toEqual(["a", "b", "c", "d"]);
    expect(hasTooManyLines("a\u2028".repeat(MAX_LINES))).toBe(true);
    // . is not \r, U+2028 or U+2029 in JavaScript; \s is U+001C-U+001F and NEL in Python only, U+FEFF in JavaScript only.
    const input = normaliseInput('x\u001cy\u001fz\ufeffw\r{"msg":"p\\u2028q"}\u2028tail');
    expect(input.lines).toEqual(["x y zw", '{"msg":"p\\u2028q"}', "tail"]);
    for (const c of input.candidates) expect(c.text).not.toMatch(/[\r\n\u0085\u2028\u2029\u001c-\u001f\u0130\u0131\ufeff]/u);
    // Python's IGNORECASE folds ı and İ onto i and I ([a-z] included), JavaScript's "iu" does not: read as i and I.
    expect(normaliseInput("fatal: not a gıt repository: İNVALID").lines).toEqual(["fatal: not a git repository: INVALID"]);
    const escaped = normaliseInput('{"msg":"first\\r\\nsecond\u001f"}').candidates.map((c) => c.text);
    expect(escaped).toEqual(expect.arrayContaining(['{"msg":"first', 'second "}']));
  });

  it("finds a message with a Turkish dotless ı where the regex has i, as Python does (JavaScript's iu alone did not)", async () => {
    const shipped = JSON.parse(readFileSync(path.join(ROOT, "generated/match.json"), "utf8")) as { entries: MatchIndexEntry[] };
    const report = await createMatcher(shipped.entries, { trusted: true }).lookup("fatal: not a gıt repository (or any of the parent directories): .git");
    expect(report.results[0]?.id).toBe("git/not-a-git-repository");
  });

  it("splits at most MAX_ESCAPED_TOTAL escaped messages' lines in one lookup, however many lines hold them", () => {
    const input = normaliseInput("a\\nb\\nc\n".repeat(130_000)); // 390,000 escaped lines offered
    const escapedParts = input.candidates.filter((c) => c.joinAt === undefined && c.text !== input.lines[c.line]).length;
    expect(escapedParts).toBe(MAX_ESCAPED_TOTAL);
  });

  it("offers a JSON-escaped message unescaped, and a wrapped message joined", () => {
    const input = normaliseInput('{"level":"error","msg":"Error: listen EADDRINUSE: address\\nalready in use :::3000"}\npermission denied while trying to\nconnect to the Docker daemon socket');
    const texts = input.candidates.map((c) => c.text);
    expect(texts).toContain("already in use :::3000\"}");
    expect(texts).toContain("permission denied while trying to connect to the Docker daemon socket");
  });
});

describe("the matcher", () => {
  it("files at most MAX_INDEX_LITERAL_CHARS literal characters: the entries past it are skipped with a note, not set up for seconds", () => {
    const literals = Array.from({ length: 1_000 }, (_, i) => `lit${i}`.padEnd(400, "x"));
    const count = Math.ceil(MAX_INDEX_LITERAL_CHARS / 400_000) + 5;
    const index = [port, ...Array.from({ length: count }, (_, i) => ({ ...port, id: `x/bulk-${i}`, literals }))];
    const m = createMatcher(index);
    const portChars = (port.literals ?? []).reduce((n, l) => n + l.length, 0);
    expect(m.entries.length).toBe(1 + Math.floor((MAX_INDEX_LITERAL_CHARS - portChars) / 400_000));
    expect(m.entries.length + m.skipped.length).toBe(index.length);
    for (const s of m.skipped) expect(s.reason).toContain("this entry and the rest are not indexed");
  });

  it("refuses numeric options that would turn a deadline off (NaN, Infinity, zero, negative)", () => {
    for (const options of [{ timeoutMs: Number.NaN }, { totalBudgetMs: Infinity }, { timeoutMs: 0 }, { maxRegexLength: -1 }, { threads: 1.5 }]) {
      expect(() => createMatcher([port], options), JSON.stringify(options)).toThrow(RangeError);
    }
    expect(() => createMatcher([port], { timeoutMs: 500, totalBudgetMs: 10_000, threads: 2 })).not.toThrow();
  });

  it("finds a message with colour codes between its words, on the right line", async () => {
    const m = createMatcher([docker, port], { trusted: true });
    const report = await m.lookup("building…\n\u001b[31mError: listen \u001b[1mEADDRINUSE\u001b[22m: address already in use :::3000\u001b[0m");
    expect(report.results.map((r) => [r.id, r.line])).toEqual([["node/eaddrinuse", 2]]);
  });

  it("finds a message a tool wrapped over two lines", () => {
    const m = createMatcher([docker], { trusted: true });
    expect(m.lookupSync("docker: permission denied while trying to\nconnect to the Docker daemon socket at unix:///var/run/docker.sock").results[0]?.id).toBe("docker/socket");
  });

  it("places a match that takes the space a join put between two lines on the second line (pass U: a line early)", async () => {
    const exec = entry("docker/exec-format-error", `(?:^|[ \t"'])exec [^ ]+: exec format error`, ["exec format error"]);
    for (const m of [createMatcher([exec], { trusted: true }), createMatcher([exec])]) {
      expect((await m.lookup("a\nb\nexec /x: exec format error\n")).results.map((r) => r.line)).toEqual([3]);
      expect((await m.lookup("a\nb\nzz exec /x: exec format error\n")).results.map((r) => r.line)).toEqual([3]);
    }
  });

  it("finds a message whose lookbehind reaches back into the line before, on the second line (pass W: dropped, never found)", async () => {
    const widget = entry("x/lb", "(?<=Error: )Cannot find widget", ["cannot find widget"]);
    for (const m of [createMatcher([widget], { trusted: true }), createMatcher([widget])]) {
      expect((await m.lookup("building\nError:\nCannot find widget\n")).results.map((r) => [r.id, r.line, r.matched])).toEqual([["x/lb", 3, "Cannot find widget"]]);
    }
  });

  it("measures a match on a line against that line as it is, whatever the line before (pass X: 15 of 15 characters of a 25-character line; a length of -1 for a match of nothing at a join)", async () => {
    const a = entry("t/a", "ERR_X something", ["err_x something"]);
    const zero = entry("t/zero", "(?=\\sCannot find widget)", null);
    for (const m of [createMatcher([a, zero], { trusted: true }), createMatcher([a, zero])]) {
      for (const before of ["prefix line", ""]) {
        const report = await m.lookup(`${before}\n          ERR_X something\nError:\nCannot find widget`);
        const hit = report.results.find((r) => r.id === "t/a")!;
        expect([hit.line, hit.matched, hit.why], before).toEqual([2, "ERR_X something", "matches 15 of 25 characters of line 2 (60%), pattern has 15 literal characters"]);
        const z = report.results.find((r) => r.id === "t/zero")!;
        expect(z.matched).toBe("");
        expect(z.why).not.toContain("-1");
      }
    }
  });

  it("gives the same answers on the trusted and the guarded path", async () => {
    const log = ["ok", "Error: listen EADDRINUSE: address already in use :::8080", "Got permission denied while trying to connect to the Docker daemon socket"].join("\n");
    const trusted = await createMatcher([docker, port], { trusted: true }).lookup(log);
    const guarded = await createMatcher([docker, port]).lookup(log);
    expect(guarded.results.map((r) => [r.id, r.line, r.matched])).toEqual(trusted.results.map((r) => [r.id, r.line, r.matched]));
  });

  it("lookupSync refuses an untrusted index", () => {
    expect(() => createMatcher([docker]).lookupSync("x")).toThrow("needs a trusted matcher");
  });

  it("skips and reports what a hostile index cannot use, and still finds the rest", async () => {
    const huge = Array.from({ length: 300_000 }, (_, i) => `a${i}`).join("|");
    const hostile = [null, 5, { id: "x/no-regex" }, entry("x/huge", huge, null), entry("x/bad", "(", null), { ...docker, flags: "g" }, { ...port, literals: ["x".repeat(10_000)] }, docker] as unknown as MatchableEntry[];
    const m = createMatcher(hostile);
    expect(m.skipped.map((s) => s.reason)).toEqual([
      "it is not an object",
      "it is not an object",
      "it has no regex",
      expect.stringContaining("over the limit of 2000"),
      expect.stringContaining("does not compile"),
      'its flags are "g", not "iu"',
      "its literals are not a list of up to 1000 short strings",
    ]);
    expect((await m.lookup("permission denied while trying to connect to the Docker daemon socket")).results.map((r) => r.id)).toEqual(["docker/socket"]);
  });

  it("names a wrong argument in the caller's words, before any work (pass AN: TypeErrors from inside, and a limit of -1 or NaN accepted)", async () => {
    const guarded = createMatcher([port]);
    const trusted = createMatcher([port], { trusted: true });
    for (const [call, message] of [
      [() => guarded.lookup(12345 as never), "lookup: the text must be a string, not the number 12345"],
      [() => guarded.lookup(undefined as never), "lookup: the text must be a string, not undefined"],
      [() => trusted.lookupSync(null as never), "lookupSync: the text must be a string, not null"],
      [() => guarded.lookup("x", null as never), "lookup: the options must be an object ({ limit }), not null"],
      [() => trusted.lookupSync("x", { limit: -1 }), "lookupSync: limit must be a whole number of 1 or more, not the number -1"],
      [() => guarded.lookup("x", { limit: Number.NaN }), "lookup: limit must be a whole number of 1 or more, not the number NaN"],
      [() => guarded.lookup("x", { limit: "3" as never }), "lookup: limit must be a whole number of 1 or more, not string"],
      [() => createMatcher([port], null as never), "createMatcher: the options must be an object, not null"],
    ] as const) {
      let thrown: unknown;
      try {
        await call();
      } catch (e) {
        thrown = e;
      }
      expect(thrown, message).toBeInstanceOf(Error);
      expect((thrown as Error).message).toBe(message);
      expect(["TypeError", "RangeError"]).toContain((thrown as Error).name);
    }
    expect((await guarded.lookup("Error: listen EADDRINUSE: address already in use :::3000", { limit: 1 })).results).toHaveLength(1);
  });

  it("reads an index's literals as lookup reads the text, whatever their case (pass AN: a hand-made index's upper-case literal never matched, silently)", async () => {
    const upper = { ...port, literals: ["EADDRINUSE: Address already in use"] };
    for (const trusted of [true, false]) {
      const report = await createMatcher([upper, docker], { trusted }).lookup("Error: listen EADDRINUSE: address already in use :::3000");
      expect(report.results.map((r) => r.id)).toEqual(["node/eaddrinuse"]);
    }
    // A near miss names the literal the text lacks, not one it holds in another case.
    const near = await createMatcher([{ ...upper, signature: "EADDRINUSE: address already in use", regex: "EADDRNOTAVAIL address already in use", literals: ["ADDRESS ALREADY IN USE", "EADDRNOTAVAIL"] }]).lookup("eaddrinuse address already in use");
    expect(near.nearMisses.map((n) => n.why)).toEqual([expect.stringContaining('its regex needs "EADDRNOTAVAIL"')]);
  });

  it("skips an entry whose answer (fix, dead end, confusions, view) has the wrong shape, instead of failing on it later", async () => {
    const wrong: Record<string, unknown>[] = [
      { fix: "use sudo" },
      { fix: { action: 5, command: null, success_rate: 0.5, rate_basis: null, risk: null } },
      { fix: { action: "a", command: null, success_rate: 0.5, rate_basis: "\u001b[2J", risk: null } },
      { fix: { action: "a", command: null, success_rate: 0.5, rate_basis: null, risk: { level: "\u001b]52;c;aGk=\u0007high", why: "x" } } },
      { dead_end: { action: null } },
      { dead_end: 5 },
      { confused_with: [{ id: 1 }] },
      { view: {} },
    ];
    const hostile = [...wrong.map((w, i) => ({ ...docker, id: `x/wrong-${i}`, ...w })), port] as unknown as MatchableEntry[];
    const m = createMatcher(hostile);
    expect(m.skipped.map((s) => s.id)).toEqual(wrong.map((_, i) => `x/wrong-${i}`));
    for (const s of m.skipped) expect(s.reason).toMatch(/^its (fix|dead_end|confused_with|view) /);
    expect((await m.lookup("Error: listen EADDRINUSE: address already in use :::3000")).results.map((r) => r.id)).toEqual(["node/eaddrinuse"]);
  });

  it("stops running a hostile regex after its first timeout in a lookup, instead of once per line until the budget is spent", async () => {
    const catastrophic = entry("x/redos", "fatal (?:a+)+!", ["fatal"], "fatal a!");
    const log = [...Array.from({ length: 60 }, () => `fatal ${"a".repeat(40)}`), "Error: listen EADDRINUSE: address already in use :::3000"].join("\n");
    const started = Date.now();
    const report = await createMatcher([catastrophic, port], { timeoutMs: 100, totalBudgetMs: 120_000 }).lookup(log);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(report.results.map((r) => r.id)).toEqual(["node/eaddrinuse"]);
    expect(report.timedOut).toEqual(["x/redos"]);
  });

  it("bounds the work of literal-free regexes on a long log (guarded: each entry matched once, lines in chunks)", async () => {
    const literalFree = Array.from({ length: 200 }, (_, i) => entry(`x/free-${i}`, `^[a-z]{3}[0-9]{2}#{${(i % 3) + 1}}$`, null));
    const log = Array.from({ length: 5_000 }, (_, i) => `line ${i}`).join("\n");
    const report = await createMatcher(literalFree, { totalBudgetMs: 120_000 }).lookup(log);
    expect(report.results).toEqual([]);
    expect(report.timedOut).toEqual([]);
  });

  it("says the closest entries and why they did not match, when nothing matched", () => {
    const m = createMatcher([docker, port], { trusted: true });
    const report = m.lookupSync("docker: permission denied on the daemon socket");
    expect(report.results).toEqual([]);
    expect(report.nearMisses[0]).toMatchObject({ id: "docker/socket" });
    expect(report.nearMisses[0]!.why).toContain("its regex needs");
  });
});
