// Load + lint over an entries folder: what `kb lint`, `kb build`, `kb check` and `kb fix` share.
import { loadEntries } from "../load/loader.ts";
import type { Settings } from "../cli/settings.ts";
import { lintFiles, type LintResult } from "./engine.ts";

export interface RunOptions {
  readonly only?: readonly string[];
  readonly python?: boolean;
}

export async function lintEntries(settings: Settings, options: RunOptions = {}): Promise<LintResult & { fileCount: number }> {
  const files = await loadEntries(settings.entriesDir, { limits: settings.limits, cwd: settings.cwd, only: options.only });
  const result = await lintFiles(files, { limits: settings.limits, today: settings.today, threads: settings.threads, python: options.python ?? true });
  return { ...result, fileCount: files.length };
}
