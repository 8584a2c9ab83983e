// `kb lint [paths…]`: report every problem in the entries (collection rules always see them all);
// exit 1 on errors or on more warnings than --max-warnings. --watch lints again after each change.
import { runLint } from "../../runner/lint-run.ts";
import { report, type ReportFlags, runContext, checkReportFlags, checkReportTarget } from "../output.ts";
import { terminalProgress } from "../progress.ts";
import { resolveSettings, type CommonFlags } from "../settings.ts";
import { watchFolder } from "../watch.ts";
import { jsonText } from "../../report/terminal-text.ts";

export async function lintCommand(paths: string[], flags: CommonFlags & ReportFlags & { watch?: boolean; printConfig?: boolean }): Promise<number> {
  checkReportFlags(flags);
  const { settings, config } = resolveSettings(flags);
  if (flags.printConfig) {
    // Paths come from argv and the file system: C1 and bidi controls are written as JSON escapes
    // (the same JSON value), so the terminal shows them instead of obeying them.
    process.stdout.write(
      jsonText({ root: settings.root, config: config.file ?? null, entries: settings.entriesDir, out: settings.outDir, limits: settings.limits, rules: Object.fromEntries(settings.severities), threads: settings.threads, cache: settings.cache, python: settings.python, repositoryUrl: config.repositoryUrl ?? null }) + "\n",
    );
    return 0;
  }
  checkReportTarget(flags, runContext(settings, config.repositoryUrl));
  const once = async () => {
    const progress = terminalProgress();
    const result = await runLint(settings, { ...(paths.length > 0 ? { only: paths } : {}), onProgress: progress.update }).finally(progress.done);
    return report(result.diagnostics, flags, runContext(settings, config.repositoryUrl));
  };
  if (!flags.watch) return once();
  await once();
  process.stderr.write("kb lint: watching for changes (Ctrl-C to stop)\n");
  return watchFolder(settings.entriesDir, async () => {
    if (process.stdout.isTTY) process.stdout.write("\u001b[2J\u001b[H");
    await once();
    process.stderr.write("kb lint: watching for changes (Ctrl-C to stop)\n");
  });
}
