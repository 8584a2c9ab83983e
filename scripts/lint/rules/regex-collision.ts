// When entry A's regex matches entry B's signature, alias or match example, lookup may send B's
// readers to A. That is an error unless both entries declare the confusion, and even then lookup must
// still rank B first for B's own texts (self-resolution must stay at 100%). Reported once per regex,
// however many texts it catches.
import { describePointer } from "../../model/pointer.ts";
import { isResolved } from "../collisions.ts";
import { quoteText } from "../regex-misses.ts";
import { collectionRule } from "../rule.ts";
import type { EntrySummary } from "../summary.ts";

/** How a stopped check's diagnostic begins: it depends on timing, so no cache stores it. */
export const COLLISIONS_STOPPED = "the collision checks of this regex stopped";

const declared = (a: EntrySummary, b: EntrySummary) => (a.graph?.frequently_confused_with ?? []).some((l) => l.error_id === b.id);
const mutual = (a: EntrySummary, b: EntrySummary) => declared(a, b) && declared(b, a);

export const regexCollision = collectionRule({
  meta: {
    id: "kb/regex-collision",
    description: "no regex matches another entry's texts unless both declare the confusion, and lookup ranks each entry first for its own texts",
    severity: "error",
    why: "In public knowledge bases a lookup of an entry's own signature returns another entry for 5-30% of entries; this rule makes that impossible.",
  },
  check({ entries, collisions, report }) {
    for (const [matcher, found] of collisions.byMatcher) {
      const m = entries[matcher]!;
      const undeclared = [...found.owners.values()].filter((o) => !mutual(m, entries[o.owner]!));
      if (undeclared.length === 0 && found.moreOwners === 0) continue;
      const texts = undeclared.reduce((n, o) => n + o.count, 0) + found.moreOwners;
      const shown = undeclared.slice(0, 3).map((o) => `${entries[o.owner]!.id}'s ${quoteText(o.first)}`);
      const message =
        undeclared.length === 1 && found.moreOwners === 0
          ? `regex also matches ${shown[0]} (${entries[undeclared[0]!.owner]!.file})${texts > 1 ? ` and ${texts - 1} more of its texts` : ""}`
          : `regex also matches ${texts} texts of ${undeclared.length}${found.moreOwners > 0 ? "+" : ""} other entries; first ${shown.length}: ${shown.join("; ")}`;
      report(m, { pointer: "/regex", message, hint: "make the regex more specific; if the errors are genuinely confusable, list each other in transition_graph.frequently_confused_with" });
    }
    for (const r of collisions.resolution) {
      if (isResolved(r) || !r.own || !r.best) continue;
      const own = entries[r.entry]!;
      const winner = entries.find((e) => e.id === r.best!.id);
      if (!winner || !mutual(winner, own)) continue; // reported above, on the winner's regex
      report(own, {
        pointer: r.text.pointer,
        message: `lookup of ${describePointer(r.text.pointer)} ranks ${winner.id} first, not this entry (${r.best.why})`,
        hint: "make this entry's regex cover more of its own text, or make the other regex more specific",
      });
    }
    for (const [matcher, skipped] of collisions.skippedByMatcher) {
      report(entries[matcher]!, {
        pointer: "/regex",
        message: `${COLLISIONS_STOPPED} when the run's time budget (totalBudgetMs) ran out or a test timed out; ${skipped} test${skipped === 1 ? "" : "s"} did not run`,
        hint: "make slow regexes faster (see kb/regex-redos), or raise limits.totalBudgetMs in kb.config.json",
      });
    }
  },
});
