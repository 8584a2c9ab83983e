// The consumer package's public surface: the bundled data's types, loaders for index.json and
// match.json, a matcher made once and reused (createMatcher; trusted in-thread for the bundled index,
// guarded for any other), a batch lookup, and getEntry/chain over the full index. No dependencies.
import { checkLookupArguments, createMatcher, type LookupOptions, type LookupReport, type MatchableEntry, type Matcher } from "../match/matcher.ts";
import type { MatchIndexEntry } from "../model/index-format.ts";
import { loadMatchIndex } from "./load-index.ts";

export type { Entry, DeadEnd, Workaround, Transition, Confusion, Risk, RateBasis, TransitionGraph, VersionRow, Examples, TranslatedFrom } from "../model/entry.ts";
export type { BundledIndex, IndexedEntry, MatchIndex, MatchIndexEntry, MatchFix, MatchDeadEnd } from "../model/index-format.ts";
export { INDEX_SCHEMA_VERSION, MATCH_SCHEMA_VERSION } from "../model/index-format.ts";
export type { LookupHit, LookupOptions, LookupReport, MatchableEntry, Matcher, MatcherOptions, NearMiss, SkippedEntry } from "../match/matcher.ts";
export type { RankedMatch } from "../match/rank.ts";
export { createMatcher } from "../match/matcher.ts";
export { BUNDLED_INDEX_PATH, BUNDLED_MATCH_INDEX_PATH, IndexFileError, loadIndex, loadMatchIndex } from "./load-index.ts";
export { chain, getEntry, type Chain, type ChainLink } from "./navigate.ts";

let bundled: Matcher<MatchIndexEntry> | undefined;

/** The matcher of the bundled match.json, made on first use: its regexes are lint-proven, so it runs in-thread. */
export function bundledMatcher(): Matcher<MatchIndexEntry> {
  bundled ??= createMatcher(loadMatchIndex(), { trusted: true });
  return bundled;
}

/** Looks up many texts with one matcher (the bundled one by default), in order. */
export async function lookupBatch<E extends MatchableEntry = MatchIndexEntry>(texts: readonly string[], options: LookupOptions & { matcher?: Matcher<E> } = {}): Promise<LookupReport<E>[]> {
  // A string is iterable: "boom" was looked up one character at a time (pass AN).
  if (!Array.isArray(texts)) throw new TypeError(`lookupBatch: the texts must be an array of strings, not ${texts === null ? "null" : typeof texts}`);
  if (typeof options !== "object" || options === null) throw new TypeError("lookupBatch: the options must be an object");
  texts.forEach((t, i) => checkLookupArguments(`lookupBatch (text ${i})`, t, options));
  const matcher = (options.matcher ?? bundledMatcher()) as Matcher<E>;
  const out: LookupReport<E>[] = [];
  for (const text of texts) out.push(await matcher.lookup(text, options));
  return out;
}
