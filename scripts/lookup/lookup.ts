// Lookup: which known errors does a message (or a whole log) contain? Each input line is matched by
// the entries whose required literals it contains (prefilter), every regex runs under a deadline in
// worker threads, and candidates are ranked by the one shared ranking. Reads only the bundled index,
// so consumers can call the very same function without the repository.
import { JS_FLAGS, countLiteralCharacters, parsePattern } from "../regex/pattern.ts";
import { LiteralIndex, requiredLiterals } from "../regex/prefilter.ts";
import { runMatchJobs } from "../regex/safe-matcher.ts";
import { rankMatches, type RankedMatch } from "./rank.ts";

/** The fields lookup needs from an index entry (index.json and match.json both have them). */
export interface LookupEntry {
  readonly id: string;
  readonly regex: string;
  readonly signature: string;
  readonly fix_success_rate: number;
}

export interface LookupResult extends RankedMatch {
  readonly signature: string;
  /** The matched text. */
  readonly matched: string;
}

export interface LookupOptions {
  /** Most results returned (default 5). */
  readonly limit?: number;
  /** Time one regex may take on one line (default 1000 ms). */
  readonly timeoutMs?: number;
  /** Time the whole lookup may take (default 60 s). */
  readonly totalBudgetMs?: number;
  readonly threads?: number;
}

export interface LookupReport {
  readonly results: LookupResult[];
  /** Entries whose regex ran past the deadline on some line; they could not be considered there. */
  readonly timedOut: string[];
}

interface Prepared {
  readonly entry: LookupEntry;
  readonly literalChars: number;
}

const cache = new WeakMap<readonly LookupEntry[], { prepared: Prepared[]; index: LiteralIndex<number> }>();

function prepare(entries: readonly LookupEntry[]) {
  let hit = cache.get(entries);
  if (!hit) {
    const prepared: Prepared[] = [];
    const index = new LiteralIndex<number>();
    for (const entry of entries) {
      const parsed = parsePattern(entry.regex);
      if (!parsed.ok) continue; // an invalid regex can never match; lint reports it
      index.add(prepared.length, requiredLiterals(parsed.ast));
      prepared.push({ entry, literalChars: countLiteralCharacters(parsed.ast) });
    }
    hit = { prepared, index };
    cache.set(entries, hit);
  }
  return hit;
}

export async function lookup(text: string, entries: readonly LookupEntry[], options: LookupOptions = {}): Promise<LookupReport> {
  const { prepared, index } = prepare(entries);
  const lineStarts: number[] = [];
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    lineStarts.push(start);
    lines.push(text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end));
    if (nl < 0) break;
    start = nl + 1;
  }

  const perEntry = new Map<number, number[]>();
  lines.forEach((line, lineIndex) => {
    if (line.trim() === "") return;
    for (const candidate of index.candidates(line)) {
      let list = perEntry.get(candidate);
      if (!list) perEntry.set(candidate, (list = []));
      list.push(lineIndex);
    }
  });
  const order = [...perEntry.keys()].sort((a, b) => a - b);
  const outcomes = await runMatchJobs(
    order.map((i) => ({ pattern: prepared[i]!.entry.regex, flags: JS_FLAGS, texts: perEntry.get(i)!.map((l) => lines[l]!) })),
    { timeoutMs: options.timeoutMs ?? 1_000, totalBudgetMs: options.totalBudgetMs ?? 60_000, threads: options.threads ?? 2 },
  );

  const candidates: Parameters<typeof rankMatches>[1][number][] = [];
  const matched = new Map<string, string>();
  const timedOut: string[] = [];
  order.forEach((entryIndex, j) => {
    const p = prepared[entryIndex]!;
    const lineList = perEntry.get(entryIndex)!;
    const results = outcomes[j]!;
    if (results.some((o) => o.kind === "timeout" || o.kind === "skipped")) timedOut.push(p.entry.id);
    const k = results.findIndex((o) => o.kind === "match");
    if (k < 0) return;
    const o = results[k] as { index: number; length: number };
    const lineIndex = lineList[k]!;
    candidates.push({ id: p.entry.id, index: lineStarts[lineIndex]! + o.index, length: o.length, literalChars: p.literalChars, fixRate: p.entry.fix_success_rate });
    matched.set(p.entry.id, lines[lineIndex]!.slice(o.index, o.index + o.length));
  });

  const bySignature = new Map(prepared.map((p) => [p.entry.id, p.entry.signature]));
  const ranked = rankMatches(text, candidates).slice(0, options.limit ?? 5);
  return {
    results: ranked.map((r) => ({ ...r, signature: bySignature.get(r.id) ?? "", matched: matched.get(r.id) ?? "" })),
    timedOut: timedOut.sort(),
  };
}
