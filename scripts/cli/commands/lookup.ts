// `kb lookup "<error text>"` (or `-` for stdin): the known errors a message or a log contains, best
// first, with why each matched. Exit 0 when something matched, 1 when nothing did.
import path from "node:path";
import { createColors } from "picocolors";
import { IndexFileError, loadMatchIndex } from "../../load/bundled-index.ts";
import { lookup, type LookupReport } from "../../lookup/lookup.ts";
import { percent } from "../../render/links.ts";
import { useColor } from "../report.ts";
import { resolveSettings, UsageError, type CommonFlags } from "../settings.ts";

export interface LookupFlags extends CommonFlags {
  format?: string;
  limit?: string;
  index?: string;
}

export async function lookupCommand(textArg: string, opts: LookupFlags): Promise<number> {
  const settings = resolveSettings(opts);
  const format = opts.format ?? "stylish";
  if (format !== "stylish" && format !== "json") throw new UsageError(`--format must be stylish or json for lookup`);
  const limit = opts.limit === undefined ? 5 : Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError("--limit must be a whole number of at least 1");
  const text = textArg === "-" ? await readStdin() : textArg;
  const indexFile = path.resolve(settings.cwd, opts.index ?? path.join(settings.outDir, "match.json"));
  let entries;
  try {
    // match.json and index.json both carry what lookup needs; match.json is a twentieth of the size.
    entries = (await loadMatchIndex(indexFile)).entries;
  } catch (e) {
    if (e instanceof IndexFileError) throw new UsageError(e.message);
    throw e;
  }
  const report = await lookup(text, entries, { limit, timeoutMs: settings.limits.regexTimeoutMs, totalBudgetMs: settings.limits.totalBudgetMs, threads: settings.threads });
  process.stdout.write(format === "json" ? JSON.stringify(report, null, 2) + "\n" : formatReport(report));
  return report.results.length > 0 ? 0 : 1;
}

function formatReport(report: LookupReport): string {
  const c = createColors(useColor());
  const lines: string[] = [];
  if (report.results.length === 0) lines.push("no known error matched");
  report.results.forEach((r, i) => {
    lines.push(`${i + 1}. ${c.bold(r.id)}  ${c.dim(`fix rate ${percent(r.fixRate)}`)}`);
    lines.push(`   ${r.signature}`);
    lines.push(c.dim(`   ${r.why}`));
  });
  for (const id of report.timedOut) lines.push(c.yellow(`warning: the regex of ${id} ran past its time limit and was skipped on some lines`));
  return lines.join("\n") + "\n";
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
