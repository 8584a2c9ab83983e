// Lookup: which known errors does a message or a whole log contain? A matcher is made once from an
// index (validated: bad entries are skipped and reported, never thrown) and reused. The KB's own
// regexes are lint-proven free of super-linear backtracking, so a trusted matcher runs them in this
// thread, each line capped in length; any other index runs on the guarded path (worker threads with a
// deadline per test and a total budget; a regex that overruns once is not run on the rest of the log).
// Input is normalised first (escape sequences, wrapped and JSON-escaped messages), tests (an entry on
// a line) run in batches of bounded size, and each entry's earliest match wins.
// Zero dependencies: the consumer package ships it.
import { runMatchJobs, type MatchJob, type MatchOutcome } from "./guarded-runner.ts";
import { candidatesOfTexts, foldText, LiteralIndex } from "./literal-index.ts";
import { normaliseInput, type CandidateLine, type NormalisedInput } from "./normalise-input.ts";
import { answerProblem } from "./answer-shape.ts";
import { compareRanked, rankedOn, type RankedMatch } from "./rank.ts";

/** What a matcher needs of an index entry: match.json's entries have it all; index.json's all but literals. */
export interface MatchableEntry {
  readonly id: string;
  readonly regex: string;
  readonly signature: string;
  readonly fix_success_rate: number;
  readonly flags?: string;
  readonly literals?: readonly string[] | null;
  readonly literal_chars?: number;
}

export interface MatcherOptions {
  /** Run regexes in this thread: only for an index kb built and linted (the bundled one). Default false. */
  readonly trusted?: boolean;
  /** Guarded path: time one regex may take on one line (default 1000 ms). */
  readonly timeoutMs?: number;
  /** Guarded path: time one lookup may take (default 60 s). */
  readonly totalBudgetMs?: number;
  readonly threads?: number;
  /** Longest regex accepted from the index (default 2000 characters, the lint limit). */
  readonly maxRegexLength?: number;
}

export interface LookupOptions {
  /** Most results returned (default 5). */
  readonly limit?: number;
}

export interface LookupHit<E> extends RankedMatch {
  readonly entry: E;
  readonly signature: string;
  /** The matched text. */
  readonly matched: string;
}

export interface NearMiss<E> {
  readonly entry: E;
  readonly id: string;
  /** Share of the entry's signature words found in the text, 0 to 1. */
  readonly score: number;
  /** Why it did not match, for people: what its regex needs that the text lacks. */
  readonly why: string;
}

export interface LookupReport<E> {
  /** Best first. */
  readonly results: LookupHit<E>[];
  /** Entries whose regex ran past its deadline on some line (guarded path): not considered there. */
  readonly timedOut: string[];
  /** When nothing matched: the closest entries and why they did not match. Not matches. */
  readonly nearMisses: NearMiss<E>[];
}

export interface SkippedEntry {
  readonly position: number;
  readonly id: string | undefined;
  readonly reason: string;
}

export interface Matcher<E extends MatchableEntry> {
  readonly entries: readonly E[];
  /** Index entries that were not usable, and why. */
  readonly skipped: readonly SkippedEntry[];
  readonly trusted: boolean;
  lookup(text: string, options?: LookupOptions): Promise<LookupReport<E>>;
  /** The same, synchronously; only a trusted matcher can (the guarded path runs in other threads). */
  lookupSync(text: string, options?: LookupOptions): LookupReport<E>;
}

/**
 * Tests (an entry on a line) gathered before they run on the guarded path: bounds memory whatever the
 * log's size and however many entries no literal rules out (each is a test on every line).
 */
const TESTS_PER_RUN = 100_000;
/** Candidates (entry numbers) of a log's texts held at once: the same bound for the lists they come in. */
const CANDIDATES_PER_BLOCK = 1_000_000;

/**
 * Each text of the input with its candidate entries, worked out a block of texts at a time; it ends
 * early when `stopAt` (a Date.now() deadline) passes, even inside one block's scan (a hostile index
 * can make the literal scan itself slow).
 */
function* withCandidates(index: LiteralIndex<number>, input: NormalisedInput, stopAt = Infinity): Generator<readonly [CandidateLine, readonly number[]]> {
  const size = Math.max(1, Math.floor(CANDIDATES_PER_BLOCK / Math.max(1, index.unfiltered)));
  for (let start = 0; start < input.candidates.length; start += size) {
    const block = input.candidates.slice(start, start + size);
    const lists = candidatesOfTexts(index, input.lines, block, stopAt);
    if (!lists) return;
    for (let k = 0; k < block.length; k++) yield [block[k]!, lists[k]!];
  }
}

