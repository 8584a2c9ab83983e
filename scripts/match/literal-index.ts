// Finds which regexes could possibly match a text without running them: each pattern is filed under
// literal strings one of which any match must contain (computed at build time by regex/literals.ts),
// keyed by a rare n-gram of each. Replaces the regexes × texts cross-product of collision checks and
// lookup with a few tests. Zero dependencies: the consumer package ships it.

/** Shortest literal worth filtering on; a pattern with none is a candidate for every text. */
export const MIN_LITERAL = 3;

/** Folds a text the way the "iu" flags fold ASCII letters (ſ is s, the Kelvin sign is k). */
export function foldText(text: string): string {
  return text.toLowerCase().replace(/\u017f/g, "s");
}

/** Units of work (positions, postings compared) between two looks at a deadline. */
const WORK_BETWEEN_CHECKS = 4096;

/** Literals at least this long are keyed by one of their 6-grams, shorter ones by a 3-gram. */
const LONG_KEY = 6;
const KEY_BITS = 1 << 21;

interface Posting<T> {
  readonly literal: string;
  /** Where the key starts inside the literal. */
  readonly offset: number;
  readonly item: T;
  readonly order: number;
}

/**
 * Index from literal n-grams to the patterns that require them; `always` holds unfilterable ones.
 * Each literal is filed under its n-gram with the fewest literals so far, so that literals sharing a
 * long common prefix (thousands of "module-…" names) do not all land in one bucket that every text
 * position then scans.
 */
export class LiteralIndex<T> {
  private readonly short = new Map<number, Posting<T>[]>();
  private readonly long = new Map<number, Posting<T>[]>();
  /** One bit per possible key hash: most text positions are ruled out without a Map lookup. */
  private readonly keyBits = new Uint8Array(KEY_BITS >> 3);
  private readonly always: { item: T; order: number }[] = [];
  /** Items no literal can rule out: each is a candidate for every text. */
  get unfiltered(): number {
    return this.always.length;
  }
  private added = 0;
  /** The longest literal filed: a match of the index can reach this far across a join of two texts. */
  longestLiteral = 0;

  add(item: T, literals: string[] | undefined): void {
    const order = this.added++;
    if (!literals || literals.length === 0 || literals.some((l) => l.length < MIN_LITERAL || !isAsciiKeyable(l))) {
      this.always.push({ item, order });
      return;
    }
    for (const literal of new Set(literals)) {
      if (literal.length > this.longestLiteral) this.longestLiteral = literal.length;
      const n = literal.length >= LONG_KEY ? LONG_KEY : MIN_LITERAL;
      const map = n === LONG_KEY ? this.long : this.short;
      let best = 0;
      let bestSize = Infinity;
      for (let offset = 0; offset + n <= literal.length; offset++) {
        const size = map.get(gramCode(literal, offset, n))?.length ?? 0;
        if (size < bestSize) [best, bestSize] = [offset, size];
      }
      const key = gramCode(literal, best, n);
      this.keyBits[(key & (KEY_BITS - 1)) >> 3]! |= 1 << (key & 7);
      let bucket = map.get(key);
      if (!bucket) map.set(key, (bucket = []));
      bucket.push({ literal, offset: best, item, order });
    }
  }

  /**
   * Every item whose regex might match `text` (no false negatives), each once, in insertion order;
   * with `unfiltered` false, only those a literal of theirs in the text lets through. With `stopAt`
   * (a Date.now() deadline, looked at every few thousand positions): undefined once it has passed.
   */
  candidates(text: string, unfiltered?: boolean): T[];
  candidates(text: string, unfiltered: boolean, stopAt: number): T[] | undefined;
  candidates(text: string, unfiltered = true, stopAt = Infinity): T[] | undefined {
    if (stopAt !== Infinity && Date.now() > stopAt) return undefined;
    const folded = foldText(text);
    const found = new Map<number, T>();
    /** Buckets all of whose items are found already: not walked again at later positions of this text. */
    const exhausted = new Set<Posting<T>[]>();
    if (unfiltered) for (const a of this.always) found.set(a.order, a.item);
    const short = this.short.size > 0;
    const long = this.long.size > 0;
    let run = 0; // ASCII characters in a row ending at i
    // Both keys roll along the text (one multiply-add per character each, not n): equal to gramCode.
    let code3 = 0;
    let code6 = 0;
    // The deadline is looked at every few thousand units of work: a position, a posting compared.
    let work = 0;
    let checkAt = WORK_BETWEEN_CHECKS;
    for (let i = 0; i < folded.length; i++) {
      if (++work >= checkAt) {
        if (Date.now() > stopAt) return undefined;
        checkAt = work + WORK_BETWEEN_CHECKS;
      }
      const c = folded.charCodeAt(i);
      if (c >= 0x80) {
        run = 0;
        code3 = 0;
        code6 = 0;
        continue;
      }
      run++;
      code3 = (Math.imul(run > MIN_LITERAL ? code3 - Math.imul(folded.charCodeAt(i - MIN_LITERAL), POW[MIN_LITERAL - 1]!) : code3, 31) + c) & MASK;
      code6 = (Math.imul(run > LONG_KEY ? code6 - Math.imul(folded.charCodeAt(i - LONG_KEY), POW[LONG_KEY - 1]!) : code6, 31) + c) & MASK;
      if (short && run >= MIN_LITERAL) work += this.collect(this.short, code3, folded, i + 1 - MIN_LITERAL, found, exhausted);
      if (long && run >= LONG_KEY) work += this.collect(this.long, code6, folded, i + 1 - LONG_KEY, found, exhausted);
    }
    if (found.size <= 1) return [...found.values()];
    return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item);
  }

  /** Files the items of the bucket under `key` whose literal starts at its place; returns the work done (postings compared, by length). */
  private collect(map: Map<number, Posting<T>[]>, key: number, folded: string, keyStart: number, found: Map<number, T>, exhausted: Set<Posting<T>[]>): number {
    if ((this.keyBits[(key & (KEY_BITS - 1)) >> 3]! & (1 << (key & 7))) === 0) return 0;
    const bucket = map.get(key);
    if (!bucket || exhausted.has(bucket)) return 0;
    // A text that is one long run of a bucket's key (20,000 "a" against 400 literals of "a") would walk
    // the whole bucket at every position: once all its items are found, it is not walked again.
    let open = 0;
    let work = 0;
    for (const p of bucket) {
      if (found.has(p.order)) continue;
      const start = keyStart - p.offset;
      work += 1 + (p.literal.length >> 4);
      if (start >= 0 && folded.startsWith(p.literal, start)) found.set(p.order, p.item);
      else open++;
    }
    if (open === 0) exhausted.add(bucket);
    return work;
  }
}

