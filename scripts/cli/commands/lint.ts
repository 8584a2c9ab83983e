// `kb lint`: report every problem in the entries; exit 1 when any is an error.
import { hasErrors } from "../../core/diagnostic.ts";
import { lintEntries } from "../../lint/run.ts";
import { parseFormat, printDiagnostics } from "../report.ts";
import { resolveSettings, type CommonFlags } from "../settings.ts";
import { watchFolder } from "../watch.ts";

export async function lintCommand(files: string[], opts: CommonFlags & { format?: string; watch?: boolean }): Promise<number> {
  const format = parseFormat(opts.format);
  const settings = resolveSettings(opts);
  const only = files.length > 0 ? new Set(files.map((f) => f.replace(/\\/g, "/").replace(/^\.\//, ""))) : undefined;
  const once = async () => {
    const result = await lintEntries(settings);
    const shown = only ? result.diagnostics.filter((d) => only.has(d.file)) : result.diagnostics;
    printDiagnostics(shown, format);
    return hasErrors(shown) ? 1 : 0;
  };
  if (!opts.watch) return once();
  const clear = process.stdout.isTTY ? "\u001b[2J\u001b[H" : "";
  await once();
  process.stderr.write("kb lint: watching for changes (Ctrl-C to stop)\n");
  return watchFolder(settings.entriesDir, async () => {
    process.stdout.write(clear);
    await once();
    process.stderr.write(`kb lint: watching for changes (Ctrl-C to stop)\n`);
  });
}
