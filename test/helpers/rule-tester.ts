// An in-process rule tester in ESLint's RuleTester style: each case is an entry (or raw file text)
// plus, for collection rules, the other entries it sits among; the real engine (lintFiles +
// lintCollection + finishDiagnostics) runs in this process, and the diagnostics of the rule under
// test are compared with the expected ones, exactly: no more, no fewer.
import { expect } from "vitest";
import { DEFAULT_LIMITS, type Limits } from "../../scripts/model/limits.ts";
import type { RuleSeverities } from "../../scripts/model/run-settings.ts";
import type { Diagnostic, RuleId, Severity } from "../../scripts/model/diagnostic.ts";
import { finishDiagnostics, lintCollection, lintFiles, type FileInput } from "../../scripts/lint/engine.ts";
import { findRule } from "../../scripts/lint/registry.ts";
import { findBacktracking } from "../../scripts/regex/redos.ts";
import { guardedRegexRunner, startBudget, type RegexRunner } from "../../scripts/lint/regex-runner.ts";
import type { PythonJobResult, PythonProbeResult } from "../../scripts/regex/python-probe.ts";
import { parseEntryFile } from "../../scripts/source/entry-file.ts";
import { idFromRelativePath } from "../../scripts/source/entry-path.ts";
import { entryText, validEntry } from "./entries.ts";

export interface ExpectedDiagnostic {
  readonly pointer?: string;
  readonly line?: number;
  readonly column?: number;
  readonly severity?: Severity;
  /** A substring of the message, or a pattern it must match. */
  readonly message?: string | RegExp;
  readonly hint?: string | RegExp;
  readonly fixable?: boolean;
  /** Which file, when the case has several (default: the case's own). */
  readonly file?: string;
}

export interface RuleCase {
  readonly name: string;
  /** Fields changed on the valid base entry (undefined removes a field); ignored with `text`. */
  readonly entry?: Record<string, unknown>;
  /** The id (and so the path entries/<id>.json) of the case's entry. */
  readonly id?: string;
  /** The file's exact text (or bytes), for rules about the text itself. */
  readonly text?: string | Uint8Array;
  /** A path under entries/ other than <id>.json. */
  readonly path?: string;
  /** Other files in the same corpus, by path under entries/ → text or entry fields. */
  readonly others?: Readonly<Record<string, string | Record<string, unknown>>>;
  readonly limits?: Partial<Limits>;
  /** Run JavaScript regexes in worker threads under their deadline (cases about timeouts); default: in this thread. */
  readonly guarded?: boolean;
  readonly today?: string;
  /** Rules turned off or down, as kb.config.json does. */
  readonly severities?: RuleSeverities;
  /** Expected diagnostics of the rule under test; empty or absent for a valid case. */
  readonly errors?: readonly ExpectedDiagnostic[];
}

export interface RuleCases {
  readonly rule: RuleId;
  readonly valid: readonly RuleCase[];
  readonly invalid: readonly RuleCase[];
}

/**
 * The regex runner of the tester: the real guarded one for cases about deadlines, and otherwise
 * JavaScript and the backtracking analysis in this thread (the cases' own regexes, none catastrophic
 * on their texts, none slow to analyse) with Python through the real probe. Only how regexes run differs; the engine is the real one.
 */
function runnerFor(c: RuleCase, timeoutMs: number): RegexRunner {
  const guarded = guardedRegexRunner({ timeoutMs, threads: 2, python: true });
  if (c.guarded) return guarded;
  return {
    python: (jobs, budget) => rememberedPython(jobs, budget, guarded),
    analyse: async (patterns) => patterns.map((source) => ({ kind: "analysed" as const, findings: findBacktracking(source) })),
    match: async (jobs) =>
      jobs.map((job) => {
        let re: RegExp;
        try {
          re = new RegExp(job.pattern, job.flags);
        } catch (e) {
          return job.texts.map(() => ({ kind: "invalid" as const, message: (e as Error).message }));
        }
        return job.texts.map((text) => {
          re.lastIndex = 0;
          const m = re.exec(text);
          return m ? { kind: "match" as const, index: m.index, length: m[0].length } : { kind: "no-match" as const };
        });
      }),
  };
}

/**
 * Python's verdict on each job, asked once per process: the cases repeat the base entry's regex and
 * texts, and one python3 process per case was most of the suite's time. Only new jobs reach Python.
 */
