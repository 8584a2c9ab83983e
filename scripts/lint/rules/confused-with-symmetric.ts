// "A is confused with B" is a symmetric fact, and the collision rule relies on both sides saying it;
// a one-sided link is usually a forgotten edit of the other entry.
import { collectionRule } from "../rule.ts";

export const confusedWithSymmetric = collectionRule({
  meta: {
    id: "kb/confused-with-symmetric",
    description: "frequently_confused_with links are listed on both entries",
    severity: "warning",
    why: "Confusion goes both ways; readers of either entry need the distinction, and the collision rule requires both sides.",
  },
  check({ entries, report }) {
    const byId = new Map(entries.map((e) => [e.id, e]));
    // Each entry's confusions as a set: scanning the other entry's list per link was quadratic in one entry's links (pass R: 39 s for 8 MB).
    const confusedWith = new Map(entries.map((e) => [e, new Set((e.graph?.frequently_confused_with ?? []).map((b) => b.error_id))]));
    for (const e of entries) {
      (e.graph?.frequently_confused_with ?? []).forEach((link, i) => {
        const other = byId.get(link.error_id);
        if (!other || other === e) return;
        if (!confusedWith.get(other)!.has(e.id)) {
          report(e, {
            pointer: `/transition_graph/frequently_confused_with/${i}/error_id`,
            message: `"${link.error_id}" does not list "${e.id}" in its frequently_confused_with`,
            hint: `add {"error_id": "${e.id}", "distinction": "…"} to ${other.file}`,
          });
        }
      });
    }
  },
});
