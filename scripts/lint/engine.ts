// The one lint engine: from entry files to located diagnostics. Per file (lintFiles): parse once,
// check the schema, find the regex facts (all regexes of a batch run together, time-bounded), run every
// entry rule whose fields passed the schema, keep a compact summary. Over the collection
// (lintCollection): collisions between entries, then the collection rules. A rule that throws
// becomes a diagnostic naming the rule, never a crashed run. Caching and worker threads wrap
// lintFiles from speed/ with the same signature; this file knows nothing of them.
import { findNodeAtLocation } from "jsonc-parser";
import { compareDiagnostics, createDiagnostic, overflowDiagnostic, type Diagnostic, type RuleId, type Severity } from "../model/diagnostic.ts";
import { digest } from "../model/digest.ts";
import type { Entry } from "../model/entry.ts";
import type { Limits } from "../model/limits.ts";
import type { RuleSeverities } from "../model/run-settings.ts";
import { offsetInStringLiteral, offsetOfPointer } from "../model/location.ts";
import { fromPointer } from "../model/pointer.ts";
import { parseEntryFile, type EntryRef, type Source } from "../source/entry-file.ts";
import { findCollisions } from "./collisions.ts";
import { prepareRegex, resolveRegexFacts, type PreparedRegex, type RegexFacts } from "./facts.ts";
import type { RegexBudget, RegexRunner } from "./regex-runner.ts";
import { collectionRules, entryRules } from "./registry.ts";
import type { CheckedEntry, EntryRule, Problem, Rule } from "./rule.ts";
import { checkSchema } from "./schema-check.ts";
import { summarise, type EntrySummary } from "./summary.ts";

export interface EngineOptions {
  readonly limits: Limits;
  /** YYYY-MM-DD; dates after it are "in the future". */
  readonly today: string;
  readonly runner: RegexRunner;
}

/** An entry file to lint: where it is and its bytes. */
export interface FileInput extends Pick<EntryRef, "file" | "pathId" | "pathProblem"> {
  readonly bytes: Uint8Array;
}

/** The lint of one file: plain data, so caches can keep it and threads can pass it. */
export interface FileVerdict {
  readonly file: string;
  readonly pathId: string | undefined;
  /** Located diagnostics of the file's own checks (parse, schema, entry rules). */
  readonly diagnostics: readonly Diagnostic[];
  /** Present when the entry's id passed the schema. */
  readonly summary: EntrySummary | undefined;
  /** A digest of the file's bytes: outputs made from it are current while it is unchanged. */
  readonly contentDigest: string;
}

/** The per-file part of lint; speed/ decorators have this very signature. */
export type LintFiles = (files: readonly FileInput[], options: EngineOptions, budget: RegexBudget) => Promise<FileVerdict[]>;

interface Checked {
  readonly input: FileInput;
  readonly diagnostics: Diagnostic[];
  readonly source?: Source;
  readonly entry?: Partial<Entry>;
  readonly failed?: ReadonlySet<string>;
  readonly regex?: PreparedRegex;
}

export const lintFiles: LintFiles = async (files, options, budget) => {
  const checked = files.map((input) => checkFile(input, options.limits));
  const withRegex = checked.filter((c) => c.regex !== undefined);
  const facts = await resolveRegexFacts(
    withRegex.map((c) => c.regex!),
    options.runner,
    budget,
  );
  const factsOf = new Map(withRegex.map((c, i) => [c, facts[i]!]));
  return checked.map((c) => {
    const f = factsOf.get(c);
    // Pushed one by one: a spread of 60,000 problems overflows the stack.
    if (c.source && c.entry) for (const d of runEntryRules(c.source, c.entry, c.failed ?? new Set(), f, options)) c.diagnostics.push(d);
    const summary = c.entry && typeof c.entry.id === "string" && !c.failed?.has("id") ? summarise(c.input.file, c.input.pathId, c.entry as Partial<Entry> & Pick<Entry, "id">, f) : undefined;
    return { file: c.input.file, pathId: c.input.pathId, diagnostics: c.diagnostics, summary, contentDigest: digest(c.input.bytes) };
  });
};

