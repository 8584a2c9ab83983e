// `kb new <domain>/<slug>`: scaffold an entry, refusing to overwrite one or to accept an invalid id;
// with --from, pre-fill the signature and an escaped-literal regex and list entries that already match.
import { existsSync } from "node:fs";
import path from "node:path";
import { scaffoldEntry } from "../../fix/scaffold.ts";
import { idFromRelativePath, loadEntries } from "../../load/loader.ts";
import { lookup } from "../../lookup/lookup.ts";
import { validateEntry } from "../../schema/validate.ts";
import { writeFileAtomic } from "../../write/atomic.ts";
import { resolveSettings, UsageError, type CommonFlags } from "../settings.ts";

export async function newCommand(id: string, opts: CommonFlags & { from?: string }): Promise<number> {
  const settings = resolveSettings(opts);
  const implied = idFromRelativePath(`${id}.json`);
  if ("problem" in implied) throw new UsageError(`invalid id "${id}": ${implied.problem.replace("entries live at entries/<domain>/<slug>.json, exactly one folder deep", 'an id is "<domain>/<slug>", e.g. node/err-require-esm')}`);
  const file = path.join(settings.entriesDir, `${id}.json`);
  if (existsSync(file)) throw new UsageError(`${path.relative(settings.cwd, file)} already exists; edit it instead`);

  if (opts.from !== undefined) {
    const loaded = await loadEntries(settings.entriesDir, { limits: settings.limits, cwd: settings.cwd });
    const known = loaded.flatMap((f) => {
      const v = f.source?.value !== undefined ? validateEntry(f.source.value) : undefined;
      return v?.ok ? [{ id: v.entry.id, regex: v.entry.regex, signature: v.entry.signature, fix_success_rate: v.entry.fix_success_rate }] : [];
    });
    const { results } = await lookup(opts.from, known, { limit: 10, timeoutMs: settings.limits.regexTimeoutMs, threads: settings.threads });
    if (results.length > 0) {
      process.stdout.write(`These entries already match that text; consider improving one of them instead:\n`);
      for (const r of results) process.stdout.write(`  ${r.id}: ${r.signature}\n`);
    }
  }

  await writeFileAtomic(file, scaffoldEntry(id, settings.today, opts.from));
  const rel = path.relative(settings.cwd, file).split(path.sep).join("/");
  process.stdout.write(`created ${rel}\nnext: replace every TODO, then run npx kb fix ${rel} && npx kb lint\n`);
  return 0;
}
