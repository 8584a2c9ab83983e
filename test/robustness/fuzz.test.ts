// Property-based fuzzing of whole entry files: valid entries mutated (byte flips, truncation, type
// swaps, deleted and duplicated keys, huge values, spliced junk). For every case the pipeline returns,
// every diagnostic is located, the mutated file is named whenever there is an error, nothing is
// written by loading and linting, and a clean result builds to a tree that `check` finds up to date.
// Most cases run in-process (fast); a handful go through the real CLI. KB_FUZZ_RUNS sets the count.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parseTree, type Node } from "jsonc-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderOutputs } from "../../scripts/build/outputs.ts";
import { compareOutputs, syncOutputs } from "../../scripts/build/sync.ts";
import { hasErrors, type Diagnostic } from "../../scripts/core/diagnostic.ts";
import { DEFAULT_LIMITS, type Limits } from "../../scripts/core/limits.ts";
import { lintFiles } from "../../scripts/lint/engine.ts";
import { loadEntries } from "../../scripts/load/loader.ts";
import { runKb, TODAY } from "../helpers/repo.ts";
import { entryFiles, expectAllLocated, expectNoStackTrace, fingerprintTree, parseDiagnostics, readTree, tempDir, writeFiles } from "./support.ts";

/** In-process cases; `npm run fuzz` sets 2000. The default keeps this file well under a minute. */
const RUNS = Number(process.env.KB_FUZZ_RUNS ?? 200);
/** Cases that also go through the real CLI (`kb build`). */
const CLI_CASES = 4;
/** A short per-test deadline keeps a mutated regex that backtracks from slowing the run. */
const LIMITS: Limits = { ...DEFAULT_LIMITS, regexTimeoutMs: 250 };
const CASE_DEADLINE_MS = 30_000;

const IDS = ["fuzz-a/first-case", "fuzz-a/second-case", "fuzz-b/third-case", "fuzz-b/fourth-case"];
const richer = (id: string, i: number): Record<string, unknown> => {
  const words = id.split("/")[1]!.replace(/-/g, " ");
  return {
    subcategory: "sub_kind",
    versions: [{ version: ">=2.0", introduced: "2.0", deprecated: null, removed: null, behavior_change: "Started failing loudly.", status: "active" }],
    os_specific: { linux: "Only with systemd.", windows: "Paths over 260 characters." },
    transition_graph: { leads_to: [{ error_id: IDS[(i + 1) % IDS.length], probability: 0.4, condition: "When retried." }], preceded_by: [], frequently_confused_with: [] },
    error_code: `E${100 + i}`,
    tags: ["alpha", "beta"],
    aliases: [`Error: ${words} happened again`],
    examples: { match: [`fatal: Error: ${words} happened`], no_match: ["Something else entirely"] },
  };
};

// ---- mutations ---------------------------------------------------------------------------------

type JsonPath = (string | number)[];
const scalar = fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, "", " ", "x", "\u0000", "\ud800", [], {}, [1, "two"], { nested: { deeper: [] } });
const junk = fc.oneof(fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "\\", "\\u", "\\ud800", "/*", "//", "\u0000", "\r\n", "\uFEFF", "NaN", "Infinity", "undefined", "'"), fc.string({ maxLength: 8 }));
const pick = fc.nat();
/** Text that is valid JSON but hard on every later stage: lone surrogates, controls, bidi, markup. */
const oddText = fc.constantFrom("\ud800", "x\udfff", "\u0000\u0007\u001b[31m", "a\u202Eb\u2066", "\u2028\u2029", "<script>", "[x](javascript:y)", "```\n#", "www.x.example", "\uFEFF", "\uFFFF\uFFFE");

/** Prose fields, where any text is valid: a new value there keeps the entry clean. */
const FREE_TEXT = new Set(["root_cause", "how", "why_fails", "condition", "behavior_change", "linux", "windows"]);

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.array(fc.tuple(pick, fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: pick }),
  fc.record({ kind: fc.constant("typeSwap" as const), at: pick, value: scalar }),
  fc.record({ kind: fc.constant("deleteKey" as const), at: pick }),
  fc.record({ kind: fc.constant("duplicateKey" as const), at: pick, key: pick, value: scalar }),
  fc.record({ kind: fc.constant("huge" as const), at: pick, shape: fc.constantFrom("string", "longString", "tooBigFile", "array", "deep") }),
  fc.record({ kind: fc.constant("splice" as const), at: pick, text: junk }),
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
  if (m.kind === "splice") {
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
  if (m.kind === "retext") {
    const prose = all.filter((p) => FREE_TEXT.has(String(p[p.length - 1])));
    if (prose.length === 0) return bytes;
    setAt(value, prose[m.at % prose.length]!, `Text ${m.text}`.trim());
  } else if (m.kind === "typeSwap") setAt(value, target, m.value);
  else if (m.kind === "deleteKey") setAt(value, target, undefined, true);
  else setAt(value, target, HUGE[m.shape]!());
  return Buffer.from(JSON.stringify(value, null, 2) + "\n", "utf8");
}

const fuzzCase = fc.record({ file: pick, mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) });

// ---- the repository under test -----------------------------------------------------------------

