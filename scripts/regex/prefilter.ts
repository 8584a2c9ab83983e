// Finds which regexes could possibly match a text without running them: every pattern is reduced to
// literal strings one of which any match must contain, indexed by a rare n-gram of each. This
// replaces the full regexes × texts cross-product of collision checks and lookup with a few tests.
import type { AST } from "@eslint-community/regexpp";

const MIN_LITERAL = 3;

/**
 * Literals (folded) such that every match contains at least one of them, or undefined when the
 * pattern has no such literal of at least three characters. Only ASCII letters, digits and
 * punctuation take part, because case-insensitive Unicode matching folds them predictably.
 */
export function requiredLiterals(ast: AST.Pattern): string[] | undefined {
  return fromAlternatives(ast.alternatives);
}

function fromAlternatives(alternatives: readonly AST.Alternative[]): string[] | undefined {
  const all: string[] = [];
  for (const alt of alternatives) {
    const set = fromAlternative(alt);
    if (!set) return undefined;
    all.push(...set);
  }
  return [...new Set(all)];
}

function fromAlternative(alt: AST.Alternative): string[] | undefined {
  let best: string[] | undefined;
  for (const set of alternativeOptions(alt)) if (!best || quality(set) > quality(best)) best = set;
  return best;
}

/** Every literal set that a match of this alternative must contain one of, in pattern order. */
function alternativeOptions(alt: AST.Alternative): string[][] {
  const options: string[][] = [];
  const consider = (set: string[] | undefined) => {
    if (set && set.length > 0) options.push(set);
  };
  let run = "";
  const endRun = () => {
    if (run.length >= MIN_LITERAL) consider([run]);
    run = "";
  };
  for (const el of alt.elements) {
    if (el.type === "Character" && isFoldableAscii(el.value)) {
      run += String.fromCharCode(el.value).toLowerCase();
      continue;
    }
    endRun();
    if ((el.type === "Group" || el.type === "CapturingGroup") && el.alternatives.length > 0) consider(fromAlternatives(el.alternatives));
    else if (el.type === "Quantifier" && el.min >= 1 && (el.element.type === "Group" || el.element.type === "CapturingGroup")) {
      consider(fromAlternatives(el.element.alternatives));
    }
  }
  endRun();
  return options;
}

/** Per top-level alternative of a pattern, the literal sets any one of which its matches must contain. */
export type LiteralChoices = string[][][];

/** The literal choices of a pattern, or undefined when some alternative has no literal to filter on. */
export function literalChoices(ast: AST.Pattern): LiteralChoices | undefined {
  const perAlternative = ast.alternatives.map(alternativeOptions);
  return perAlternative.some((options) => options.length === 0) ? undefined : perAlternative;
}

/**
 * For each pattern, one set of required literals chosen to be selective across the whole corpus:
 * per top-level alternative, the option whose literals the fewest other patterns could also use
 * (a prefix that thousands of patterns share makes every text a candidate for all of them), longer
 * literals breaking ties. Any option is a correct filter; this only chooses the cheapest one.
 */
export function selectiveLiterals(choices: readonly (LiteralChoices | undefined)[]): (string[] | undefined)[] {
  const patternsUsing = new Map<string, number>();
  for (const choice of choices) {
    const seen = new Set<string>();
    for (const options of choice ?? []) for (const set of options) for (const literal of set) seen.add(literal);
    for (const literal of seen) patternsUsing.set(literal, (patternsUsing.get(literal) ?? 0) + 1);
  }
  const cost = (set: string[]) => {
    let worst = 0;
    for (const l of set) worst = Math.max(worst, l.length < MIN_LITERAL ? Infinity : patternsUsing.get(l)!);
    return worst;
  };
  return choices.map((choice) => {
    if (!choice) return undefined;
    const chosen = choice.map((options) => {
      let best = options[0]!;
      let bestCost = cost(best);
      for (const set of options.slice(1)) {
        const c = cost(set);
        if (c < bestCost || (c === bestCost && quality(set) > quality(best))) [best, bestCost] = [set, c];
      }
      return best;
    });
    return [...new Set(chosen.flat())];
  });
}

/** A set is as selective as its shortest member; fewer members break ties. */
function quality(set: string[]): number {
  const shortest = Math.min(...set.map((s) => s.length));
  return shortest * 100 - set.length;
}

function isFoldableAscii(code: number): boolean {
  return code >= 0x20 && code < 0x7f;
}

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
