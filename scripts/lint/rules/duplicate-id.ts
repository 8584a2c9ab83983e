// Two files claiming one id would give two entries one address: one of them silently vanishes from
// every output. Reported on every file that claims it, whatever its path says.
import type { EntrySummary } from "../summary.ts";
import { collectionRule } from "../rule.ts";

export const duplicateId = collectionRule({
  meta: {
    id: "kb/duplicate-id",
    description: "no two entry files have the same id",
    severity: "error",
    structural: true,
    why: "Views, the index and links address entries by id; two files with one id would overwrite each other's outputs.",
  },
  check({ entries, report }) {
    const byId = new Map<string, EntrySummary[]>();
    for (const e of entries) byId.set(e.id, [...(byId.get(e.id) ?? []), e]);
    for (const [id, list] of byId) {
      if (list.length < 2) continue;
      for (const e of list) {
        const others = list.filter((o) => o !== e).map((o) => o.file);
        report(e, { pointer: "/id", message: `id "${id}" is also claimed by ${others.join(", ")}`, hint: "give each entry its own id, equal to its path under entries/" });
      }
    }
  },
});
