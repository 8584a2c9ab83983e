// The bundled index: every entry with every field (optional ones filled with their empty value), so
// consumers never test for a missing key; sorted by id.
import { canonicalValue } from "../fix/canonical.ts";
import type { Entry } from "../schema/entry-schema.ts";
import { LazyArray } from "./json-chunks.ts";

/** Semver of the index format; bump major when a consumer's code would break. */
export const INDEX_SCHEMA_VERSION = "1.0.0";

/** Optional fields an entry may leave out but not set to null, which the index fills with null. */
type NullWhenAbsent = "signature_zh" | "root_cause_type" | "root_cause_zh" | "evidence_count";

export type IndexedEntry = Required<Omit<Entry, "transition_graph" | "examples" | NullWhenAbsent>> & {
  [K in NullWhenAbsent]: Exclude<Entry[K], undefined> | null;
} & {
  transition_graph: NonNullable<Entry["transition_graph"]>;
  examples: { match: string[]; no_match: string[] };
};

export interface BundledIndex {
  schema_version: string;
  count: number;
  entries: IndexedEntry[];
}

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
    transition_graph: { leads_to: [], preceded_by: [], frequently_confused_with: [] },
    official_doc_url: null,
    official_doc_section: null,
    error_code: null,
    first_seen: null,
    last_confirmed: null,
    evidence_count: null,
    tags: [],
    aliases: [],
    examples: { match: [], no_match: [] },
  };
}

export function fillEntry(e: Entry): IndexedEntry {
  const given = Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined));
  const filled = { ...indexDefaults(), ...given, examples: { match: e.examples?.match ?? [], no_match: e.examples?.no_match ?? [] } };
  return canonicalValue(filled) as IndexedEntry;
}

export function bundleIndex(entries: readonly Entry[]): BundledIndex {
  const lazy = lazyBundle(entries);
  return { ...lazy, entries: lazy.entries.toJSON() };
}

/** The same index with each entry filled only when it is written (for jsonChunks), in the same key order. */
export function lazyBundle(entries: readonly Entry[]): Omit<BundledIndex, "entries"> & { entries: LazyArray<IndexedEntry> } {
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { schema_version: INDEX_SCHEMA_VERSION, count: sorted.length, entries: new LazyArray(sorted.length, (i) => fillEntry(sorted[i]!)) };
}
