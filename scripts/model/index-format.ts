// The formats of the generated JSON that programs read: index.json and <domain>.json (every entry,
// every field) and match.json (what matching and a lookup's answer need). Plain types with no imports
// beyond the entry's, so the consumer package ships them as they are; bump a version's major when a
// consumer's code would break.
import type { Entry, Risk, RateBasis } from "./entry.ts";

export const INDEX_SCHEMA_VERSION = "2.0.0";
export const MATCH_SCHEMA_VERSION = "2.0.0";

/** Optional fields an entry may leave out but not set to null, which the index fills with null. */
type NullWhenAbsent = "signature_zh" | "root_cause_type" | "root_cause_zh" | "evidence_count" | "rate_basis" | "rate_method" | "translated_from";

/** An entry as the index holds it: every field present; fields the entry leaves out hold null, [] or {}. */
export type IndexedEntry = Required<Omit<Entry, "$schema" | "transition_graph" | "examples" | NullWhenAbsent>> & {
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

/** The best workaround, as match.json gives it: enough to act on without opening the view. */
export interface MatchFix {
  readonly action: string;
  /** The first command in its steps, when there is one. */
  readonly command: string | null;
  readonly success_rate: number;
  readonly rate_basis: RateBasis | null;
  readonly risk: Risk | null;
}

/** The first dead end: what not to do, and why. */
export interface MatchDeadEnd {
  readonly action: string;
  readonly why_fails: string;
}

export interface MatchIndexEntry {
  readonly id: string;
  readonly signature: string;
  readonly regex: string;
  /** Flags for `new RegExp(regex, flags)`: always "iu", the regex contract. */
  readonly flags: string;
  /** Literals (lower case as built; a matcher folds them as it folds the text) one of which every match contains, per alternative; null: no filter. */
  readonly literals: readonly string[] | null;
  /** Literal characters every match contains: the more, the more specific; ranking prefers them. */
  readonly literal_chars: number;
  readonly fix_success_rate: number;
  readonly fix: MatchFix;
  readonly dead_end: MatchDeadEnd | null;
  /** Entries people mistake this one for, and how to tell them apart. */
  readonly confused_with: readonly { readonly id: string; readonly distinction: string }[];
  /** The entry's Markdown view, relative to the generated folder. */
  readonly view: string;
}

export interface MatchIndex {
  readonly schema_version: string;
  readonly count: number;
  readonly entries: readonly MatchIndexEntry[];
}
