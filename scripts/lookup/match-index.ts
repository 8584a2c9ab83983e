// The compact match index (generated/match.json): per entry just what matching and a lookup's answer
// need, about a twentieth of index.json. Its entries are LookupEntry values, so lookup.ts reads it as is.
import { compareText } from "../core/diagnostic.ts";
import { countLiteralCharacters, JS_FLAGS, parsePattern } from "../regex/pattern.ts";
import { viewPath } from "../render/links.ts";
import type { Entry } from "../schema/entry-schema.ts";

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
  const sorted = [...entries].sort((a, b) => compareText(a.id, b.id));
  return { schema_version: MATCH_SCHEMA_VERSION, count: sorted.length, entries: sorted.map(toMatchIndexEntry) };
}

/** match.json's text: valid JSON with one entry per line, small to load and readable in a diff. */
export function matchIndexText(index: MatchIndex): string {
  const head = `{"schema_version":${JSON.stringify(index.schema_version)},"count":${index.count},"entries":[`;
  return `${head}\n${index.entries.map((e) => JSON.stringify(e)).join(",\n")}\n]}\n`;
}