/**
 * Most literal characters one matcher files (a real match.json holds a few dozen per entry, a few
 * million at 100,000 entries): filing costs time before any lookup starts, out of reach of
 * totalBudgetMs (5,000 entries of 1,000 literals took 10 s and 1.4 GB to set up).
 */
export const MAX_INDEX_LITERAL_CHARS = 16_000_000;

/** Numeric options must be positive numbers (threads a whole one): NaN or Infinity would turn a deadline off. */
function checkOptions(options: MatcherOptions): void {
  for (const key of ["timeoutMs", "totalBudgetMs", "maxRegexLength", "threads"] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || (key === "threads" && !Number.isInteger(value))) {
      throw new RangeError(`createMatcher: ${key} must be a positive ${key === "threads" ? "whole number" : "finite number"}, not ${String(value)}`);
    }
  }
}

/** What a wrong argument was, for the message: its type, and a short value where one is shown safely. */
const described = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "number" ? `the number ${String(v)}` : typeof v);

/**
 * The text and options of a lookup, checked before any work: a number as the text, null as the
 * options or a limit of -1 or NaN were TypeErrors from inside or silently odd answers (pass AN).
 * Returns the limit to use.
 */
export function checkLookupArguments(name: string, text: unknown, opts: unknown): number {
  if (typeof text !== "string") throw new TypeError(`${name}: the text must be a string, not ${described(text)}`);
  if (opts === undefined) return 5;
  if (typeof opts !== "object" || opts === null || Array.isArray(opts)) throw new TypeError(`${name}: the options must be an object ({ limit }), not ${described(opts)}`);
  const limit = (opts as LookupOptions).limit;
  if (limit === undefined) return 5;
  if (typeof limit !== "number" || !Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`${name}: limit must be a whole number of 1 or more, not ${described(limit)}`);
  return limit;
}