/** Parse and schema: the entry with only the fields that passed, and what the regex is. */
function checkFile(input: FileInput, limits: Limits): Checked {
  const parsed = parseEntryFile(input, input.bytes, limits);
  const diagnostics = [...parsed.diagnostics];
  const source = parsed.source;
  if (!source?.tree || source.tree.type !== "object") return { input, diagnostics, source };
  const verdict = checkSchema(source.value, limits.maxDiagnosticsPerFile + 1);
  /**
   * Problems past the per-file cap are only counted: one shared diagnostic at the end stands for each
   * (a scan per pointer, and memory per file, stay bounded). It is kb/schema's whatever the rule of
   * the problems it stands for: labelled with the 101st problem's (kb/empty-text), it let a config
   * that turned that rule off hide every schema error after it, and the entry built (pass O).
   */
  const overflow = overflowDiagnostic(source.file, source.lines.position(source.text.length), "kb/schema", limits.maxDiagnosticsPerFile);
  verdict.problems.forEach((p, i) => {
    diagnostics.push(i < limits.maxDiagnosticsPerFile ? locate(source, p.rule, "error", p, p.fixable) : overflow);
  });
  for (let i = 0; i < verdict.unlisted; i++) diagnostics.push(overflow);
  const value = source.value as Record<string, unknown>;
  const entry: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (!verdict.failedFields.has(key)) Object.defineProperty(entry, key, { value: value[key], enumerable: true, writable: true, configurable: true });
  const partial = entry as Partial<Entry>;
  const regex = typeof partial.regex === "string" && !verdict.failedFields.has("regex") ? prepareRegex(partial as Partial<Entry> & Pick<Entry, "regex">, limits) : undefined;
  return { input, diagnostics, source, entry: partial, failed: verdict.failedFields, ...(regex ? { regex } : {}) };
}

