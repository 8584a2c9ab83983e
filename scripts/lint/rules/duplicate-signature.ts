// Two entries with the same signature are usually the same error filed twice; their dead ends and
// workarounds should be merged so readers see everything in one place.
import type { EntrySummary } from "../summary.ts";
import { collectionRule } from "../rule.ts";

/** Most other entries one message names. */
const NAMED = 5;

export const duplicateSignature = collectionRule({
  meta: {
    id: "kb/duplicate-signature",
    description: "no two entries share a signature",
    severity: "warning",
    why: "Duplicates split the knowledge about one error across two pages and make lookup ambiguous.",
  },
  check({ entries, report }) {
    const bySignature = new Map<string, EntrySummary[]>();
    for (const e of entries) {
      if (e.signature === undefined) continue;
      const key = e.signature.trim().replace(/\s+/gu, " ").toLowerCase();
      const list = bySignature.get(key) ?? [];
      list.push(e);
      bySignature.set(key, list);
    }
    for (const list of bySignature.values()) {
      if (list.length < 2) continue;
      for (const e of list) {
        // At most a few named: naming every other one made 2,400 copies print 11 GB-worth of ids (exit 3, pass R).
        // Only the head of the list is read: filtering all of it per entry was quadratic (20,000 copies, pass S).
        const others = list.slice(0, NAMED + 2).filter((d) => d !== e).slice(0, NAMED + 1).map((d) => d.id);
        const named = others.length > NAMED ? `${others.slice(0, NAMED).join(", ")} and ${list.length - 1 - NAMED} more` : others.join(", ");
        report(e, { pointer: "/signature", message: `the same signature is used by ${named}`, hint: "merge the entries, or make each signature say what distinguishes it" });
      }
    }
  },
});
