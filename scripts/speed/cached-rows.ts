// The row decorator of the catalogue: an entry's page row (what the plan and the pages need of it)
// comes from node_modules/.cache/error-kb/rows.json while its file has the digest the row was made
// from, so a build or check whose outputs are up to date reads no entry a second time (at 10,000
// entries that re-read, re-hash and parse was ~0.5 s of a warm check). Same rows as the bare
// catalogue's pageRow of the entry; the equivalence tests compare the two.
import { digest } from "../model/digest.ts";
import type { RunSettings } from "../model/run-settings.ts";
import type { PageRow } from "../outputs/figures.ts";
import type { Catalogue } from "../outputs/plan.ts";
import { openCache } from "./cache-file.ts";
import { toolFingerprint } from "./fingerprint.ts";

export function withCachedRows(inner: Catalogue, settings: Pick<RunSettings, "root">, digests: ReadonlyMap<string, string>): Catalogue & { save(): Promise<void> } {
  const cache = openCache(settings.root, "rows", digest("rows", toolFingerprint()), isRow);
  return {
    ids: inner.ids,
    get: (id) => inner.get(id),
    row(id) {
      const known = digests.get(id);
      if (known === undefined) return inner.row(id);
      // Grouped by entry: an edited entry's old row goes at the save.
      const key = `${digest(id)}:${known}`;
      const cached = cache.get(key);
      if (cached && cached.id === id) return cached;
      const row = inner.row(id);
      cache.set(key, row);
      return row;
    },
    save: () => cache.save(true),
  };
}

/** Shape check of a row read from disk (the checksum caught corruption; this catches format drift). */
function isRow(v: unknown): v is PageRow {
  const r = v as Partial<Record<keyof PageRow, unknown>> | null;
  return (
    typeof r === "object" &&
    r !== null &&
    !Array.isArray(r) &&
    typeof r.id === "string" &&
    typeof r.domain === "string" &&
    typeof r.signature === "string" &&
    typeof r.category === "string" &&
    typeof r.fix_success_rate === "number" &&
    typeof r.verification_tier === "string" &&
    typeof r.last_updated === "string" &&
    (r.last_confirmed === undefined || typeof r.last_confirmed === "string") &&
    (r.transition_graph === undefined || (typeof r.transition_graph === "object" && r.transition_graph !== null)) &&
    typeof r.hasChinese === "boolean" &&
    typeof r.fullyTranslated === "boolean"
  );
}
