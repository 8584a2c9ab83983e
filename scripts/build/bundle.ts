// The bundled index: every entry with every field (optional ones filled with their empty value), so
// consumers never test for a missing key; sorted by id.
import { canonicalValue } from "../fix/canonical.ts";
import type { Entry } from "../schema/entry-schema.ts";

/** Semver of the index format; bump major when a consumer's code would break. */
export const INDEX_SCHEMA_VERSION = "1.0.0";

export type IndexedEntry = Required<Omit<Entry, "transition_graph" | "examples">> & {
  transition_graph: NonNullable<Entry["transition_graph"]>;
  examples: { match: string[]; no_match: string[] };
};

export interface BundledIndex {
  schema_version: string;
  count: number;
  entries: IndexedEntry[];
}

export function fillEntry(e: Entry): IndexedEntry {
  const filled = {
    ...e,
    signature_zh: e.signature_zh ?? null,
    subcategory: e.subcategory ?? null,
    root_cause_type: e.root_cause_type ?? null,
    root_cause_zh: e.root_cause_zh ?? null,
    versions: e.versions ?? [],
    os_specific: e.os_specific ?? {},
    workarounds_zh: e.workarounds_zh ?? [],
    transition_graph: e.transition_graph ?? { leads_to: [], preceded_by: [], frequently_confused_with: [] },
    official_doc_url: e.official_doc_url ?? null,
    official_doc_section: e.official_doc_section ?? null,
    error_code: e.error_code ?? null,
    first_seen: e.first_seen ?? null,
    last_confirmed: e.last_confirmed ?? null,
    evidence_count: e.evidence_count ?? null,
    tags: e.tags ?? [],
    aliases: e.aliases ?? [],
    examples: { match: e.examples?.match ?? [], no_match: e.examples?.no_match ?? [] },
  };
  return canonicalValue(filled) as IndexedEntry;
}

export function bundleIndex(entries: readonly Entry[]): BundledIndex {
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { schema_version: INDEX_SCHEMA_VERSION, count: sorted.length, entries: sorted.map(fillEntry) };
}
