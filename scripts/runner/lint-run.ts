// Lint over an entries folder: the host of the lint engine. Lists entries/ once (source/), reads
// files a batch at a time, hands each batch to lintFiles (decorated with the cache and the worker
// pool when the settings allow), then runs the collection rules, applies lint-exceptions.json and
// the configured severities. What `kb lint`, `kb build`, `kb check`, `kb fix` and `kb stats` share.
import path from "node:path";
import { createDiagnostic, type Diagnostic } from "../model/diagnostic.ts";
import { finishDiagnostics, lintCollection, lintFiles, type EngineOptions, type FileInput, type FileVerdict, type LintCollection, type LintFiles } from "../lint/engine.ts";
import { applyExceptions, EXCEPTIONS_FILE, parseExceptions } from "../lint/exceptions.ts";
import { guardedRegexRunner, startBudget } from "../lint/regex-runner.ts";
import { parseEntryFile, type EntryRef, type Source } from "../source/entry-file.ts";
import { displayPath } from "../source/entry-path.ts";
import { readJsonFile } from "../source/json-file.ts";
import { listEntries, type Listing } from "../source/list-entries.ts";
import { readBoundedFile, type FileStamp } from "../source/read-file.ts";
import { decorateLintCollection, decorateLintFiles } from "../speed/lint-decorators.ts";
import type { OnProgress } from "../model/progress.ts";
import type { RunSettings } from "../model/run-settings.ts";

/** Files read and linted together: bounds memory (syntax trees live only within a batch). */
const BATCH = 1_000;
/** ...and at most this many bytes of them: a syntax tree can take a hundred times its file's bytes (short unknown keys). */
const BATCH_BYTES = 8 * 1024 * 1024;

export interface LintRun {
  readonly listing: Listing;
  /** Every file's verdict, in listing order (files that could not be read included). */
  readonly verdicts: readonly FileVerdict[];
  /** Sorted, exceptions and severities applied, capped per file. */
  readonly diagnostics: readonly Diagnostic[];
  /** Each file read, by its shown path: its stamp when read, so a build can tell it is still what lint saw. */
  readonly stamps: ReadonlyMap<string, FileStamp>;
}

export interface LintRunOptions {
  /** Only these paths (they must exist under the entries folder); collection rules still see every entry. */
  readonly only?: readonly string[];
  readonly onProgress?: OnProgress;
  /** Replaces the decorated lintFiles (equivalence tests run the bare core). */
  readonly lintFiles?: LintFiles;
  /** Replaces the decorated lintCollection (equivalence tests run the bare core). */
  readonly lintCollection?: LintCollection;
}

export function engineOptions(settings: RunSettings): EngineOptions {
  return { limits: settings.limits, today: settings.today, runner: guardedRegexRunner({ timeoutMs: settings.limits.regexTimeoutMs, threads: settings.threads, python: settings.python }) };
}

