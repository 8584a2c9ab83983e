// Load + lint over an entries folder (with lint-exceptions.json applied): what `kb lint`, `kb build`,
// `kb check` and `kb fix` share.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { compareDiagnostics } from "../core/diagnostic.ts";
import { displayPath, loadEntries } from "../load/loader.ts";
import { allRules } from "../rules/registry.ts";
import type { Settings } from "../cli/settings.ts";
import { lintFiles, type LintResult } from "./engine.ts";
import { applyExceptions, EXCEPTIONS_FILE, parseExceptions } from "./exceptions.ts";

export interface RunOptions {
  readonly only?: readonly string[];
  readonly python?: boolean;
}

export async function lintEntries(settings: Settings, options: RunOptions = {}): Promise<LintResult & { fileCount: number }> {
  const files = await loadEntries(settings.entriesDir, { limits: settings.limits, cwd: settings.cwd, only: options.only });
  const result = await lintFiles(files, { limits: settings.limits, today: settings.today, threads: settings.threads, python: options.python ?? true });
  const exceptionsPath = path.join(settings.cwd, EXCEPTIONS_FILE);
  const text = await readFile(exceptionsPath, "utf8").catch(() => undefined);
  if (text === undefined) return { ...result, fileCount: files.length };
  const file = displayPath(exceptionsPath, settings.cwd);
  const parsed = parseExceptions(file, text, new Set(allRules.map((r) => r.id)));
  const fileOfEntry = (id: string) => displayPath(path.join(settings.entriesDir, `${id}.json`), settings.cwd);
  const diagnostics = [...applyExceptions(file, result.diagnostics, parsed.exceptions, fileOfEntry), ...parsed.diagnostics].sort(compareDiagnostics);
  return { ...result, diagnostics, fileCount: files.length };
}
