// Fuzzing whole entry files: valid entries mutated (byte flips, truncation, type swaps, deleted and
// duplicated keys, huge values, spliced junk, control characters). For every case the run returns,
// never fails internally (exit 3 through the CLI, an exception in-process), every diagnostic is
// located file:line:column, the mutated file is named whenever there is an error, linting writes
// nothing, and a clean result builds to a tree that `kb check` accepts. Most cases run the CLI's own
// runner in-process (fast); a sample goes through the real CLI. KB_FUZZ_CASES sets the case count.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parseTree, type Node } from "jsonc-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasErrors, type Diagnostic } from "../../scripts/model/diagnostic.ts";
import { DEFAULT_LIMITS } from "../../scripts/model/limits.ts";
import type { RunSettings } from "../../scripts/model/run-settings.ts";
import { runBuild } from "../../scripts/runner/build-run.ts";
import { runLint } from "../../scripts/runner/lint-run.ts";
import { entryText, validEntry } from "../helpers/entries.ts";
import { runKb, TODAY } from "../helpers/repo.ts";
import { expectAllLocated, expectNoCrash, fingerprintTree, lineCount, parseDiagnostics, tempDir, writeFiles } from "./support.ts";

/** In-process cases; the default keeps this file around a minute and a half on 2 cores. */
const CASES = Number(process.env.KB_FUZZ_CASES ?? 250);
/** Cases that also go through the real CLI, drawn from the same generator with a fixed seed. */
const CLI_CASES = Math.max(6, Math.round(CASES / 25));
/** Ends a hang as a failure; generous, since a deadline here is no measure of speed. */
const CASE_DEADLINE_MS = 120_000;

const IDS = ["fuzz-a/first-case", "fuzz-a/second-case", "fuzz-b/third-case", "fuzz-b/fourth-case"];
/** Valid entries with most optional fields, so mutations reach every part of the schema and the outputs. */
const richer = (id: string, i: number) => {
  const words = id.split("/")[1]!.replace(/-/g, " ");
  return validEntry(id, {
    subcategory: "sub_kind",
    versions: [{ version: ">=2.0", introduced: "2.0", deprecated: null, removed: null, behavior_change: "Started failing loudly.", status: "active" }],
    os_specific: { linux: "Only with systemd.", windows: "Paths over 260 characters." },
    transition_graph: { leads_to: [{ error_id: IDS[(i + 1) % IDS.length], probability: 0.4, condition: "When retried." }], preceded_by: [], frequently_confused_with: [] },
    error_code: `E${100 + i}`,
    tags: ["alpha", "beta"],
    aliases: [`SampleError: the ${words} widget refused to start again`],
  });
};

// ---- mutations ---------------------------------------------------------------------------------

type JsonPath = (string | number)[];
const scalar = fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, "", " ", "x", "\u0000", "\ud800", [], {}, [1, "two"], { nested: { deeper: [] } });
const junk = fc.oneof(fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "\\", "\\u", "\\ud800", "/*", "//", "\u0000", "\r\n", "\uFEFF", "NaN", "Infinity", "undefined", "'", "1e400", "-0"), fc.string({ maxLength: 8 }));
const controls = fc.constantFrom("\u0000", "\u0007", "\u0008", "\u000b", "\u000c", "\r", "\u001b", "\u001b[2J\u001b[H", "\u001b]8;;https://evil.example\u0007x\u001b]8;;\u0007", "\u001b]52;c;aGk=\u0007", "\u007f", "\u0085", "\u009b31m", "\u202e", "\u2066", "\u2028");
const pick = fc.nat();
/** Text that is valid JSON but hard on every later stage: lone surrogates, markup, look-alike links. */
const oddText = fc.constantFrom("\ud800", "x\udfff", "a\u200bb", "<script>", "[x](javascript:y)", "```\n#", "www.x.example", "FTP://evil.example/x", "| a | b |", "\uFFFF\uFFFE", "<!-- x -->", "&amp;");