export async function runLint(settings: RunSettings, options: LintRunOptions = {}): Promise<LintRun> {
  const listing = listEntries(settings.entriesDir, { cwd: settings.cwd });
  const shown = options.only ? shownFiles(listEntries(settings.entriesDir, { cwd: settings.cwd, only: options.only })) : undefined;
  const engine = engineOptions(settings);
  const run: LintFiles & { flush?(): Promise<void> } = options.lintFiles ?? decorateLintFiles(lintFiles, settings);
  const budget = startBudget(settings.limits.totalBudgetMs);
  const verdicts: FileVerdict[] = [];
  const stamps = new Map<string, FileStamp>();
  const progress = options.onProgress ?? (() => undefined);
  for (let start = 0; start < listing.refs.length; ) {
    const inputs: FileInput[] = [];
    const slots: (FileVerdict | number)[] = [];
    let bytes = 0;
    let end = start;
    while (end < listing.refs.length && end - start < BATCH && bytes < BATCH_BYTES) {
      const ref = listing.refs[end++]!;
      const read = readEntry(ref, settings);
      if ("verdict" in read) slots.push(read.verdict);
      else {
        stamps.set(ref.file, read.stamp);
        bytes += read.input.bytes.length;
        slots.push(inputs.push(read.input) - 1);
      }
    }
    const linted = await run(inputs, engine, budget);
    for (const slot of slots) verdicts.push(typeof slot === "number" ? linted[slot]! : slot);
    progress("lint", end, listing.refs.length);
    start = end;
  }
  await run.flush?.();
  const byFile = new Map(listing.refs.map((r) => [r.file, r]));
  const locator = (file: string): Source | undefined => {
    const ref = byFile.get(file);
    if (!ref) return undefined;
    const read = readBoundedFile(ref.absolute, settings.limits.maxFileBytes);
    return read.ok ? parseEntryFile(ref, read.bytes, settings.limits).source : undefined;
  };
  progress("collection", 0, 1);
  const collect = options.lintCollection ?? decorateLintCollection(lintCollection, settings);
  const collection = await collect(verdicts, engine, budget, locator);
  const all = [...listing.problems, ...verdicts.flatMap((v) => v.diagnostics), ...collection];
  const withExceptions = applyExceptionsFile(all, settings);
  const finished = finishDiagnostics(withExceptions, settings.limits, settings.severities);
  const entryFiles = shown ? shownFiles(listing) : undefined;
  return { listing, verdicts, stamps, diagnostics: shown ? finished.filter((d) => shown.has(d.file) || !entryFiles!.has(d.file)) : finished };
}

function shownFiles(listing: Listing): Set<string> {
  return new Set([...listing.refs.map((r) => r.file), ...listing.problems.map((d) => d.file)]);
}

/** One file's bytes, or its verdict when it cannot be read as an entry (too large, not a file, gone). */
function readEntry(ref: EntryRef, settings: RunSettings): { input: FileInput; stamp: FileStamp } | { verdict: FileVerdict } {
  const read = readBoundedFile(ref.absolute, settings.limits.maxFileBytes);
  if (read.ok) return { input: { file: ref.file, pathId: ref.pathId, pathProblem: ref.pathProblem, bytes: read.bytes }, stamp: read.stamp };
  const diagnostic =
    read.reason === "too-large"
      ? createDiagnostic({ file: ref.file, severity: "error", rule: "kb/file-too-large", message: `the file is ${read.detail}; the limit is ${settings.limits.maxFileBytes} bytes`, hint: "entries summarise an error in a few KB; raise limits.maxFileBytes in kb.config.json if this is intended" })
      : read.reason === "not-a-file"
        ? createDiagnostic({ file: ref.file, severity: "error", rule: "kb/stray-file", message: `is ${read.detail}, not a regular file`, hint: "entries are regular files inside entries/" })
        : createDiagnostic({ file: ref.file, severity: "error", rule: "kb/unreadable-path", message: `cannot be read (${read.detail})`, hint: "check the file's permissions; kb neither checks nor builds what it cannot read" });
  return { verdict: { file: ref.file, pathId: ref.pathId, diagnostics: [diagnostic], summary: undefined, contentDigest: "" } };
}

function applyExceptionsFile(diagnostics: readonly Diagnostic[], settings: RunSettings): Diagnostic[] {
  const absolute = path.join(settings.root, EXCEPTIONS_FILE);
  const shown = displayPath(absolute, settings.cwd);
  const json = readJsonFile(absolute, shown, settings.limits, settings.limits.maxFileBytes, settings.root);
  if (json === undefined) return [...diagnostics];
  const parsed = parseExceptions(json);
  const fileOfEntry = (id: string) => displayPath(path.join(settings.entriesDir, `${id}.json`), settings.cwd);
  return [...applyExceptions(shown, diagnostics, parsed.exceptions, fileOfEntry), ...parsed.diagnostics];
}
