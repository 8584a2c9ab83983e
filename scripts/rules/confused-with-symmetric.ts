// "A is confused with B" is a symmetric fact, and the collision rule relies on both sides saying it;
// a one-sided link is usually a forgotten edit of the other entry.
import type { CollectionRule } from "./types.ts";

export const confusedWithSymmetric: CollectionRule = {
  id: "kb/confused-with-symmetric",
  description: "frequently_confused_with links are listed on both entries",
  severity: "warning",
  scope: "collection",
  docs: { why: "Confusion goes both ways; readers of either entry need the distinction, and the collision rule requires both sides." },
  check({ docs, report }) {
    const byId = new Map(docs.map((d) => [d.entry.id, d]));
    for (const doc of docs) {
      (doc.entry.transition_graph?.frequently_confused_with ?? []).forEach((link, i) => {
        const other = byId.get(link.error_id);
        if (!other || other === doc) return;
        const back = other.entry.transition_graph?.frequently_confused_with ?? [];
        if (!back.some((b) => b.error_id === doc.entry.id)) {
          report(doc, {
            pointer: `/transition_graph/frequently_confused_with/${i}/error_id`,
            message: `"${link.error_id}" does not list "${doc.entry.id}" in its frequently_confused_with`,
            hint: `add {"error_id": "${doc.entry.id}", "distinction": "…"} to ${other.file}`,
          });
        }
      });
    }
  },
};
