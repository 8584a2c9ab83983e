// `kb stats`: the figures anyone can check, chief among them self-resolution: the share of signatures,
// aliases and match examples whose top lookup result is their own entry (lint requires 100%).
import { computeSelfResolution } from "../../lookup/self-resolution.ts";
import { lintEntries } from "../../lint/run.ts";
import { resolveSettings, UsageError, type CommonFlags } from "../settings.ts";

export async function statsCommand(opts: CommonFlags & { format?: string }): Promise<number> {
  const format = opts.format ?? "stylish";
  if (format !== "stylish" && format !== "json") throw new UsageError(`--format must be stylish or json for stats`);
  const settings = resolveSettings(opts);
  const result = await lintEntries(settings);
  const self = computeSelfResolution(result.docs, result.facts);
  const domains = new Set(result.docs.map((d) => d.entry.domain));
  const stats = {
    entries: result.docs.length,
    domains: domains.size,
    self_resolution: { resolved: self.resolved, total: self.total, share: self.total === 0 ? 1 : self.resolved / self.total },
    unresolved: self.cases.filter((c) => !c.resolved).map((c) => ({ id: c.doc.entry.id, pointer: c.text.pointer, top: c.ranked[0]?.id ?? null })),
  };
  if (format === "json") process.stdout.write(JSON.stringify(stats, null, 2) + "\n");
  else {
    const pct = (stats.self_resolution.share * 100).toFixed(1);
    process.stdout.write(`${stats.entries} entries in ${stats.domains} domains\n`);
    process.stdout.write(`self-resolution: ${self.resolved} of ${self.total} signatures, aliases and match examples (${pct}%) look up to their own entry first\n`);
    for (const u of stats.unresolved) process.stdout.write(`  ${u.id} ${u.pointer} → ${u.top ?? "no match"}\n`);
  }
  return self.resolved === self.total ? 0 : 1;
}
