// Two entries with the same signature are usually the same error filed twice; their dead ends and
// workarounds should be merged so readers see everything in one place.
import type { CollectionRule, EntryDoc } from "./types.ts";

export const duplicateSignature: CollectionRule = {
  id: "kb/duplicate-signature",
  description: "no two entries share a signature",
  severity: "warning",
  scope: "collection",
  docs: { why: "Duplicates split the knowledge about one error across two pages and make lookup ambiguous." },
  check({ docs, report }) {
    const bySignature = new Map<string, EntryDoc[]>();
    for (const doc of docs) {
      const key = doc.entry.signature.trim().replace(/\s+/gu, " ").toLowerCase();
      const list = bySignature.get(key) ?? [];
      list.push(doc);
      bySignature.set(key, list);
    }
    for (const list of bySignature.values()) {
      if (list.length < 2) continue;
      for (const doc of list) {
        const others = list.filter((d) => d !== doc).map((d) => d.entry.id);
        report(doc, { pointer: "/signature", message: `the same signature is used by ${others.join(", ")}`, hint: "merge the entries, or make each signature say what distinguishes it" });
      }
    }
  },
};