/** Prose fields, where any text is valid: a new value there usually keeps the entry clean. */
const FREE_TEXT = new Set(["root_cause", "how", "why_fails", "condition", "behavior_change", "linux", "windows"]);

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.array(fc.tuple(pick, fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: pick }),
  fc.record({ kind: fc.constant("typeSwap" as const), at: pick, value: scalar }),
  fc.record({ kind: fc.constant("deleteKey" as const), at: pick }),
  fc.record({ kind: fc.constant("duplicateKey" as const), at: pick, key: pick, value: scalar }),
  fc.record({ kind: fc.constant("huge" as const), at: pick, shape: fc.constantFrom("string", "longString", "tooBigFile", "array", "deep", "manyKeys") }),
  fc.record({ kind: fc.constant("splice" as const), at: pick, text: junk }),
  // Raw in the file (a JSON syntax error) or escaped inside a value (kb/control-characters).
  fc.record({ kind: fc.constant("control" as const), at: pick, text: controls, raw: fc.boolean() }),
  // Usually still valid: exercises build and check on arbitrary text, not only the error path.
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("retext" as const), at: pick, text: fc.oneof(fc.string({ unit: "binary", minLength: 1, maxLength: 40 }), junk, oddText) }) },
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function paths(value: unknown, at: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  if (at.length > 0) out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function setAt(root: unknown, p: JsonPath, value: unknown, remove = false): void {
  let node = root as Record<string | number, unknown>;
  for (const seg of p.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  const last = p[p.length - 1]!;
  if (remove) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
}

const HUGE: Record<string, () => unknown> = {
  string: () => "y".repeat(25_000),
  longString: () => "z".repeat(300_000),
  tooBigFile: () => "w".repeat(1_100_000),
  array: () => Array.from({ length: 20_000 }, (_, i) => `item ${i}`),
  deep: () => JSON.parse("[".repeat(200) + "]".repeat(200)) as unknown,
  manyKeys: () => Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i])),
};

/** Applies one mutation to a file's bytes; structural ones need the bytes to parse and are skipped otherwise. */
function applyMutation(bytes: Buffer, m: Mutation): Buffer {
  if (m.kind === "flip") {
    const out = Buffer.from(bytes);
    if (out.length > 0) for (const [at, bit] of m.at) out[at % out.length]! ^= 1 << bit;
    return out;
  }
  if (m.kind === "truncate") return bytes.subarray(0, bytes.length === 0 ? 0 : m.at % bytes.length);
  const text = bytes.toString("utf8");
  if (m.kind === "splice" || (m.kind === "control" && m.raw)) {
    const at = text.length === 0 ? 0 : m.at % (text.length + 1);
    return Buffer.from(text.slice(0, at) + m.text + text.slice(at), "utf8");
  }
  if (m.kind === "duplicateKey") {
    const objects: Node[] = [];
    const collect = (n: Node | undefined) => {
      if (!n) return;
      if (n.type === "object" && (n.children?.length ?? 0) > 0) objects.push(n);
      n.children?.forEach(collect);
    };
    collect(parseTree(text));
    if (objects.length === 0) return bytes;
    const obj = objects[m.at % objects.length]!;
    const props = obj.children!;
    const key = String(props[m.key % props.length]!.children?.[0]?.value);
    const insert = `${JSON.stringify(key)}: ${JSON.stringify(m.value)}, `;
    return Buffer.from(text.slice(0, obj.offset + 1) + insert + text.slice(obj.offset + 1), "utf8");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return bytes;
  }
  const all = paths(value);
  if (all.length === 0) return bytes;
  const target = all[m.at % all.length]!;
  if (m.kind === "retext" || m.kind === "control") {
    const prose = all.filter((p) => FREE_TEXT.has(String(p[p.length - 1])));
    if (prose.length === 0) return bytes;
    const at = prose[m.at % prose.length]!;
    setAt(value, at, m.kind === "retext" ? `Text ${m.text}`.trim() : `Text ${m.text} here`);
  } else if (m.kind === "typeSwap") setAt(value, target, m.value);
  else if (m.kind === "deleteKey") setAt(value, target, undefined, true);
  else setAt(value, target, HUGE[m.shape]!());
  return Buffer.from(JSON.stringify(value, null, 2) + "\n", "utf8");
}

const fuzzCase = fc.record({ file: pick, mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) });

// ---- the repository under test -----------------------------------------------------------------

let repo: { dir: string; cleanup: () => void };
let files: { rel: string; bytes: Buffer }[];
let settings: RunSettings;
const stats = { cases: 0, withErrors: 0, clean: 0, cli: 0, cliClean: 0 };

beforeAll(async () => {
  repo = tempDir("kb-fuzz-");
  const texts = Object.fromEntries(IDS.map((id, i) => [`entries/${id}.json`, entryText(richer(id, i))]));
  writeFiles(repo.dir, { "package.json": "{}\n", ...texts });
  files = Object.keys(texts).map((rel) => ({ rel, bytes: readFileSync(path.join(repo.dir, rel)) }));
  // As the CLI resolves them for this repository, with the Python half on (CI never turns it off).
  settings = { cwd: repo.dir, root: repo.dir, entriesDir: path.join(repo.dir, "entries"), outDir: path.join(repo.dir, "generated"), limits: DEFAULT_LIMITS, today: TODAY, threads: 1, cache: false, python: true, severities: new Map() };
  const lint = await runLint(settings);
  expect(lint.diagnostics).toEqual([]);
  const built = await runKb(["build"], { cwd: repo.dir });
  expect(built.code, built.stderr).toBe(0);
});
afterAll(() => {
  repo?.cleanup();
  console.log(`fuzz: ${stats.cases} mutated entry files in-process (${stats.withErrors} with errors, ${stats.clean} clean), ${stats.cli} through the CLI (${stats.cliClean} clean)`);
});

