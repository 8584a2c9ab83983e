// The bundled index: every entry with every field (optional ones filled with their empty value), so
// consumers never test for a missing key; sorted by id. index.json holds all entries, each
// <domain>.json one domain's.
import { canonicalValue } from "../model/canonical.ts";
import type { Entry } from "../model/entry.ts";
import { INDEX_SCHEMA_VERSION, type BundledIndex, type IndexedEntry } from "../model/index-format.ts";
import { LazyArray } from "./json-chunks.ts";

/** What the index holds for each optional field an entry leaves out: its empty value. */
export function indexDefaults() {
  return {
    signature_zh: null,
    subcategory: null,
    root_cause_type: null,
    root_cause_zh: null,
    versions: [],
    os_specific: {},
    workarounds_zh: [],
    translated_from: null,
    transition_graph: { leads_to: [], preceded_by: [], frequently_confused_with: [] },
    official_doc_url: null,
    official_doc_section: null,
    error_code: null,
    rate_basis: null,
    rate_method: null,
    first_seen: null,
    last_confirmed: null,
    evidence_count: null,
    tags: [],
    aliases: [],
    examples: { match: [], no_match: [] },
  };
}

export function fillEntry(e: Entry): IndexedEntry {
  const given: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) if (v !== undefined && k !== "$schema") given[k] = v;
  const filled = { ...indexDefaults(), ...given, examples: { match: e.examples?.match ?? [], no_match: e.examples?.no_match ?? [] } };
  return canonicalValue(filled) as IndexedEntry;
}

/**
 * The index with each entry filled only as it is written (see jsonChunks), entries sorted by id. Given
 * the ids, each entry is keyed by its id, so that its text can be reused (see ItemReuse).
 */
export function lazyBundle(sorted: { readonly length: number; at(i: number): Entry }, ids?: readonly string[]): Omit<BundledIndex, "entries"> & { entries: LazyArray<IndexedEntry> } {
  return { schema_version: INDEX_SCHEMA_VERSION, count: sorted.length, entries: new LazyArray(sorted.length, (i) => fillEntry(sorted.at(i)!), ids && ((i) => ids[i]!)) };
}
