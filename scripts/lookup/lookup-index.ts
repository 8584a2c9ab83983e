// The package's lookup(text, index): `kb lookup`'s own function (lookup.ts) over a loaded index.json
// or match.json, with each result carrying that index's entry, so callers reach workarounds directly.
import { lookup as lookupEntries, type LookupEntry, type LookupOptions, type LookupResult } from "./lookup.ts";

export interface IndexLookupResult<E extends LookupEntry> extends LookupResult {
  readonly entry: E;
}

export interface IndexLookupReport<E extends LookupEntry> {
  /** Best first, ranked exactly like `kb lookup`. */
  readonly results: IndexLookupResult<E>[];
  /** Entries whose regex ran past the deadline on some line and could not be considered there. */
  readonly timedOut: string[];
}

export async function lookup<E extends LookupEntry>(text: string, index: { readonly entries: readonly E[] }, options?: LookupOptions): Promise<IndexLookupReport<E>> {
  const report = await lookupEntries(text, index.entries, options);
  const byId = new Map(index.entries.map((e) => [e.id, e]));
  return { results: report.results.map((r) => ({ ...r, entry: byId.get(r.id)! })), timedOut: report.timedOut };
}