const pythonVerdicts = new Map<string, PythonJobResult>();
async function rememberedPython(jobs: Parameters<RegexRunner["python"]>[0], budget: Parameters<RegexRunner["python"]>[1], runner: RegexRunner): Promise<PythonProbeResult | undefined> {
  const key = (job: (typeof jobs)[number]) => JSON.stringify([job.pattern, job.texts]);
  const unknown = [...new Map(jobs.filter((j) => !pythonVerdicts.has(key(j))).map((j) => [key(j), j])).values()];
  if (unknown.length > 0) {
    const result = await runner.python(unknown, budget);
    if (!result || !result.available) return result;
    unknown.forEach((job, i) => pythonVerdicts.set(key(job), result.jobs[i]!));
  }
  return { available: true, jobs: jobs.map((j) => pythonVerdicts.get(key(j))!) };
}

/** Builds the entry text of a case: the valid base with the case's changes. */
export function caseText(c: RuleCase): string | Uint8Array {
  if (c.text !== undefined) return c.text;
  const id = c.id ?? "demo/sample-error";
  const base = validEntry(id) as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(c.entry ?? {})) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return entryText(base);
}

function input(rel: string, content: string | Uint8Array): FileInput {
  const implied = idFromRelativePath(rel);
  return {
    file: `entries/${rel}`,
    pathId: "id" in implied ? implied.id : undefined,
    pathProblem: "problem" in implied ? implied.problem : undefined,
    bytes: typeof content === "string" ? new TextEncoder().encode(content) : content,
  };
}

/** Lints a case's corpus in this process with the real engine; every diagnostic of every rule. */
export async function lintCase(c: RuleCase): Promise<Diagnostic[]> {
  const limits = { ...DEFAULT_LIMITS, ...c.limits };
  const options = { limits, today: c.today ?? "2026-12-01", runner: runnerFor(c, limits.regexTimeoutMs) };
  const own = c.path ?? `${c.id ?? "demo/sample-error"}.json`;
  const files = [input(own, caseText(c))];
  for (const [rel, value] of Object.entries(c.others ?? {})) {
    const implied = idFromRelativePath(rel);
    const id = "id" in implied ? implied.id : "demo/other";
    files.push(input(rel, typeof value === "string" ? value : entryText({ ...validEntry(id), ...value })));
  }
  const budget = startBudget(limits.totalBudgetMs);
  const verdicts = await lintFiles(files, options, budget);
  const byFile = new Map(files.map((f) => [f.file, f]));
  const collection = await lintCollection(verdicts, options, budget, (file) => {
    const f = byFile.get(file);
    return f ? parseEntryFile(f, f.bytes, limits).source : undefined;
  });
  return finishDiagnostics([...verdicts.flatMap((v) => v.diagnostics), ...collection], limits, c.severities);
}

function matches(actual: string | undefined, expected: string | RegExp | undefined): boolean {
  if (expected === undefined) return true;
  if (actual === undefined) return false;
  return typeof expected === "string" ? actual.includes(expected) : expected.test(actual);
}

/** Runs one case and asserts the rule's diagnostics are exactly the expected ones, in order. */
export async function assertCase(rule: RuleId, c: RuleCase): Promise<void> {
  const all = await lintCase(c);
  const got = all.filter((d) => d.rule === rule);
  const expected = c.errors ?? [];
  const defaultSeverity = findRule(rule)?.meta.severity ?? "error";
  const own = `entries/${c.path ?? `${c.id ?? "demo/sample-error"}.json`}`;
  const describe = () => `${c.name}: got\n${got.map((d) => `  ${d.file}:${d.line}:${d.column} ${d.severity} ${d.pointer} ${d.message}`).join("\n") || "  nothing"}`;
  expect(got.length, describe()).toBe(expected.length);
  expected.forEach((e, i) => {
    const d = got[i]!;
    expect(d.file, describe()).toBe(e.file ? `entries/${e.file}` : own);
    if (e.pointer !== undefined) expect(d.pointer, describe()).toBe(e.pointer);
    if (e.line !== undefined) expect(d.line, describe()).toBe(e.line);
    if (e.column !== undefined) expect(d.column, describe()).toBe(e.column);
    expect(d.severity, describe()).toBe(e.severity ?? defaultSeverity);
    expect(matches(d.message, e.message), `${describe()}\nmessage should match ${String(e.message)}`).toBe(true);
    expect(matches(d.hint, e.hint), `${describe()}\nhint should match ${String(e.hint)}`).toBe(true);
    if (e.fixable !== undefined) expect(Boolean(d.fixable), describe()).toBe(e.fixable);
  });
}
