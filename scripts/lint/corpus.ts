// Lint of a whole entries folder that scales: files are read and analysed a batch at a time, files
// the cache knows (same path, same bytes, same tool and settings) are not parsed or checked again,
// and collection rules run over every entry with sources parsed only where a diagnostic lands.
// Results are identical to lintFiles over the same files; test/perf proves it.
import type { Diagnostic } from "../core/diagnostic.ts";
import { digest, toolFingerprint } from "../cache/fingerprint.ts";
import { pythonIdentity } from "../cache/python-identity.ts";
import { noCache, openCache } from "../cache/store.ts";
import { listEntryFiles, loadEntryBytes, readEntryBytesSync, type EntryFileRef, type LoadedFile } from "../load/loader.ts";
import { assembleFacts, findCollisions, startBudget, type EntryRegexFacts, type RegexBudget } from "../regex/facts.ts";
import type { LiteralChoices } from "../regex/prefilter.ts";
import type { EntryDoc } from "../rules/types.ts";
import type { Entry } from "../schema/entry-schema.ts";
import { poolFor } from "../pool/pool.ts";
import { analyseFiles, type FileToAnalyse } from "./analyse.ts";
import { collectionDiagnostics, entryRuleDiagnostics, finishDiagnostics, knownIdsOf, type LintOptions, type LintResult } from "./engine.ts";
import { factsFromRecord, isDeterministic, isLintRecord, type LintRecord } from "./entry-record.ts";
import { LazySource } from "./lazy-source.ts";

export interface CorpusOptions extends LintOptions {
  readonly cwd: string;
  readonly only?: readonly string[];
  /** Use and update the cache under node_modules/.cache/error-kb/ (default true). */
  readonly cache?: boolean;
  /** Called as files are done: phase, done, total. */
  readonly onProgress?: (phase: string, done: number, total: number) => void;
}

/** Files read and analysed together: bounds memory (syntax trees live only within a batch). */
const BATCH = 1_000;

/** What lint returns, plus a key of each entry's file content (by id) for caches downstream. */
export type CorpusLintResult = LintResult & { fileCount: number; entryKeys: ReadonlyMap<string, string> };

/** One settled file, in listing order. */
interface Settled {
  readonly stage: readonly Diagnostic[];
  readonly key?: string;
  readonly rules?: readonly Diagnostic[];
  readonly doc?: EntryDoc;
  readonly facts?: EntryRegexFacts;
  readonly choices?: LiteralChoices;
}

export async function lintCorpus(entriesDir: string, options: CorpusOptions): Promise<CorpusLintResult> {
  const { limits } = options;
  const context = options.cache === false ? undefined : lintContext(options);
  const listed = await listEntryFiles(entriesDir, { limits, cwd: options.cwd, only: options.only });
  const cache = context === undefined ? noCache<LintRecord>() : openCache(options.cwd, "lint", await context, isLintRecord);
  const budget = startBudget(limits.totalBudgetMs);
  const settled: Settled[] = [];
  const progress = options.onProgress ?? (() => undefined);

  for (let start = 0; start < listed.length; start += BATCH) {
    const batch = listed.slice(start, start + BATCH);
    const read = batch.map((item): { loaded: LoadedFile } | { ref: EntryFileRef; read: ReturnType<typeof readEntryBytesSync> } =>
      "loaded" in item ? item : { ref: item, read: readEntryBytesSync(item, limits) },
    );
    const results: (Settled | undefined)[] = new Array(read.length);
    const misses: { at: number; key: string; item: FileToAnalyse }[] = [];
    read.forEach((r, at) => {
      if ("loaded" in r) return void (results[at] = { stage: r.loaded.diagnostics });
      if ("loaded" in r.read) return void (results[at] = { stage: r.read.loaded.diagnostics });
      const key = recordKey(r.ref, r.read.bytes);
      const record = cache.get(key);
      if (record) results[at] = { ...fromRecord(r.ref, r.read.bytes, record, options), key };
      else misses.push({ at, key, item: { ref: r.ref, bytes: r.read.bytes } });
    });
    const analysed = await analyse(
      misses.map((m) => m.item),
      options,
      budget,
    );
    analysed.forEach((a, i) => {
      const miss = misses[i]!;
      if (isDeterministic(a.record)) cache.set(miss.key, a.record);
      results[miss.at] = { ...settle(miss.item.ref, miss.item.bytes, a.record, () => a.entry, options), key: miss.key };
    });
    settled.push(...(results as Settled[]));
    progress("lint", Math.min(listed.length, start + BATCH), listed.length);
  }

  const docs: EntryDoc[] = [];
  const perEntry: EntryRegexFacts[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const s of settled) {
    diagnostics.push(...s.stage);
    if (s.doc && s.facts) {
      docs.push(s.doc);
      perEntry.push(s.facts);
    }
  }
  progress("collisions", docs.length, docs.length);
  const subjects = settled.filter((s) => s.doc && s.facts).map((s) => ({ doc: s.doc!, compiles: s.facts!.js.ok, choices: s.choices, texts: s.facts!.texts }));
  const facts = assembleFacts(docs, perEntry, await findCollisions(subjects, options, budget));
  for (const s of settled) {
    if (!s.doc) continue;
    const f = facts.byFile.get(s.doc.file)!;
    // Entry rules ran assuming no collision check was cut off; where some were, they run again.
    diagnostics.push(...(f.skippedCollisionChecks > 0 ? entryRuleDiagnostics(s.doc, f, options) : (s.rules ?? [])));
  }
  progress("collection rules", docs.length, docs.length);
  diagnostics.push(...collectionDiagnostics(docs, knownIdsOf(listed.map(pathIdOf), docs), facts));
  await cache.save();
  const entryKeys = new Map<string, string>();
  for (const s of settled) if (s.doc && s.key) entryKeys.set(s.doc.entry.id, s.key);
  return { diagnostics: finishDiagnostics(diagnostics, limits), docs, facts, fileCount: listed.length, entryKeys };
}

