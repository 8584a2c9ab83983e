// Load + lint over an entries folder (with lint-exceptions.json applied): what `kb lint`, `kb build`,
// `kb check` and `kb fix` share.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { compareDiagnostics } from "../core/diagnostic.ts";
import { displayPath } from "../load/loader.ts";
import { allRules } from "../rules/registry.ts";
import type { Settings } from "../cli/settings.ts";
import { terminalProgress } from "../cli/progress.ts";
import { lintCorpus, type CorpusLintResult } from "./corpus.ts";
import { applyExceptions, EXCEPTIONS_FILE, parseExceptions } from "./exceptions.ts";

export interface RunOptions {
  readonly only?: readonly string[];
  readonly python?: boolean;
  /** Called as the run advances: phase, done, total (for a progress bar). */
  readonly onProgress?: (phase: string, done: number, total: number) => void;
}

export async function lintEntries(settings: Settings, options: RunOptions = {}): Promise<CorpusLintResult> {
  const progress = options.onProgress ? undefined : terminalProgress();
  const result = await lintCorpus(settings.entriesDir, {
    cwd: settings.cwd,
    only: options.only,
    limits: settings.limits,
    today: settings.today,
    threads: settings.threads,
    python: options.python ?? true,
    cache: settings.cache ?? true,
    onProgress: options.onProgress ?? progress?.update,
  }).finally(() => progress?.done());
  const files = { length: result.fileCount };
  const exceptionsPath = path.join(settings.cwd, EXCEPTIONS_FILE);
  const text = await readFile(exceptionsPath, "utf8").catch(() => undefined);
  if (text === undefined) return { ...result, fileCount: files.length };
  const file = displayPath(exceptionsPath, settings.cwd);
  const parsed = parseExceptions(file, text, new Set(allRules.map((r) => r.id)));
  const fileOfEntry = (id: string) => displayPath(path.join(settings.entriesDir, `${id}.json`), settings.cwd);
  const diagnostics = [...applyExceptions(file, result.diagnostics, parsed.exceptions, fileOfEntry), ...parsed.diagnostics].sort(compareDiagnostics);
  return { ...result, diagnostics, fileCount: files.length };
}
