// `kb build` writes generated/ when lint finds no errors (nothing is written otherwise); `kb check`
// verifies generated/ is exactly what kb build writes, naming each stale, missing or extra file.
import { hasErrors, sortDiagnostics } from "../../model/diagnostic.ts";
import { runBuild } from "../../runner/build-run.ts";
import { driftCount, driftDiagnostics } from "../../write/drift.ts";
import { displayPath } from "../../source/entry-path.ts";
import { terminalSafeLine } from "../../report/terminal-text.ts";
import { checkReportFlags, checkReportTarget, report, type ReportFlags, runContext } from "../output.ts";
import { terminalProgress } from "../progress.ts";
import { resolveSettings, type CommonFlags } from "../settings.ts";

export async function buildCommand(flags: CommonFlags & ReportFlags): Promise<number> {
  checkReportFlags(flags);
  const { settings, config } = resolveSettings(flags);
  checkReportTarget(flags, runContext(settings, config.repositoryUrl));
  const progress = terminalProgress();
  const result = await runBuild(settings, { write: true, onProgress: progress.update }).finally(progress.done);
  const out = terminalSafeLine(displayPath(settings.outDir, settings.cwd));
  if (!result.drift) {
    await report(result.lint.diagnostics, flags, runContext(settings, config.repositoryUrl));
    process.stderr.write(`kb build: nothing written to ${out} because of the errors above\n`);
    return 1;
  }
  // A clean run prints no stylish report (the line below says it all), but -o always gets its file.
  const code = result.lint.diagnostics.length > 0 || (flags.format !== undefined && flags.format !== "stylish") || flags.outputFile !== undefined ? await report(result.lint.diagnostics, flags, runContext(settings, config.repositoryUrl)) : 0;
  const d = result.drift;
  process.stderr.write(`kb build: ${result.outputs!.length} files in ${out}; ${driftCount(d) === 0 ? "all up to date" : `${d.missing.length} added, ${d.stale.length} updated, ${d.extra.length} removed`}\n`);
  return code;
}

export async function checkCommand(flags: CommonFlags & ReportFlags): Promise<number> {
  checkReportFlags(flags);
  const { settings, config } = resolveSettings(flags);
  checkReportTarget(flags, runContext(settings, config.repositoryUrl));
  const progress = terminalProgress();
  const result = await runBuild(settings, { write: false, onProgress: progress.update }).finally(progress.done);
  const diagnostics = sortDiagnostics([...result.lint.diagnostics, ...(result.drift ? driftDiagnostics(result.drift, displayPath(settings.outDir, settings.cwd)) : [])]);
  const code = await report(diagnostics, flags, runContext(settings, config.repositoryUrl, "error-kb check"));
  if (!hasErrors(diagnostics) && code === 0) process.stderr.write(`kb check: ${terminalSafeLine(displayPath(settings.outDir, settings.cwd))} is up to date (${result.outputs?.length ?? 0} files)\n`);
  return code;
}
