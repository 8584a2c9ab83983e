// `kb new <domain>/<slug> [--from "<pasted error>"]`: scaffolds an entry that lint rejects until a
// person fills it in, refusing to overwrite one or to accept an invalid id; with --from, the error line
// becomes the signature, a starting regex and the first example, and entries that already match it
// are listed (improving one beats filing a duplicate).
import { lstatSync } from "node:fs";
import path from "node:path";
import { pickErrorLine } from "../../authoring/error-line.ts";
import { scaffoldEntry } from "../../authoring/scaffold.ts";
import { createMatcher } from "../../match/matcher.ts";
import { loadMatchIndex } from "../../lookup/load-index.ts";
import { terminalSafeLine } from "../../report/terminal-text.ts";
import { displayPath, idFromRelativePath } from "../../source/entry-path.ts";
import { writeFileAtomic, WriteError } from "../../write/atomic.ts";
import { resolveSettings, type CommonFlags } from "../settings.ts";
import { UsageError } from "../usage-error.ts";

export async function newCommand(id: string, flags: CommonFlags & { from?: string }): Promise<number> {
  const { settings } = resolveSettings(flags);
  const implied = idFromRelativePath(`${id}.json`);
  if ("problem" in implied) throw new UsageError(`invalid id "${id}": ${implied.problem.replace("entries live at entries/<domain>/<slug>.json, exactly one folder deep", 'an id is "<domain>/<slug>", e.g. node/err-require-esm')}`);
  const file = path.join(settings.entriesDir, `${id}.json`);
  const shown = displayPath(file, settings.cwd);
  if (lstatSync(file, { throwIfNoEntry: false })) throw new UsageError(`${shown} already exists; edit it instead`);
  // A linked entries/ or domain folder would put the new file outside the repository.
  for (const folder of [settings.entriesDir, path.dirname(file)]) {
    if (lstatSync(folder, { throwIfNoEntry: false })?.isSymbolicLink()) throw new UsageError(`${displayPath(folder, settings.cwd)} is a symbolic link; kb writes entries only inside entries/ (replace the link with the folder itself)`);
  }
  const line = flags.from === undefined ? undefined : pickErrorLine(flags.from);
  if (flags.from !== undefined && line === undefined) throw new UsageError("--from holds no text");
  if (line !== undefined) {
    try {
      const index = loadMatchIndex(path.join(settings.outDir, "match.json"), settings.limits.maxIndexBytes);
      // Guarded, like kb lookup: the built index holds regexes from pull requests.
      const found = await createMatcher(index.entries, { timeoutMs: settings.limits.regexTimeoutMs, totalBudgetMs: settings.limits.totalBudgetMs, threads: settings.threads, maxRegexLength: settings.limits.maxRegexLength }).lookup(line, { limit: 5 });
      if (found.results.length > 0) {
        process.stdout.write("These entries already match that error; consider improving one of them instead:\n");
        for (const r of found.results) process.stdout.write(`  ${terminalSafeLine(r.id)}: ${terminalSafeLine(r.signature)}\n`);
      }
    } catch {
      // No built index yet: nothing to compare with.
    }
  }
  await writeFileAtomic(file, scaffoldEntry(id, settings.today, line), { exclusive: true }).catch((e: unknown) => {
    throw e instanceof WriteError && e.code === "EEXIST" ? new UsageError(`${shown} already exists; edit it instead`) : e;
  });
  process.stdout.write(`created ${shown}${line ? ` from the line ${terminalSafeLine(JSON.stringify(line))}` : ""}\nnext: replace every TODO, then run npx kb fix ${shown} && npx kb lint ${shown}\n`);
  return 0;
}