export function createMatcher<E extends MatchableEntry>(index: readonly E[] | { readonly entries: readonly E[] }, options: MatcherOptions = {}): Matcher<E> {
  if (typeof options !== "object" || options === null || Array.isArray(options)) throw new TypeError(`createMatcher: the options must be an object, not ${described(options)}`);
  checkOptions(options);
  // null or a number read as an index was a TypeError from inside (pass U).
  const all: unknown = Array.isArray(index) ? index : isObject(index) ? (index as { entries?: unknown }).entries : undefined;
  const maxRegex = options.maxRegexLength ?? 2_000;
  const entries: E[] = [];
  const compiled: RegExp[] = [];
  const skipped: SkippedEntry[] = [];
  const literalIndex = new LiteralIndex<number>();
  let literalChars = 0;
  if (!Array.isArray(all)) throw new TypeError("createMatcher needs an index: an array of entries or an object with an entries array");
  for (let position = 0; position < all.length; position++) {
    const e = all[position] as unknown;
    const problem = entryProblem(e, maxRegex);
    const id = isObject(e) && typeof e.id === "string" ? e.id.slice(0, 200) : undefined;
    if (problem) {
      skipped.push({ position, id, reason: problem });
      continue;
    }
    let re: RegExp;
    try {
      re = new RegExp((e as E).regex, "iu");
    } catch (err) {
      skipped.push({ position, id, reason: `its regex does not compile: ${(err as Error).message}` });
      continue;
    }
    const literals = (e as E).literals;
    const chars = literals ? literals.reduce((n, l) => n + l.length, 0) : 0;
    if (literalChars + chars > MAX_INDEX_LITERAL_CHARS) {
      literalChars = Infinity; // the rest too, as the note says
      skipped.push({ position, id, reason: `the index's literals pass ${MAX_INDEX_LITERAL_CHARS} characters in all here, far more than any real index holds; this entry and the rest are not indexed` });
      continue;
    }
    literalChars += chars;
    // Folded as the text is (a hand-made index's "EADDRINUSE" never matched, pass AN).
    literalIndex.add(entries.length, literals ? literals.map(foldText) : undefined);
    entries.push(e as E);
    compiled.push(re);
  }
  const trusted = options.trusted === true;

  const finish = (lines: readonly string[], found: Map<number, Found>, timedOut: Set<number>, limit: number): LookupReport<E> => {
    const hits = [...found.entries()].map(([i, f]) => {
      const e = entries[i]!;
      const ranked = rankedOn({ id: e.id, index: f.index, length: f.length, literalChars: e.literal_chars ?? 0, fixRate: e.fix_success_rate }, f.line + 1, f.lineLength);
      return { ...ranked, entry: e, signature: e.signature, matched: f.text.slice(f.index, f.index + f.length) };
    });
    hits.sort(compareRanked);
    const results = hits.slice(0, limit);
    return { results, timedOut: [...timedOut].map((i) => entries[i]!.id).sort(), nearMisses: results.length === 0 ? nearMisses(entries, lines) : [] };
  };

  const lookupSync = (text: string, opts?: LookupOptions): LookupReport<E> => {
    const limit = checkLookupArguments("lookupSync", text, opts);
    if (!trusted) throw new Error("lookupSync needs a trusted matcher (createMatcher(index, { trusted: true })); use lookup() for other indexes");
    const input = normaliseInput(text);
    const found = new Map<number, Found>();
    for (const [candidate, ids] of withCandidates(literalIndex, input)) {
      for (const i of ids) {
        if (settled(found.get(i), candidate)) continue;
        const re = compiled[i]!;
        re.lastIndex = 0;
        const m = re.exec(candidate.text);
        if (m) found.set(i, better(found.get(i), found_(input.lines, candidate, m.index, m[0].length)));
      }
    }
    return finish(input.lines, found, new Set(), limit);
  };

  const lookup = async (text: string, opts?: LookupOptions): Promise<LookupReport<E>> => {
    const limit = checkLookupArguments("lookup", text, opts);
    if (trusted) return lookupSync(text, opts);
    const input = normaliseInput(text);
    const found = new Map<number, Found>();
    const timedOut = new Set<number>();
    const startedAt = Date.now();
    const budget = options.totalBudgetMs ?? 60_000;
    let byEntry = new Map<number, CandidateLine[]>();
    let gathered = 0;
    const runGathered = async () => {
      if (byEntry.size === 0) return;
      const order = [...byEntry.keys()].sort((a, b) => a - b);
      const jobs: MatchJob[] = order.map((i) => ({ pattern: entries[i]!.regex, flags: "iu", texts: byEntry.get(i)!.map((c) => c.text), stopAtTimeout: true }));
      const remaining = budget - (Date.now() - startedAt);
      const outcomes: MatchOutcome[][] = remaining <= 0 ? jobs.map((j) => j.texts.map(() => ({ kind: "skipped" }) as const)) : await runMatchJobs(jobs, { timeoutMs: options.timeoutMs ?? 1_000, totalBudgetMs: remaining, threads: options.threads ?? 2 });
      order.forEach((i, j) => {
        const list = byEntry.get(i)!;
        const results = outcomes[j]!;
        if (results.some((o) => o.kind === "timeout" || o.kind === "skipped")) timedOut.add(i);
        let best: Found | undefined;
        results.forEach((o, n) => {
          if (o.kind === "match" && !settled(best, list[n]!)) best = better(best, found_(input.lines, list[n]!, o.index, o.length));
        });
        if (best) found.set(i, better(found.get(i), best));
      });
      byEntry = new Map();
      gathered = 0;
    };
    // The budget is checked per line: past it, no more tests are gathered, let alone run.
    let next = 0;
    for (const [candidate, ids] of withCandidates(literalIndex, input, startedAt + budget)) {
      if (Date.now() - startedAt >= budget) break;
      next++;
      for (const i of ids) {
        if (settled(found.get(i), candidate) || timedOut.has(i)) continue;
        let list = byEntry.get(i);
        if (!list) byEntry.set(i, (list = []));
        list.push(candidate);
        gathered++;
      }
      if (gathered >= TESTS_PER_RUN) await runGathered();
    }
    await runGathered();
    // Lines the budget left unsearched: every entry that could have matched one is reported as cut
    // short, never silently missed. Entries no literal rules out (candidates of the empty text) could
    // match any line; the others only lines holding one of their literals.
    // That scan gets a tenth of the budget more; past it, every entry not found is reported.
    if (next < input.candidates.length) {
      for (const i of literalIndex.candidates("")) if (!found.has(i)) timedOut.add(i);
      const stopAt = Date.now() + budget / 10;
      for (let n = next; n < input.candidates.length; n++) {
        const ids = literalIndex.candidates(input.candidates[n]!.text, false, stopAt);
        if (!ids) {
          for (let i = 0; i < entries.length; i++) if (!found.has(i)) timedOut.add(i);
          break;
        }
        for (const i of ids) if (!found.has(i)) timedOut.add(i);
      }
    }
    return finish(input.lines, found, timedOut, limit);
  };

  return { entries, skipped, trusted, lookup, lookupSync };
}

