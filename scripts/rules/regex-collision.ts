// When entry A's regex matches entry B's signature, alias or match example, lookup may send B's
// readers to A. That is an error unless both entries declare the confusion, and even then lookup must
// still rank B first for B's own texts (self-resolution must stay at 100%).
import { describePointer } from "../core/pointer.ts";
import { computeSelfResolution } from "../lookup/self-resolution.ts";
import { truncate } from "./regex-matches-own-texts.ts";
import type { CollectionRule, EntryDoc } from "./types.ts";

export const regexCollision: CollectionRule = {
  id: "kb/regex-collision",
  description: "no regex matches another entry's texts unless both declare the confusion, and lookup ranks each entry first for its own texts",
  severity: "error",
  scope: "collection",
  docs: { why: "In public knowledge bases a lookup of an entry's own signature returns another entry for 5-30% of entries; this rule makes that impossible." },
  check({ docs, facts, report }) {
    const declared = (a: EntryDoc, b: EntryDoc) => (a.entry.transition_graph?.frequently_confused_with ?? []).some((l) => l.error_id === b.entry.id);
    for (const c of facts.collisions) {
      if (declared(c.matcher, c.owner) && declared(c.owner, c.matcher)) continue;
      report(c.matcher, {
        pointer: "/regex",
        message: `regex also matches ${c.owner.entry.id}'s ${describePointer(c.text.pointer)} ${JSON.stringify(truncate(c.text.text))} (${c.owner.file})`,
        hint: `make the regex more specific, or if the two are genuinely confusable list each other in transition_graph.frequently_confused_with`,
      });
    }
    for (const c of computeSelfResolution(docs, facts).cases) {
      const top = c.ranked[0];
      if (c.resolved || !top || c.text.js.kind !== "match") continue;
      const winner = docs.find((d) => d.entry.id === top.id);
      if (!winner || !(declared(winner, c.doc) && declared(c.doc, winner))) continue; // already reported above
      report(c.doc, {
        pointer: c.text.pointer,
        message: `lookup of ${describePointer(c.text.pointer)} ranks ${top.id} first, not this entry (${top.why})`,
        hint: "make this entry's regex cover more of its own text, or make the other regex more specific",
      });
    }
  },
};
