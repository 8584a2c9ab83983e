// Rates read as measured unless they say otherwise. A high rate with no stated basis and nothing
// cited is flagged, so every number either shows where it comes from or is marked an estimate
// (views then print "≈85%, estimate"); a "reported" or "measured" rate must show its evidence.
import type { Entry, RateBasis } from "../../model/entry.ts";
import { entryRule } from "../rule.ts";

/** Rates at or above this read as a strong claim. */
export const HIGH_RATE = 0.8;

interface Rate {
  readonly pointer: string;
  readonly label: string;
  readonly value: number;
  readonly basis: RateBasis | undefined;
  readonly sources: readonly string[];
}

function ratesOf(entry: Partial<Entry>): Rate[] {
  const top = entry.rate_basis;
  const rates: Rate[] = [];
  if (entry.confidence !== undefined) rates.push({ pointer: "/confidence", label: "confidence", value: entry.confidence, basis: top, sources: [] });
  if (entry.fix_success_rate !== undefined) rates.push({ pointer: "/fix_success_rate", label: "fix_success_rate", value: entry.fix_success_rate, basis: top, sources: entry.workarounds?.[0]?.sources ?? [] });
  (entry.workarounds ?? []).forEach((w, i) => rates.push({ pointer: `/workarounds/${i}/success_rate`, label: `workarounds[${i}].success_rate`, value: w.success_rate, basis: w.rate_basis ?? top, sources: w.sources }));
  (entry.dead_ends ?? []).forEach((d, i) => rates.push({ pointer: `/dead_ends/${i}/fail_rate`, label: `dead_ends[${i}].fail_rate`, value: d.fail_rate, basis: d.rate_basis ?? top, sources: d.sources }));
  return rates;
}

export const rateProvenance = entryRule({
  meta: {
    id: "kb/rate-provenance",
    description: `every rate states where it comes from: high rates (${HIGH_RATE} or more) with no basis and no source are flagged; "reported" rates cite their sources, "measured" ones their method`,
    severity: "warning",
    why: "A bare 0.85 reads as measured. Knowledge bases of this kind fill every rate with 0.85 or 0.9; consumers deserve to know which numbers were counted and which are a curator's estimate.",
  },
  requires: [],
  check({ entry, report }) {
    const rates = ratesOf(entry);
    const unbacked = rates.filter((r) => r.basis === undefined && r.value >= HIGH_RATE && r.sources.length === 0 && entry.evidence_count === undefined);
    if (unbacked.length > 0) {
      const [first] = unbacked;
      report({
        pointer: first!.pointer,
        message: `${unbacked.length === 1 ? `${first!.label} is` : `${unbacked.length} rates are`} ${HIGH_RATE} or more with no stated basis and no source (${unbacked.map((r) => `${r.label} ${r.value}`).join(", ")}): they read as measured`,
        hint: 'set "rate_basis": "estimate" (views then show ≈), or cite the sources the numbers come from with "rate_basis": "reported"',
      });
    }
    for (const r of rates) {
      if (r.basis === "reported" && r.sources.length === 0 && r.pointer.includes("/", 1))
        report({ pointer: r.pointer, severity: "error", message: `${r.label} is "reported" but cites no source`, hint: "add the source that reports it to sources, or mark it an estimate" });
    }
    const needsMethod = rates.some((r) => r.basis === "measured") || entry.rate_basis === "reported";
    if (needsMethod && entry.rate_method === undefined)
      report({ pointer: entry.rate_basis === undefined ? "" : "/rate_basis", severity: "error", message: "measured or reported rates need rate_method: how they were obtained (the sample, who counted, when)", hint: 'add "rate_method": "…"' });
  },
});
