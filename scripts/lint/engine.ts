// Lint: from loaded files to a sorted list of diagnostics. Schema-validates every parsed entry,
// computes the regex facts once (bounded in time), then runs every entry and collection rule. A rule
// that throws becomes a diagnostic naming the rule, never a crashed run.
import { compareDiagnostics, type Diagnostic, type RuleId, type Severity } from "../core/diagnostic.ts";
import type { Limits } from "../core/limits.ts";
import { offsetInStringLiteral, offsetOfPointer } from "../core/location.ts";
import type { LoadedFile } from "../load/loader.ts";
import { computeRegexFacts, type EntryRegexFacts, type RegexFacts } from "../regex/facts.ts";
import { collectionRules, entryRules } from "../rules/registry.ts";
import type { EntryDoc, Problem, Rule } from "../rules/types.ts";
import { validateEntry } from "../schema/validate.ts";
import type { ParsedSource } from "../load/parse.ts";
import { findNodeAtLocation } from "jsonc-parser";
import { fromPointer } from "../core/pointer.ts";

export interface LintOptions {
  readonly limits: Limits;
  /** YYYY-MM-DD; dates after it are "in the future". */
  readonly today: string;
  readonly threads: number;
  readonly python: boolean;
}

export interface LintResult {
  readonly diagnostics: Diagnostic[];
  /** Schema-valid entries (whatever other errors they have). */
  readonly docs: EntryDoc[];
  readonly facts: RegexFacts;
}

export async function lintFiles(files: readonly LoadedFile[], options: LintOptions): Promise<LintResult> {
  const diagnostics: Diagnostic[] = [];
  const docs: EntryDoc[] = [];
  for (const f of files) {
    const staged = schemaStage(f, options.limits);
    diagnostics.push(...staged.diagnostics);
    if (staged.doc) docs.push(staged.doc);
  }
  const facts = await computeRegexFacts(docs, options);
  for (const doc of docs) diagnostics.push(...entryRuleDiagnostics(doc, facts.byFile.get(doc.file) as EntryRegexFacts, options));
  diagnostics.push(...collectionDiagnostics(docs, knownIdsOf(files, docs), facts));
  return { diagnostics: finishDiagnostics(diagnostics, options.limits), docs, facts };
}

/** The loader's diagnostics for one file plus its schema problems; the doc when the entry is schema-valid. */
export function schemaStage(f: LoadedFile, limits: Limits): { diagnostics: Diagnostic[]; doc?: EntryDoc } {
  const diagnostics: Diagnostic[] = [...f.diagnostics];
  const source = f.source;
  if (!source?.tree || source.tree.type !== "object" || f.diagnostics.some((d) => d.rule === "kb/json-syntax")) return { diagnostics };
  const result = validateEntry(source.value);
  if (result.ok) return { diagnostics, doc: { file: f.file, pathId: f.pathId, source, entry: result.entry } };
  // Locating costs a scan per pointer (50,000 unknown keys would take minutes): problems past the
  // per-file cap go to the end of the file unlocated, where the cap drops and counts them.
  result.problems.forEach((p, i) => diagnostics.push(locate(source, "kb/schema", "error", i < limits.maxDiagnosticsPerFile ? p : { ...p, offset: source.text.length })));
  return { diagnostics };
}

/** Every entry rule on one entry, given its regex facts. */
export function entryRuleDiagnostics(doc: EntryDoc, facts: EntryRegexFacts, options: Pick<LintOptions, "limits" | "today">): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of entryRules) {
    guarded(rule, doc, diagnostics, () =>
      rule.check({ doc, facts, limits: options.limits, today: options.today, report: (p) => diagnostics.push(locate(doc.source, rule.id, rule.severity, p, rule.fixable)) }),
    );
  }
  return diagnostics;
}

/** Ids links may point at: every entry file's path id (schema errors or not) and every valid entry's id. */
export function knownIdsOf(files: Iterable<{ readonly pathId: string | undefined }>, docs: readonly EntryDoc[]): Set<string> {
  const knownIds = new Set<string>();
  for (const f of files) if (f.pathId) knownIds.add(f.pathId);
  for (const d of docs) knownIds.add(d.entry.id);
  return knownIds;
}

/** Every collection rule over all valid entries. */
export function collectionDiagnostics(docs: readonly EntryDoc[], knownIds: ReadonlySet<string>, facts: RegexFacts): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of collectionRules) {
    guarded(rule, docs[0], diagnostics, () =>
      rule.check({ docs, knownIds, facts, report: (doc, p) => diagnostics.push(locate(doc.source, rule.id, rule.severity, p, rule.fixable)) }),
    );
  }
  return diagnostics;
}

/** The run's diagnostics in report order, at most maxDiagnosticsPerFile per file. */
export function finishDiagnostics(diagnostics: Diagnostic[], limits: Limits): Diagnostic[] {
  return capPerFile(diagnostics.sort(compareDiagnostics), limits.maxDiagnosticsPerFile);
}

function guarded(rule: Rule, doc: EntryDoc | undefined, out: Diagnostic[], run: () => void): void {
  try {
    run();
  } catch (e) {
    out.push({
      file: doc?.file ?? "entries",
      line: 1,
      column: 1,
      pointer: "",
      severity: "error",
      rule: rule.id,
      message: `internal error in rule ${rule.id}: ${(e as Error)?.message ?? String(e)}`,
      hint: "this is a bug in error-kb, not in the entry; please report it with the entry attached",
    });
  }
}

/** Turns a rule's pointer-based problem into a located diagnostic. */
export function locate(source: ParsedSource, rule: RuleId, severity: Severity, p: Problem, fixable?: boolean): Diagnostic {
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
  const d: Diagnostic = { file: source.file, line, column, pointer: p.pointer, severity: p.severity ?? severity, rule, message: p.message };
  return { ...d, ...(p.hint ? { hint: p.hint } : {}), ...(fixable ? { fixable: true } : {}) };
}

function capPerFile(sorted: Diagnostic[], max: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const perFile = new Map<string, number>();
  const dropped = new Map<string, number>();
  for (const d of sorted) {
    const n = perFile.get(d.file) ?? 0;
    perFile.set(d.file, n + 1);
    if (n < max) out.push(d);
    else dropped.set(d.file, (dropped.get(d.file) ?? 0) + 1);
  }
  for (const [file, count] of dropped) {
    out.push({ file, line: 1, column: 1, pointer: "", severity: "error", rule: "kb/schema", message: `${count} more problems in this file were not listed (limit ${max} per file)`, hint: "fix the ones above first" });
  }
  return out.sort(compareDiagnostics);
}