function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not return within ${CASE_DEADLINE_MS} ms`)), CASE_DEADLINE_MS)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The file's path or its entry id, in the diagnostic's location or in its message. */
const names = (d: Pick<Diagnostic, "file" | "message">, rel: string) => d.file === rel || d.message.includes(rel) || d.message.includes(rel.replace(/^entries\/|\.json$/g, ""));

function mutate(c: { file: number; mutations: Mutation[] }): { rel: string; original: Buffer; mutated: Buffer } {
  const target = files[c.file % files.length]!;
  return { rel: target.rel, original: target.bytes, mutated: c.mutations.reduce(applyMutation, target.bytes) };
}

const linesOf = (rel: string, mutated: Buffer) => (file: string) => (file === rel ? lineCount(mutated) : file.startsWith("entries/") ? lineCount(readFileSync(path.join(repo.dir, file))) : undefined);

/** A stylish report line: `file:line:column severity rule message`, an indented hint, or the closing count. */
const STYLISH_LINE = /^(?:.+:\d+:\d+ (?:error|warning) kb\/[a-z0-9-]+ .*| {4}hint: .*|[✖✔] .*|)$/;

describe("fuzzing mutated entries", () => {
  it("in-process: KB_FUZZ_CASES mutated files (default 250) return, locate every problem, name the file, write nothing while linting, and a clean one builds to a tree kb check accepts", async () => {
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        const { rel, original, mutated } = mutate(c);
        const abs = path.join(repo.dir, rel);
        writeFileSync(abs, mutated);
        try {
          const before = fingerprintTree(repo.dir);
          // An exception here is what the CLI reports as an internal error (exit 3).
          const { diagnostics } = await withDeadline(runLint(settings), `lint of a mutated ${rel}`);
          expect(fingerprintTree(repo.dir)).toEqual(before);
          expectAllLocated(diagnostics, linesOf(rel, mutated));
          stats.cases++;
          if (hasErrors(diagnostics)) {
            stats.withErrors++;
            expect(diagnostics.some((d) => d.severity === "error" && names(d, rel)), JSON.stringify(diagnostics).slice(0, 1000)).toBe(true);
            return;
          }
          stats.clean++;
          const built = await withDeadline(runBuild(settings, { write: true }), `build of a mutated ${rel}`);
          expect(built.drift).toBeDefined();
          const checked = await withDeadline(runBuild(settings, { write: false }), `check of a mutated ${rel}`);
          expect(checked.drift).toEqual({ stale: [], missing: [], extra: [] });
        } finally {
          writeFileSync(abs, original);
        }
      }),
      { numRuns: CASES },
    );
  });

  it("through the CLI: a sample of mutated repositories exit 0 or 1 (never 3), locate every problem in json and stylish output, name the file, write nothing while linting, and a clean one builds and checks", async () => {
    const cases = fc
      .sample(fuzzCase, { numRuns: CLI_CASES * 4, seed: 12 })
      .map(mutate)
      .filter((m) => !m.mutated.equals(m.original))
      .slice(0, CLI_CASES);
    expect(cases.length).toBe(CLI_CASES);
    for (const m of cases) {
      const abs = path.join(repo.dir, m.rel);
      writeFileSync(abs, m.mutated);
      try {
        const before = fingerprintTree(repo.dir);
        const json = await runKb(["lint", "--format", "json"], { cwd: repo.dir, timeoutMs: CASE_DEADLINE_MS });
        const stylish = await runKb(["lint"], { cwd: repo.dir, timeoutMs: CASE_DEADLINE_MS });
        expect(fingerprintTree(repo.dir)).toEqual(before);
        for (const r of [json, stylish]) {
          expectNoCrash(r, m.rel);
          expect([0, 1], r.stderr).toContain(r.code);
        }
        expect(stylish.code).toBe(json.code);
        for (const line of stylish.stdout.split("\n")) expect(line).toMatch(STYLISH_LINE);
        const diagnostics = parseDiagnostics(json.stdout);
        expectAllLocated(diagnostics, linesOf(m.rel, m.mutated));
        stats.cli++;
        if (json.code === 1) {
          expect(diagnostics.some((d) => d.severity === "error" && names(d, m.rel)), json.stdout.slice(0, 1000)).toBe(true);
          continue;
        }
        stats.cliClean++;
        const build = await runKb(["build"], { cwd: repo.dir, timeoutMs: CASE_DEADLINE_MS });
        expectNoCrash(build);
        expect(build.code, build.stderr).toBe(0);
        const check = await runKb(["check"], { cwd: repo.dir, timeoutMs: CASE_DEADLINE_MS });
        expect(check.code, check.stdout).toBe(0);
      } finally {
        writeFileSync(abs, m.original);
      }
    }
  });
});
