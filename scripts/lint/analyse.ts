// The per-file part of lint for files the cache does not know: parse, schema, regex facts on the
// entry's own texts, entry rules. Done a batch at a time, so a large corpus never holds every syntax
// tree at once; what comes out is the cache record plus the doc and facts for collection rules.
import type { Diagnostic } from "../core/diagnostic.ts";
import { loadEntryBytes, type EntryFileRef } from "../load/loader.ts";
import { ownTextFacts, prepareRegex, type EntryRegexFacts, type PreparedRegex, type RegexBudget } from "../regex/facts.ts";
import type { EntryDoc } from "../rules/types.ts";
import { entryRuleDiagnostics, schemaStage, type LintOptions } from "./engine.ts";
import { regexRecordOf, type LintRecord } from "./entry-record.ts";

export interface FileToAnalyse {
  readonly ref: EntryFileRef;
  readonly bytes: Uint8Array;
}

export interface Analysed {
  readonly record: LintRecord;
  readonly doc?: EntryDoc;
  readonly facts?: EntryRegexFacts;
}

/** The first half, pure and per file: parse, schema, what the regex is. */
export interface PreparedFile {
  readonly stage: Diagnostic[];
  readonly doc?: EntryDoc;
  readonly regex?: PreparedRegex;
  readonly plain?: boolean;
}

export function prepareFile(item: FileToAnalyse, options: Pick<LintOptions, "limits">): PreparedFile {
  const loaded = loadEntryBytes(item.ref, item.bytes, options.limits);
  const staged = schemaStage(loaded, options.limits);
  if (!staged.doc) return { stage: staged.diagnostics };
  return { stage: staged.diagnostics, doc: staged.doc, regex: prepareRegex(staged.doc, options.limits), plain: parsesPlainly(staged.doc) };
}

/** The second half, pure and per file: entry rules, given the regex facts. */
export function finishFile(prepared: PreparedFile, facts: EntryRegexFacts | undefined, options: Pick<LintOptions, "limits" | "today">): LintRecord {
  if (!prepared.doc || !prepared.regex || !facts) return { stage: prepared.stage };
  return {
    stage: prepared.stage,
    entry: { plain: prepared.plain ?? false, rules: entryRuleDiagnostics(prepared.doc, facts, options), regex: regexRecordOf(facts, prepared.regex.choices) },
  };
}

/** Both halves for a batch in this thread, with the regexes run in between (time-bounded, in workers). */
export async function analyseFiles(items: readonly FileToAnalyse[], options: LintOptions, budget: RegexBudget): Promise<Analysed[]> {
  const prepared = items.map((item) => prepareFile(item, options));
  const withRegex = prepared.filter((p) => p.regex);
  const facts = await ownTextFacts(withRegex.map((p) => p.regex!), options, budget);
  const factsOf = new Map(withRegex.map((p, i) => [p, facts[i]!]));
  return prepared.map((p) => {
    const f = factsOf.get(p);
    return { record: finishFile(p, f, options), doc: p.doc, facts: f };
  });
}

/** Whether JSON.parse of the text yields the parser's value (no byte-order mark, nothing the parser reads differently). */
function parsesPlainly(doc: EntryDoc): boolean {
  try {
    return JSON.stringify(JSON.parse(doc.source.text)) === JSON.stringify(doc.source.value);
  } catch {
    return false;
  }
}
