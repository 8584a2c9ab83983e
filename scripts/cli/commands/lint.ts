// `kb lint`: report every problem in the entries; exit 1 when any is an error.
import { hasErrors } from "../../core/diagnostic.ts";
import { lintEntries } from "../../lint/run.ts";
import { parseFormat, printDiagnostics } from "../report.ts";
import { resolveSettings, type CommonFlags } from "../settings.ts";

export async function lintCommand(files: string[], opts: CommonFlags & { format?: string }): Promise<number> {
  const format = parseFormat(opts.format);
  const settings = resolveSettings(opts);
  const result = await lintEntries(settings);
  const only = files.length > 0 ? new Set(files.map((f) => f.replace(/\\/g, "/").replace(/^\.\//, ""))) : undefined;
  const shown = only ? result.diagnostics.filter((d) => only.has(d.file)) : result.diagnostics;
  printDiagnostics(shown, format);
  return hasErrors(shown) ? 1 : 0;
}
