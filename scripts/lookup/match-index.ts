// The compact match index (generated/match.json) and lookup over it: which entries recognise a text,
// ranked by lookup/rank.ts. One function serves the package's lookup() and `kb lookup`.
import type { BundledIndex, IndexedEntry } from "../build/bundle.ts";
import { countLiteralCharacters, JS_FLAGS, parsePattern } from "../regex/pattern.ts";
import { viewPath } from "../render/links.ts";
import type { Entry } from "../schema/entry-schema.ts";
import { rankMatches, type MatchCandidate, type RankedMatch } from "./rank.ts";

/** Semver of match.json's format; bump major when a consumer's code would break. */
export const MATCH_SCHEMA_VERSION = "1.0.0";

export interface MatchIndexEntry {
  readonly id: string;
  readonly signature: string;
  readonly regex: string;
  /** Flags for `new RegExp(regex, flags)`: always "iu", the regex contract. */
  readonly flags: string;
  /** Literal characters in the regex: the more, the more specific; ranking prefers them. */
  readonly literal_chars: number;
  readonly fix_success_rate: number;
  /** The first workaround's action; entries list workarounds best first. */
  readonly workaround: string;
  /** The entry's Markdown view, relative to the generated folder. */
  readonly view: string;
}

export interface MatchIndex {
  readonly schema_version: string;
  readonly count: number;
  readonly entries: readonly MatchIndexEntry[];
}

type MatchSource = Pick<Entry, "id" | "signature" | "regex" | "fix_success_rate" | "workarounds">;

export function toMatchIndexEntry(e: MatchSource): MatchIndexEntry {
  const parsed = parsePattern(e.regex);
  return {
    id: e.id,
    signature: e.signature,
    regex: e.regex,
    flags: JS_FLAGS,
    literal_chars: parsed.ok ? countLiteralCharacters(parsed.ast) : 0,
    fix_success_rate: e.fix_success_rate,
    workaround: e.workarounds[0]?.action ?? "",
    view: viewPath(e.id),
  };
}

export function buildMatchIndex(entries: readonly MatchSource[]): MatchIndex {
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { schema_version: MATCH_SCHEMA_VERSION, count: sorted.length, entries: sorted.map(toMatchIndexEntry) };
}

/** match.json's text: valid JSON with one entry per line, small to load and readable in a diff. */
export function matchIndexText(index: MatchIndex): string {
  const head = `{"schema_version":${JSON.stringify(index.schema_version)},"count":${index.count},"entries":[`;
  return `${head}\n${index.entries.map((e) => JSON.stringify(e)).join(",\n")}\n]}\n`;
}

export interface LookupOptions {
  /** At most this many matches, best first; all by default. */
  readonly limit?: number;
}

export interface LookupMatch<E = MatchIndexEntry> extends RankedMatch {
  readonly entry: E;
}

const compiled = new WeakMap<MatchIndexEntry, RegExp | null>();

function regexOf(entry: MatchIndexEntry): RegExp | null {
  let re = compiled.get(entry);
  if (re === undefined) {
    try {
      re = new RegExp(entry.regex, entry.flags);
    } catch {
      re = null; // a regex this engine rejects recognises nothing; lint reports it at the source
    }
    compiled.set(entry, re);
  }
  return re;
}

/** Entries whose regex matches somewhere in `text`, best first (see rankMatches for the order). */
export function lookupText(text: string, entries: readonly MatchIndexEntry[], options: LookupOptions = {}): LookupMatch[] {
  const byId = new Map<string, MatchIndexEntry>();
  const candidates: MatchCandidate[] = [];
  for (const entry of entries) {
    const m = regexOf(entry)?.exec(text);
    if (!m) continue;
    byId.set(entry.id, entry);
    candidates.push({ id: entry.id, index: m.index, length: m[0].length, literalChars: entry.literal_chars, fixRate: entry.fix_success_rate });
  }
  const ranked = rankMatches(text, candidates).slice(0, options.limit ?? candidates.length);
  return ranked.map((r) => ({ ...r, entry: byId.get(r.id)! }));
}

const matchEntriesOf = new WeakMap<BundledIndex, MatchIndexEntry[]>();

/**
 * Looks an error up in either index: the full one (results carry full entries) or match.json
 * (results carry its compact entries). Both rank exactly like `kb lookup`.
 */
export function lookup(text: string, index: BundledIndex, options?: LookupOptions): LookupMatch<IndexedEntry>[];
export function lookup(text: string, index: MatchIndex, options?: LookupOptions): LookupMatch<MatchIndexEntry>[];
export function lookup(text: string, index: BundledIndex | MatchIndex, options: LookupOptions = {}): LookupMatch<IndexedEntry | MatchIndexEntry>[] {
  if (isMatchIndex(index)) return lookupText(text, index.entries, options);
  let entries = matchEntriesOf.get(index);
  if (!entries) matchEntriesOf.set(index, (entries = index.entries.map(toMatchIndexEntry)));
  const full = new Map(index.entries.map((e) => [e.id, e]));
  return lookupText(text, entries, options).map((m) => ({ ...m, entry: full.get(m.id)! }));
}

function isMatchIndex(index: BundledIndex | MatchIndex): index is MatchIndex {
  return index.entries.every((e) => "literal_chars" in e);
}