interface Found {
  readonly line: number;
  readonly index: number;
  readonly length: number;
  readonly lineLength: number;
  readonly text: string;
  /** Placed from a line joined with the one before: the line's own candidate is preferred. */
  readonly joined: boolean;
}

/**
 * Where a match is placed. In a line joined with the next, a match that starts in the second line, or
 * at the space the join put before it, is that line's: (?:^|[ \t"'])exec … took the space and was
 * placed a line early (pass U). It is kept, measured against the second line as it is (the join trims
 * it), and counts only where that line's own candidate does not match: (?<=Error: )Cannot find widget
 * over "Error:" and "Cannot find widget" matches only joined (pass W), and measured on the trimmed
 * line the same match ranked by whether the line before was blank (pass X).
 */
function found_(lines: readonly string[], c: CandidateLine, index: number, length: number): Found {
  if (c.joinAt === undefined || index < c.joinAt - 1) return { line: c.line, index, length, lineLength: c.text.length, text: c.text, joined: false };
  const start = Math.max(index, c.joinAt);
  const real = lines[c.line + 1]!;
  const lead = real.length - real.trimStart().length;
  // A match of nothing, or of the join's space only, keeps length 0 (it came out -1, pass X).
  return { line: c.line + 1, index: start - c.joinAt + lead, length: Math.max(0, length - (start - index)), lineLength: real.length, text: real, joined: true };
}

/** The earlier line wins; on one line, a match of the line's own candidate over one placed from a join. */
function better(a: Found | undefined, b: Found): Found {
  if (!a || b.line < a.line || (b.line === a.line && a.joined && !b.joined)) return b;
  return a;
}

/** Nothing this candidate can match would be better than what was found. */
const settled = (f: Found | undefined, c: CandidateLine): boolean => f !== undefined && (!f.joined || c.line > f.line || (c.line === f.line && c.joinAt !== undefined));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Why an index entry cannot be used, or undefined when it can. */
function entryProblem(e: unknown, maxRegex: number): string | undefined {
  if (!isObject(e)) return "it is not an object";
  if (typeof e.id !== "string" || e.id.length === 0 || e.id.length > 200) return "it has no id (a string of up to 200 characters)";
  if (typeof e.regex !== "string" || e.regex.length === 0) return "it has no regex";
  if (e.regex.length > maxRegex) return `its regex is ${e.regex.length} characters long, over the limit of ${maxRegex}`;
  if (e.flags !== undefined && e.flags !== "iu") return `its flags are ${JSON.stringify(e.flags)}, not "iu"`;
  if (typeof e.signature !== "string") return "it has no signature";
  if (typeof e.fix_success_rate !== "number" || !Number.isFinite(e.fix_success_rate)) return "it has no fix_success_rate";
  if (e.literal_chars !== undefined && (typeof e.literal_chars !== "number" || !Number.isFinite(e.literal_chars))) return "its literal_chars is not a number";
  const l = e.literals;
  if (l !== undefined && l !== null && (!Array.isArray(l) || l.length > 1_000 || !l.every((x) => typeof x === "string" && x.length > 0 && x.length <= 500))) return "its literals are not a list of up to 1000 short strings";
  return answerProblem(e);
}

const WORD = /[a-z0-9_]{3,}/g;

/** The entries whose signatures share most words with the text, with what their regex needs that it lacks. */
function nearMisses<E extends MatchableEntry>(entries: readonly E[], lines: readonly string[]): NearMiss<E>[] {
  const text = foldText(lines.join("\n").slice(0, 1 << 20));
  const words = new Set(text.match(WORD) ?? []);
  if (words.size === 0) return [];
  const scored: NearMiss<E>[] = [];
  for (const e of entries) {
    const own = [...new Set(foldText(e.signature).match(WORD) ?? [])];
    if (own.length === 0) continue;
    const shared = own.filter((w) => words.has(w));
    const score = shared.length / own.length;
    if (shared.length < 2 || score < 0.4) continue;
    const missing = (e.literals ?? []).find((l) => !text.includes(foldText(l)));
    const why = missing !== undefined ? `shares ${shared.length} of ${own.length} words with its signature, but its regex needs ${JSON.stringify(missing)}` : `shares ${shared.length} of ${own.length} words with its signature, but its regex does not match`;
    scored.push({ entry: e, id: e.id, score, why });
  }
  return scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, 3);
}