let repo: { dir: string; cleanup: () => void };
let files: { rel: string; bytes: Buffer }[];
let baselineOutputs: Map<string, string>;
const stats = { cases: 0, withErrors: 0, clean: 0, cli: 0, failed: false };

beforeAll(async () => {
  repo = tempDir("kb-fuzz-");
  const texts = entryFiles(IDS, richer);
  writeFiles(repo.dir, texts);
  files = Object.keys(texts).map((rel) => ({ rel, bytes: readFileSync(path.join(repo.dir, rel)) }));
  const { diagnostics, docs } = await lintRepo();
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  baselineOutputs = renderOutputs(docs.map((d) => d.entry));
  await syncOutputs(path.join(repo.dir, "generated"), baselineOutputs);
});
afterAll(() => {
  repo?.cleanup();
  console.log(`fuzz: ${stats.cases} mutated entry files (${stats.withErrors} with errors, ${stats.clean} clean), ${stats.cli} of them through the CLI; ${stats.failed ? "FAILED (see above)" : "no failures"}`);
});

async function lintRepo() {
  const loaded = await loadEntries(path.join(repo.dir, "entries"), { limits: LIMITS, cwd: repo.dir });
  return lintFiles(loaded, { limits: LIMITS, today: TODAY, threads: 1, python: false });
}

function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not return within ${CASE_DEADLINE_MS} ms`)), CASE_DEADLINE_MS)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Lines in a text as editors count them (LF, CRLF, lone CR). */
const lineCount = (bytes: Buffer) => bytes.toString("utf8").split(/\r\n|\r|\n/).length;

/** The file's path or its entry id, in the diagnostic's location or in its message. */
const names = (d: Diagnostic, rel: string) => d.file === rel || d.message.includes(rel) || d.message.includes(rel.replace(/^entries\/|\.json$/g, ""));

function mutate(c: { file: number; mutations: Mutation[] }): { rel: string; original: Buffer; mutated: Buffer } {
  const target = files[c.file % files.length]!;
  return { rel: target.rel, original: target.bytes, mutated: c.mutations.reduce(applyMutation, target.bytes) };
}

describe("fuzzing mutated entries", () => {
  it(`in-process: ${RUNS} cases return, locate every problem, name the file and never write`, async () => {
    const generated = path.join(repo.dir, "generated");
    const baseline = readTree(generated).files;
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        const { rel, original, mutated } = mutate(c);
        const abs = path.join(repo.dir, rel);
        writeFileSync(abs, mutated);
        let built = false;
        try {
          const before = fingerprintTree(repo.dir);
          const { diagnostics, docs } = await withDeadline(lintRepo(), `lint of a mutated ${rel}`);
          expect(fingerprintTree(repo.dir)).toEqual(before);
          expectAllLocated(diagnostics);
          const lines = lineCount(mutated);
          for (const d of diagnostics.filter((x) => x.file === rel)) expect(d.line, JSON.stringify(d)).toBeLessThanOrEqual(lines);
          stats.cases++;
          if (hasErrors(diagnostics)) {
            stats.withErrors++;
            expect(diagnostics.some((d) => names(d, rel)), JSON.stringify(diagnostics).slice(0, 1000)).toBe(true);
            return;
          }
          // Clean: what build writes must read back identically, so `kb check` agrees with `kb build`.
          stats.clean++;
          const outputs = renderOutputs(docs.map((d) => d.entry));
          built = true;
          await syncOutputs(generated, outputs);
          expect(await compareOutputs(generated, outputs)).toEqual({ stale: [], missing: [], extra: [] });
        } finally {
          writeFileSync(abs, original);
          if (built) await syncOutputs(generated, baselineOutputs);
        }
      }),
      { numRuns: RUNS },
    ).catch((e: unknown) => {
      stats.failed = true;
      throw e;
    });
    expect(readTree(generated).files).toEqual(baseline);
  }, 600_000);

  it(`through the CLI: ${CLI_CASES} mutated repositories give exit 1, name the file and leave generated/ unchanged`, async () => {
    // Cases that produce errors, drawn from the same generator with fixed seeds so they are repeatable.
    const cases = fc.sample(fuzzCase, { numRuns: 200, seed: 8 }).map(mutate).filter((m) => !m.mutated.equals(m.original));
    let done = 0;
    for (const m of cases) {
      if (done === CLI_CASES) break;
      const abs = path.join(repo.dir, m.rel);
      writeFileSync(abs, m.mutated);
      try {
        if (!hasErrors((await lintRepo()).diagnostics)) continue;
        const before = fingerprintTree(repo.dir);
        const r = await runKb(["build", "--format", "json"], { cwd: repo.dir, timeoutMs: 60_000 });
        expect(r.code, r.stderr).toBe(1);
        expectNoStackTrace(r);
        const diagnostics = parseDiagnostics(r.stdout);
        expectAllLocated(diagnostics);
        expect(diagnostics.some((d) => names(d as Diagnostic, m.rel))).toBe(true);
        expect(fingerprintTree(repo.dir)).toEqual(before);
        done++;
        stats.cli++;
      } finally {
        writeFileSync(abs, m.original);
      }
    }
    expect(done).toBe(CLI_CASES);
  });
});
