// `kb build` writes generated/ when lint finds no errors; `kb check` verifies it is up to date.
import { compareDiagnostics, hasErrors, type Diagnostic } from "../../core/diagnostic.ts";
import { planOutputs } from "../../build/outputs.ts";
import { outputOptions, syncPlanned } from "../../build/incremental-sync.ts";
import { driftCount, driftDiagnostics } from "../../build/drift-diagnostics.ts";
import type { OutputDrift } from "../../build/sync.ts";
import { lintEntries } from "../../lint/run.ts";
import { withLock } from "../../write/lock.ts";
import { displayPath } from "../../load/loader.ts";
import { parseFormat, printDiagnostics } from "../report.ts";
import { resolveSettings, type CommonFlags } from "../settings.ts";

export async function buildCommand(opts: CommonFlags & { format?: string }): Promise<number> {
  return (await runBuild(opts)).code;
}

/** `kb build`, also returning what it found out of date (read before writing), for `kb ci`. */
export async function runBuild(opts: CommonFlags & { format?: string }): Promise<{ code: number; drift?: OutputDrift }> {
  const format = parseFormat(opts.format);
  const settings = resolveSettings(opts);
  const result = await lintEntries(settings);
  if (hasErrors(result.diagnostics)) {
    printDiagnostics(result.diagnostics, format);
    process.stderr.write(`kb build: nothing written to ${displayPath(settings.outDir, settings.cwd)} because of the errors above\n`);
    return { code: 1 };
  }
  if (format !== "json" || result.diagnostics.length > 0) printDiagnostics(result.diagnostics, format);
  const outputs = planOutputs(result.docs.map((d) => d.entry));
  const lockFile = `${settings.outDir.replace(/[\\/]+$/, "")}.lock`;
  const drift = await withLock(lockFile, () => syncPlanned(settings.outDir, outputs, outputOptions(settings, result, true)));
  const changed = driftCount(drift);
  process.stderr.write(
    `kb build: ${outputs.length} files in ${displayPath(settings.outDir, settings.cwd)}; ${changed === 0 ? "all up to date" : `${drift.missing.length} added, ${drift.stale.length} updated, ${drift.extra.length} removed`}\n`,
  );
  return { code: 0, drift };
}

export async function checkCommand(opts: CommonFlags & { format?: string }): Promise<number> {
  const format = parseFormat(opts.format);
  const settings = resolveSettings(opts);
  const result = await lintEntries(settings);
  const diagnostics: Diagnostic[] = [...result.diagnostics];
  if (!hasErrors(result.diagnostics)) {
    const drift = await syncPlanned(settings.outDir, planOutputs(result.docs.map((d) => d.entry)), outputOptions(settings, result, false));
    diagnostics.push(...driftDiagnostics(drift, displayPath(settings.outDir, settings.cwd)));
  }
  diagnostics.sort(compareDiagnostics);
  printDiagnostics(diagnostics, format);
  return hasErrors(diagnostics) ? 1 : 0;
}
