// `kb fix`: rewrite entries in canonical form through the atomic writer (or print the diff with
// --dry-run), then lint again and report what still needs a person.
import { hasErrors } from "../../core/diagnostic.ts";
import { fixSource } from "../../fix/apply.ts";
import { unifiedDiff } from "../../fix/diff.ts";
import { lintEntries } from "../../lint/run.ts";
import { loadEntries } from "../../load/loader.ts";
import { writeFileAtomic } from "../../write/atomic.ts";
import { removeStaleTempFiles } from "../../write/leftovers.ts";
import { parseFormat, printDiagnostics } from "../report.ts";
import { resolveSettings, type CommonFlags } from "../settings.ts";

export async function fixCommand(files: string[], opts: CommonFlags & { format?: string; dryRun?: boolean }): Promise<number> {
  const format = parseFormat(opts.format);
  const settings = resolveSettings(opts);
  const only = files.length > 0 ? files : undefined;
  if (!opts.dryRun) {
    const removed = await removeStaleTempFiles(settings.entriesDir);
    if (removed.length > 0) process.stderr.write(`kb fix: removed ${removed.length} temporary file${removed.length === 1 ? "" : "s"} left by an interrupted run\n`);
  }
  const loaded = await loadEntries(settings.entriesDir, { limits: settings.limits, cwd: settings.cwd, only });
  let fixed = 0;
  const untouched: string[] = [];
  for (const f of loaded) {
    if (!f.source) continue;
    const outcome = fixSource(f.source);
    if (outcome.kind === "unparsable") untouched.push(f.file);
    if (outcome.kind !== "fixed") continue;
    fixed++;
    if (opts.dryRun) process.stdout.write(unifiedDiff(f.file, f.source.text, outcome.text));
    else await writeFileAtomic(f.absolute, outcome.text);
  }
  const verb = opts.dryRun ? "would fix" : "fixed";
  process.stderr.write(`kb fix: ${verb} ${fixed} file${fixed === 1 ? "" : "s"}${untouched.length > 0 ? `; left ${untouched.length} that do not parse untouched` : ""}\n`);
  if (opts.dryRun) return fixed > 0 ? 1 : 0;
  const result = await lintEntries(settings);
  const shown = only ? result.diagnostics.filter((d) => loaded.some((f) => f.file === d.file)) : result.diagnostics;
  if (shown.length > 0) {
    process.stderr.write("kb fix: these problems need a person:\n");
    printDiagnostics(shown, format);
  }
  return hasErrors(shown) ? 1 : 0;
}
