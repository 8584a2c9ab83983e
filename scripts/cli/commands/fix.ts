// `kb fix [paths…]`: rewrites entries in canonical form and repairs values it can repair without
// guessing, through the atomic writer (or prints the diff with --dry-run), then lints again and
// reports what still needs a person. --refresh-translation-digests records the zh fields as checked.
import path from "node:path";
import { hasErrors } from "../../model/diagnostic.ts";
import { fixSource } from "../../lint/fix.ts";
import { runLint } from "../../runner/lint-run.ts";
import { parseEntryFile } from "../../source/entry-file.ts";
import { listEntries } from "../../source/list-entries.ts";
import { readBoundedFile } from "../../source/read-file.ts";
import { unifiedDiff } from "../../report/unified-diff.ts";
import { terminalSafeLine } from "../../report/terminal-text.ts";
import { writeFileAtomic } from "../../write/atomic.ts";
import { removeStaleTempFiles } from "../../write/leftovers.ts";
import { checkReportFlags, checkReportTarget, report, type ReportFlags, runContext } from "../output.ts";
import { resolveSettings, type CommonFlags } from "../settings.ts";

export async function fixCommand(paths: string[], flags: CommonFlags & ReportFlags & { dryRun?: boolean; refreshTranslationDigests?: boolean }): Promise<number> {
  // Checked before any file is rewritten, not at the report after it.
  checkReportFlags(flags);
  const { settings, config } = resolveSettings(flags);
  checkReportTarget(flags, runContext(settings, config.repositoryUrl));
  const only = paths.length > 0 ? paths : undefined;
  if (!flags.dryRun) {
    const { removed, failed } = removeStaleTempFiles(settings.entriesDir);
    if (removed.length > 0) process.stderr.write(`kb fix: removed ${removed.length} temporary file${removed.length === 1 ? "" : "s"} left by an interrupted run\n`);
    for (const f of failed) process.stderr.write(`kb fix: could not remove ${terminalSafeLine(f.file)}, a temporary file left by an interrupted run (${terminalSafeLine(f.code)}); remove it yourself\n`);
  }
  const listing = listEntries(settings.entriesDir, { cwd: settings.cwd, ...(only ? { only } : {}) });
  let fixed = 0;
  const untouched: string[] = [];
  for (const ref of listing.refs) {
    const read = readBoundedFile(ref.absolute, settings.limits.maxFileBytes);
    if (!read.ok) continue;
    const parsed = parseEntryFile(ref, read.bytes, settings.limits);
    if (!parsed.source) continue;
    const broken = parsed.diagnostics.some((d) => d.rule === "kb/json-syntax" || d.rule === "kb/duplicate-key");
    const outcome = fixSource(parsed.source, broken, { refreshTranslations: flags.refreshTranslationDigests === true });
    if (outcome.kind === "unparsable") untouched.push(ref.file);
    if (outcome.kind !== "fixed") continue;
    fixed++;
    for (const r of outcome.repairs) process.stderr.write(`kb fix: ${terminalSafeLine(ref.file)}: ${terminalSafeLine(r)}\n`);
    if (flags.dryRun) process.stdout.write(unifiedDiff(ref.file, parsed.source.text, outcome.text));
    else {
      // Saved by someone else since it was read: their edit wins, this fix is dropped.
      let unchanged = true;
      await writeFileAtomic(path.resolve(ref.absolute), outcome.text, { preserveMode: true, keep: () => (unchanged = stillHolds(ref.absolute, read.bytes, settings.limits.maxFileBytes)) });
      if (!unchanged) {
        fixed--;
        process.stderr.write(`kb fix: left ${terminalSafeLine(ref.file)} as it is: it changed while kb fix ran; run kb fix again\n`);
      }
    }
  }
  const verb = flags.dryRun ? "would fix" : "fixed";
  process.stderr.write(`kb fix: ${verb} ${fixed} file${fixed === 1 ? "" : "s"}${untouched.length > 0 ? `; left ${untouched.length} that do not parse untouched` : ""}\n`);
  if (flags.dryRun) return fixed > 0 ? 1 : 0;
  const result = await runLint(settings, only ? { only } : {});
  // Asked for a report file, one gets it, empty too: nothing written read as a missing report.
  if (result.diagnostics.length === 0) return flags.outputFile === undefined ? 0 : report([], flags, runContext(settings, config.repositoryUrl));
  process.stderr.write("kb fix: these problems need a person:\n");
  const code = await report(result.diagnostics, flags, runContext(settings, config.repositoryUrl));
  return hasErrors(result.diagnostics) ? 1 : code;
}

/** The file still holds exactly these bytes. */
function stillHolds(file: string, bytes: Uint8Array, maxBytes: number): boolean {
  const now = readBoundedFile(file, maxBytes);
  return now.ok && Buffer.compare(now.bytes, bytes) === 0;
}