function runEntryRules(source: Source, entry: Partial<Entry>, failed: ReadonlySet<string>, facts: RegexFacts | undefined, options: EngineOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Past the per-file cap a problem is not located (each walk of the tree is linear: 60,000 problems
  // took 82 s, pass P): one diagnostic per rule and severity, at the end of the file, stands for each
  // of the rest (one per rule took the first's severity, so an error after 150 warnings passed, pass R).
  let located = 0;
  const overflowOf = new Map<string, Diagnostic>();
  const place = (rule: EntryRule, p: Problem): Diagnostic => {
    if (located++ <= options.limits.maxDiagnosticsPerFile) return locate(source, rule.meta.id, rule.meta.severity, p, rule.meta.fixable);
    const key = `${rule.meta.id} ${p.severity ?? rule.meta.severity}`;
    let overflow = overflowOf.get(key);
    if (!overflow) overflowOf.set(key, (overflow = locate(source, rule.meta.id, rule.meta.severity, { ...p, offset: source.text.length }, rule.meta.fixable)));
    return overflow;
  };
  for (const rule of entryRules) {
    if (!canRun(rule, entry, failed)) continue;
    guarded(rule, source.file, out, () =>
      rule.check({
        entry: entry as CheckedEntry<keyof Entry>,
        file: source.file,
        pathId: source.pathId,
        source,
        facts: facts as RegexFacts,
        limits: options.limits,
        today: options.today,
        report: (p) => out.push(place(rule, p)),
      }),
    );
  }
  return out;
}

function canRun(rule: EntryRule, entry: Partial<Entry>, failed: ReadonlySet<string>): boolean {
  if (failed.has("*")) return false;
  return rule.requires.every((field) => !failed.has(field) && entry[field] !== undefined);
}

/** Reads an entry file again to place a collection rule's problem in it; undefined when it is gone. */
export type SourceLocator = (file: string) => Source | undefined;

export type LintCollection = (verdicts: readonly FileVerdict[], options: EngineOptions, budget: RegexBudget, locator: SourceLocator) => Promise<Diagnostic[]>;

/** Collisions and collection rules over every summarised entry. */
export async function lintCollection(verdicts: readonly FileVerdict[], options: EngineOptions, budget: RegexBudget, locator: SourceLocator): Promise<Diagnostic[]> {
  const entries = verdicts.flatMap((v) => (v.summary ? [v.summary] : []));
  const knownIds = new Set<string>();
  for (const v of verdicts) if (v.pathId) knownIds.add(v.pathId);
  for (const e of entries) knownIds.add(e.id);
  const collisions = await findCollisions(entries, options.runner, budget);
  const out: Diagnostic[] = [];
  const sources = new Map<string, Source | undefined>();
  const sourceOf = (file: string) => {
    if (!sources.has(file)) sources.set(file, locator(file));
    return sources.get(file);
  };
  for (const rule of collectionRules) {
    guarded(rule, entries[0]?.file ?? "entries", out, () =>
      rule.check({
        entries,
        knownIds,
        collisions,
        report: (entry, p) => {
          const source = sourceOf(entry.file);
          out.push(source ? locate(source, rule.meta.id, rule.meta.severity, p, rule.meta.fixable) : unlocated(entry.file, rule.meta.id, rule.meta.severity, p));
        },
      }),
    );
  }
  return out;
}

function guarded(rule: Rule, file: string, out: Diagnostic[], run: () => void): void {
  try {
    run();
  } catch (e) {
    out.push(
      createDiagnostic({
        file,
        severity: "error",
        rule: rule.meta.id,
        message: `internal error in rule ${rule.meta.id}: ${(e as Error)?.message ?? String(e)}`,
        hint: "this is a bug in error-kb, not in the entry; please report it with the entry attached",
      }),
    );
  }
}

/** Turns a pointer-based problem into a diagnostic at the exact key, value or character. */
export function locate(source: Pick<Source, "file" | "text" | "lines" | "tree">, rule: RuleId, severity: Severity, p: Problem, fixable?: boolean): Diagnostic {
  let offset: number;
  if (p.offset !== undefined) offset = p.offset;
  else {
    offset = offsetOfPointer(source.tree, p.pointer, p.target);
    if (p.charIndex !== undefined && source.tree) {
      const node = findNodeAtLocation(source.tree, fromPointer(p.pointer));
      if (node?.type === "string") offset = offsetInStringLiteral(source.text, node.offset, p.charIndex);
    }
  }
  const { line, column } = source.lines.position(offset);
  return createDiagnostic({ file: source.file, line, column, pointer: p.pointer, severity: p.severity ?? severity, rule, message: p.message, hint: p.hint, fixable: p.fixable ?? fixable });
}

function unlocated(file: string, rule: RuleId, severity: Severity, p: Problem): Diagnostic {
  return createDiagnostic({ file, pointer: p.pointer, severity: p.severity ?? severity, rule, message: p.message, hint: p.hint });
}


/**
 * The run's diagnostics in report order: overrides applied, at most maxDiagnosticsPerFile per file.
 * A diagnostic given many times (the one that stands for each problem past a file's cap, see
 * checkFile and parseJsonText) is adjusted and sorted once, with its count: sorting each copy made
 * 600 broken files of 16,000 problems each take 20 s.
 */
export function finishDiagnostics(diagnostics: readonly Diagnostic[], limits: Pick<Limits, "maxDiagnosticsPerFile">, severities: RuleSeverities = new Map()): Diagnostic[] {
  const times = new Map<Diagnostic, number>();
  for (const d of diagnostics) times.set(d, (times.get(d) ?? 0) + 1);
  const adjusted: { readonly d: Diagnostic; readonly times: number }[] = [];
  for (const [d, n] of times) {
    const override = severities.get(d.rule);
    if (override === "off") continue;
    adjusted.push({ d: override ? { ...d, severity: override === "warn" ? "warning" : "error" } : d, times: n });
  }
  return capPerFile(
    adjusted.sort((a, b) => compareDiagnostics(a.d, b.d)),
    limits.maxDiagnosticsPerFile,
  );
}

function capPerFile(sorted: readonly { readonly d: Diagnostic; readonly times: number }[], max: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const perFile = new Map<string, number>();
  const dropped = new Map<string, { count: number; errors: boolean }>();
  for (const { d, times } of sorted) {
    const n = perFile.get(d.file) ?? 0;
    perFile.set(d.file, n + times);
    // A diagnostic given many times stands for problems past a file's cap: listed once, the rest counted.
    const listed = Math.max(0, Math.min(times, 1, max - n));
    for (let i = 0; i < listed; i++) out.push(d);
    if (listed < times) {
      const seen = dropped.get(d.file) ?? { count: 0, errors: false };
      dropped.set(d.file, { count: seen.count + times - listed, errors: seen.errors || d.severity === "error" });
    }
  }
  for (const [file, { count, errors }] of dropped) {
    out.push(
      createDiagnostic({
        file,
        severity: errors ? "error" : "warning",
        rule: "kb/too-many-problems",
        message: `${count} more problem${count === 1 ? "" : "s"} in this file ${count === 1 ? "was" : "were"} not listed (limit ${max} per file)`,
        hint: "fix the ones listed first; raise limits.maxDiagnosticsPerFile in kb.config.json to see more",
      }),
    );
  }
  return out.sort(compareDiagnostics);
}
