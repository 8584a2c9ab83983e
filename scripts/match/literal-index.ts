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

  add(item: T, literals: string[] | undefined): void {
    const order = this.added++;
    if (!literals || literals.length === 0 || literals.some((l) => l.length < MIN_LITERAL || !isAsciiKeyable(l))) {
      this.always.push({ item, order });
      return;
    }
    for (const literal of literals) {
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

  /** Every item whose regex might match `text` (no false negatives), each once, in insertion order. */
  candidates(text: string): T[] {
    const folded = foldText(text);
    const found = new Map<number, T>();
    for (const a of this.always) found.set(a.order, a.item);
    let run = 0; // ASCII characters in a row ending at i
    for (let i = 0; i < folded.length; i++) {
      if (folded.charCodeAt(i) >= 0x80) {
        run = 0;
        continue;
      }
      run++;
      if (run >= MIN_LITERAL && this.short.size > 0) this.collect(this.short, gramCode(folded, i + 1 - MIN_LITERAL, MIN_LITERAL), folded, i + 1 - MIN_LITERAL, found);
      if (run >= LONG_KEY && this.long.size > 0) this.collect(this.long, gramCode(folded, i + 1 - LONG_KEY, LONG_KEY), folded, i + 1 - LONG_KEY, found);
    }
    if (found.size <= 1) return [...found.values()];
    return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item);
  }

  private collect(map: Map<number, Posting<T>[]>, key: number, folded: string, keyStart: number, found: Map<number, T>): void {
    if ((this.keyBits[(key & (KEY_BITS - 1)) >> 3]! & (1 << (key & 7))) === 0) return;
    const bucket = map.get(key);
    if (!bucket) return;
    for (const p of bucket) {
      const start = keyStart - p.offset;
      if (start >= 0 && !found.has(p.order) && folded.startsWith(p.literal, start)) found.set(p.order, p.item);
    }
  }
}

function isAsciiKeyable(literal: string): boolean {
  for (let i = 0; i < literal.length; i++) if (literal.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** A hash of n characters that stays a small integer (fast as a Map key); collisions only cost a check. */
function gramCode(s: string, offset: number, n: number): number {
  let code = 0;
  for (let i = offset; i < offset + n; i++) code = (Math.imul(code, 31) + s.charCodeAt(i)) & 0x3fffffff;
  return code;
}
