// Which entries' regexes match other entries' own texts (signature, aliases, match examples), and,
// for each such text, whether lookup would still rank its own entry first. Candidates come from the
// literal index, tests run in bounded batches through the RegexRunner, and only counts, a few
// examples and the best foreign match per text are kept: memory stays linear in the corpus whatever
// the regexes are. Regexes too generic to filter on (kb/regex-specificity errors) take no part.
import { LiteralIndex } from "../match/literal-index.ts";
import type { MatchJob } from "../match/guarded-runner.ts";
import { compareRanked, rankMatches, type MatchCandidate, type RankedMatch } from "../match/rank.ts";
import { JS_FLAGS } from "../regex/pattern.ts";
import { selectiveLiterals } from "../regex/literals.ts";
import { isPositive } from "./facts.ts";
import type { RegexBudget, RegexRunner } from "./regex-runner.ts";
import type { EntrySummary, SummaryText } from "./summary.ts";

/** Tests sent to the runner at once: bounds the memory of pending work. */
const BATCH_TESTS = 4_000;
/** Owners remembered per matching regex; more are only counted. */
const MAX_OWNERS = 200;

export interface OwnerCollisions {
  readonly owner: number;
  count: number;
  /** The first of the owner's texts that the regex matched. */
  readonly first: SummaryText;
}

export interface MatcherCollisions {
  /** Other entries' texts this regex matches. */
  total: number;
  /** By owner entry index, the first MAX_OWNERS owners. */
  readonly owners: Map<number, OwnerCollisions>;
  /** Owners past MAX_OWNERS. */
  moreOwners: number;
}

export interface TextResolution {
  readonly entry: number;
  readonly text: SummaryText;
  /** How the own entry ranks for this text; undefined when its regex does not match it. */
  readonly own: RankedMatch | undefined;
  /** The best-ranked other entry whose regex matches it. */
  best: RankedMatch | undefined;
}

export interface CollisionFacts {
  /** By the index (in the summaries) of the entry whose regex matched. */
  readonly byMatcher: ReadonlyMap<number, MatcherCollisions>;
  /** One per positive own text of every entry. */
  readonly resolution: readonly TextResolution[];
  /** Tests the run's time budget cut off, by matcher. */
  readonly skippedByMatcher: ReadonlyMap<number, number>;
}

export async function findCollisions(entries: readonly EntrySummary[], runner: RegexRunner, budget: RegexBudget): Promise<CollisionFacts> {
  const eligible = (e: EntrySummary) => e.regex !== undefined && e.regex.compiles && e.regex.specific && e.regex.choices !== null;
  const literals = selectiveLiterals(entries.map((e) => (eligible(e) ? (e.regex!.choices ?? undefined) : undefined)));
  const index = new LiteralIndex<number>();
  entries.forEach((e, i) => {
    const l = literals[i];
    if (eligible(e) && l) index.add(i, l);
  });

  const byMatcher = new Map<number, MatcherCollisions>();
  const skippedByMatcher = new Map<number, number>();
  const resolution: TextResolution[] = [];
  let pending = new Map<number, { resolution: number }[]>();
  let pendingTests = 0;

  const flush = async () => {
    if (pendingTests === 0) return;
    const batch = [...pending.entries()].sort((a, b) => a[0] - b[0]);
    pending = new Map();
    pendingTests = 0;
    const jobs: MatchJob[] = batch.map(([matcher, probes]) => ({ pattern: entries[matcher]!.regex!.source, flags: JS_FLAGS, texts: probes.map((p) => resolution[p.resolution]!.text.text) }));
    const outcomes = await runner.match(jobs, budget);
    batch.forEach(([matcher, probes], j) => {
      probes.forEach((probe, k) => {
        const o = outcomes[j]?.[k];
        if (!o || o.kind === "skipped" || o.kind === "timeout") skippedByMatcher.set(matcher, (skippedByMatcher.get(matcher) ?? 0) + 1);
        if (o?.kind !== "match") return;
        const r = resolution[probe.resolution]!;
        record(byMatcher, matcher, r);
        const ranked = rank(entries[matcher]!, r.text.text, o.index, o.length);
        if (!r.best || compareRanked(ranked, r.best) < 0) r.best = ranked;
      });
    });
  };

  for (let owner = 0; owner < entries.length; owner++) {
    const e = entries[owner]!;
    for (const text of e.texts) {
      if (!isPositive(text.role)) continue;
      const own = text.js.kind === "match" ? rank(e, text.text, text.js.index, text.js.length) : undefined;
      const at = resolution.push({ entry: owner, text, own, best: undefined }) - 1;
      for (const matcher of index.candidates(text.text)) {
        if (matcher === owner) continue;
        let list = pending.get(matcher);
        if (!list) pending.set(matcher, (list = []));
        list.push({ resolution: at });
        if (++pendingTests >= BATCH_TESTS) await flush();
      }
    }
  }
  await flush();
  return { byMatcher, resolution, skippedByMatcher };
}

function record(byMatcher: Map<number, MatcherCollisions>, matcher: number, r: TextResolution): void {
  let m = byMatcher.get(matcher);
  if (!m) byMatcher.set(matcher, (m = { total: 0, owners: new Map(), moreOwners: 0 }));
  m.total++;
  const known = m.owners.get(r.entry);
  if (known) known.count++;
  else if (m.owners.size < MAX_OWNERS) m.owners.set(r.entry, { owner: r.entry, count: 1, first: r.text });
  else m.moreOwners++;
}

function rank(e: EntrySummary, text: string, index: number, length: number): RankedMatch {
  const candidate: MatchCandidate = { id: e.id, index, length, literalChars: e.regex?.literalChars ?? 0, fixRate: e.fixRate ?? 0 };
  return rankMatches(text, [candidate])[0]!;
}

/** Whether lookup of the text ranks its own entry first. */
export function isResolved(r: TextResolution): boolean {
  return r.own !== undefined && (r.best === undefined || compareRanked(r.own, r.best) < 0);
}
