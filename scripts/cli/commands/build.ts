// `kb build` writes generated/ when lint finds no errors; `kb check` verifies it is up to date.
import { compareDiagnostics, hasErrors, type Diagnostic } from "../../core/diagnostic.ts";
import { renderOutputs } from "../../build/outputs.ts";
import { compareOutputs, syncOutputs } from "../../build/sync.ts";
import { lintEntries } from "../../lint/run.ts";
import { withLock } from "../../write/lock.ts";
import { displayPath } from "../../load/loader.ts";
import { parseFormat, printDiagnostics } from "../report.ts";
import { resolveSettings, type CommonFlags } from "../settings.ts";

export async function buildCommand(opts: CommonFlags & { format?: string }): Promise<number> {
  const format = parseFormat(opts.format);
  const settings = resolveSettings(opts);
  const result = await lintEntries(settings);
  if (hasErrors(result.diagnostics)) {
    printDiagnostics(result.diagnostics, format);
    process.stderr.write(`kb build: nothing written to ${displayPath(settings.outDir, settings.cwd)} because of the errors above\n`);
    return 1;
  }
  if (format !== "json" || result.diagnostics.length > 0) printDiagnostics(result.diagnostics, format);
  const outputs = renderOutputs(result.docs.map((d) => d.entry));
  const lockFile = `${settings.outDir.replace(/[\\/]+$/, "")}.lock`;
  const drift = await withLock(lockFile, () => syncOutputs(settings.outDir, outputs));
  const changed = drift.stale.length + drift.missing.length + drift.extra.length;
  process.stderr.write(
    `kb build: ${outputs.size} files in ${displayPath(settings.outDir, settings.cwd)}; ${changed === 0 ? "all up to date" : `${drift.missing.length} added, ${drift.stale.length} updated, ${drift.extra.length} removed`}\n`,
  );
  return 0;
}

export async function checkCommand(opts: CommonFlags & { format?: string }): Promise<number> {
  const format = parseFormat(opts.format);
  const settings = resolveSettings(opts);
  const result = await lintEntries(settings);
  const diagnostics: Diagnostic[] = [...result.diagnostics];
  if (!hasErrors(result.diagnostics)) {
    const outputs = renderOutputs(result.docs.map((d) => d.entry));
    const drift = await compareOutputs(settings.outDir, outputs);
    const out = displayPath(settings.outDir, settings.cwd);
    const note = (rel: string, message: string): Diagnostic => ({
      file: `${out}/${rel}`,
      line: 1,
      column: 1,
      pointer: "",
      severity: "error",
      rule: "kb/generated-up-to-date",
      message,
      hint: "run npx kb build and commit the result; never edit generated/ by hand",
    });
    for (const rel of drift.stale) diagnostics.push(note(rel, "is stale: it differs from what kb build writes"));
    for (const rel of drift.missing) diagnostics.push(note(rel, "is missing: kb build writes it"));
    for (const rel of drift.extra) diagnostics.push(note(rel, "is extra: no entry produces it"));
  }
  diagnostics.sort(compareDiagnostics);
  printDiagnostics(diagnostics, format);
  return hasErrors(diagnostics) ? 1 : 0;
}
