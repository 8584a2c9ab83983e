// `kb stats`: figures anyone can check, chief among them self-resolution: the share of signatures,
// aliases and match examples whose top lookup result is their own entry (lint requires 100%).
import { findCollisions, isResolved } from "../../lint/collisions.ts";
import { startBudget } from "../../lint/regex-runner.ts";
import { engineOptions, runLint } from "../../runner/lint-run.ts";
import { jsonText, terminalSafeLine } from "../../report/terminal-text.ts";
import { resolveSettings, type CommonFlags } from "../settings.ts";
import { UsageError } from "../usage-error.ts";

export async function statsCommand(flags: CommonFlags & { format?: string }): Promise<number> {
  const format = flags.format ?? "stylish";
  if (format !== "stylish" && format !== "json") throw new UsageError(`--format must be stylish or json for stats, not "${format}"`);
  const { settings } = resolveSettings(flags);
  const lint = await runLint(settings);
  const entries = lint.verdicts.flatMap((v) => (v.summary ? [v.summary] : []));
  const collisions = await findCollisions(entries, engineOptions(settings).runner, startBudget(settings.limits.totalBudgetMs));
  const resolved = collisions.resolution.filter(isResolved).length;
  const total = collisions.resolution.length;
  const domains = new Set(entries.map((e) => e.id.split("/")[0]));
  const unresolved = collisions.resolution.filter((r) => !isResolved(r)).map((r) => ({ id: entries[r.entry]!.id, pointer: r.text.pointer, top: r.best?.id ?? (r.own ? entries[r.entry]!.id : null) }));
  const stats = { entries: entries.length, domains: domains.size, self_resolution: { resolved, total, share: total === 0 ? 1 : resolved / total }, unresolved };
  if (format === "json") process.stdout.write(jsonText(stats) + "\n");
  else {
    process.stdout.write(`${stats.entries} entries in ${stats.domains} domains\n`);
    process.stdout.write(`self-resolution: ${resolved} of ${total} signatures, aliases and match examples (${(stats.self_resolution.share * 100).toFixed(1)}%) look up to their own entry first\n`);
    for (const u of unresolved) process.stdout.write(`  ${terminalSafeLine(u.id)} ${terminalSafeLine(u.pointer)} → ${terminalSafeLine(u.top ?? "no match")}\n`);
  }
  return resolved === total ? 0 : 1;
}
