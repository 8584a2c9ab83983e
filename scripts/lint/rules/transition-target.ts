// Transition links are navigation: a link to an entry that does not exist, or to the entry itself,
// is a dead end in the very graph meant to lead readers out of one.
import { collectionRule } from "../rule.ts";

export const transitionTarget = collectionRule({
  meta: {
    id: "kb/transition-target",
    description: "transition_graph links point at existing entries, never at the entry itself",
    severity: "error",
    why: "A dangling link renders as a broken link and a broken edge in every chart.",
  },
  check({ entries, knownIds, report }) {
    for (const e of entries) {
      const g = e.graph;
      if (!g) continue;
      const lists = [
        ["leads_to", g.leads_to],
        ["preceded_by", g.preceded_by],
        ["frequently_confused_with", g.frequently_confused_with],
      ] as const;
      for (const [name, list] of lists) {
        list.forEach((link, i) => {
          const pointer = `/transition_graph/${name}/${i}/error_id`;
          if (link.error_id === e.id) report(e, { pointer, message: `transition_graph.${name}[${i}] points at the entry itself`, hint: "remove the link" });
          else if (!knownIds.has(link.error_id))
            report(e, { pointer, message: `transition_graph.${name}[${i}] points at "${link.error_id}", which is not an entry`, hint: "fix the id (see generated/README.md for the list), or write that entry first" });
        });
      }
    }
  },
});