const pathIdOf = (item: EntryFileRef | { loaded: LoadedFile }) => ({ pathId: "loaded" in item ? item.loaded.pathId : item.pathId });

/** Everything besides the file's bytes that a cached record depends on. */
async function lintContext(options: CorpusOptions): Promise<string> {
  return digest("lint", toolFingerprint(), JSON.stringify(options.limits), options.today, options.python ? await pythonIdentity() : "python off");
}

function recordKey(ref: EntryFileRef, bytes: Uint8Array): string {
  return digest(ref.file, ref.pathId ?? "", ref.pathProblem ?? "", bytes);
}

const textDecoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** A file the cache knows. */
function fromRecord(ref: EntryFileRef, bytes: Uint8Array, record: LintRecord, options: CorpusOptions): Settled {
  return settle(ref, bytes, record, () => loadEntryBytes(ref, bytes, options.limits).source?.value as Entry | undefined, options);
}

/**
 * A file and what collection rules need of it, with syntax trees let go. The entry is read with
 * JSON.parse where that gives the parser's value (its objects are far smaller than the parser's),
 * else taken from `parsed`.
 */
function settle(ref: EntryFileRef, bytes: Uint8Array, record: LintRecord, parsed: () => Entry | undefined, options: CorpusOptions): Settled {
  const entry = !record.entry ? undefined : record.entry.plain ? (JSON.parse(textDecoder.decode(bytes)) as Entry) : parsed();
  if (!record.entry || !entry) return { stage: record.stage };
  const doc: EntryDoc = { file: ref.file, pathId: ref.pathId, source: new LazySource(ref.file, ref.absolute, options.limits), entry };
  return { stage: record.stage, rules: record.entry.rules, doc, facts: factsFromRecord(doc, record.entry.regex, options.limits), choices: record.entry.regex.choices ?? undefined };
}

/** Analyses files in the worker pool when there are enough of them, else in this thread. */
async function analyse(items: FileToAnalyse[], options: CorpusOptions, budget: RegexBudget): Promise<{ record: LintRecord; entry?: Entry }[]> {
  if (items.length === 0) return [];
  const pool = poolFor(items.length, options.threads);
  const here = async (part: FileToAnalyse[]) => (await analyseFiles(part, options, budget)).map((a) => ({ record: a.record, entry: a.doc?.entry }));
  if (!pool || items.length < 2) return here(items);
  const size = Math.ceil(items.length / pool.size);
  const parts = Array.from({ length: Math.ceil(items.length / size) }, (_, k) => items.slice(k * size, (k + 1) * size));
  // Each worker runs its share's regexes in its own time-bounded workers; the cores are shared out.
  const threads = Math.max(1, Math.floor(options.threads / pool.size));
  const done = await Promise.all(
    parts.map((part) =>
      pool
        .run("analyse", { items: part, limits: options.limits, today: options.today, threads, python: options.python, budgetMs: budget.remainingMs() })
        .catch(() => here(part)),
    ),
  );
  return done.flat();
}