function isAsciiKeyable(literal: string): boolean {
  for (let i = 0; i < literal.length; i++) if (literal.charCodeAt(i) >= 0x80) return false;
  return true;
}

const MASK = 0x3fffffff;
/** 31 to the powers 0 to 5, modulo 2^30: what leaves a rolling key when its first character does. */
const POW = [1, 31, 961, 29791, 923521, 28629151];

/** A hash of n characters that stays a small integer (fast as a Map key); collisions only cost a check. */
function gramCode(s: string, offset: number, n: number): number {
  let code = 0;
  for (let i = offset; i < offset + n; i++) code = (Math.imul(code, 31) + s.charCodeAt(i)) & MASK;
  return code;
}

/** One frozen empty list for the many texts with no candidate. */
const NONE: readonly number[] = Object.freeze([]);

/**
 * The candidates of each text of a log as normalise-input lays it out: each line scanned once, and a
 * line joined with the next costs the two lines' candidates and a scan of the window around the join
 * (where a literal could span it), not a third scan of both. The same sets as scanning every text.
 */
export function candidatesOfTexts(index: LiteralIndex<number>, lines: readonly string[], texts: readonly { readonly text: string; readonly line: number; readonly joinAt?: number }[]): (readonly number[])[];
export function candidatesOfTexts(index: LiteralIndex<number>, lines: readonly string[], texts: readonly { readonly text: string; readonly line: number; readonly joinAt?: number }[], stopAt: number): (readonly number[])[] | undefined;
export function candidatesOfTexts(index: LiteralIndex<number>, lines: readonly string[], texts: readonly { readonly text: string; readonly line: number; readonly joinAt?: number }[], stopAt = Infinity): (readonly number[])[] | undefined {
  try {
    return texts.length === 0 ? [] : scanTexts(index, lines, texts, stopAt);
  } catch (e) {
    if (e === STOPPED) return undefined;
    throw e;
  }
}

/** Thrown inside scanTexts when the deadline passes, caught by candidatesOfTexts. */
const STOPPED = Symbol("stopped");

function scanTexts(index: LiteralIndex<number>, lines: readonly string[], texts: readonly { readonly text: string; readonly line: number; readonly joinAt?: number }[], stopAt: number): (readonly number[])[] {
  const ofLine = new Map<number, readonly number[]>();
  const scan = (text: string): readonly number[] => {
    const found = index.candidates(text, true, stopAt);
    if (found === undefined) throw STOPPED;
    return found.length === 0 ? NONE : found;
  };
  for (const t of texts) if (t.joinAt === undefined && t.text === lines[t.line] && !ofLine.has(t.line)) ofLine.set(t.line, scan(t.text));
  return texts.map((t) => {
    if (t.joinAt === undefined) return t.text === lines[t.line] ? ofLine.get(t.line)! : scan(t.text);
    const head = ofLine.get(t.line);
    const tail = ofLine.get(t.line + 1);
    if (!head || !tail) return scan(t.text);
    const reach = Math.max(index.longestLiteral, MIN_LITERAL);
    const across = scan(t.text.slice(Math.max(0, t.joinAt - reach), t.joinAt + reach));
    if (head.length + tail.length + across.length === 0) return NONE;
    return [...new Set([...head, ...tail, ...across])].sort((a, b) => a - b);
  });
}
