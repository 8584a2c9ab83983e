// Finds which regexes could possibly match a text without running them: every pattern is reduced to
// literal strings one of which any match must contain, indexed by their first three characters. This
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
  const consider = (set: string[] | undefined) => {
    if (set && set.length > 0 && (!best || quality(set) > quality(best))) best = set;
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
  return best;
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

/** Index from literal trigrams to the patterns that require them; `always` holds unfilterable ones. */
export class LiteralIndex<T> {
  private readonly byTrigram = new Map<string, { literal: string; item: T }[]>();
  private readonly always: T[] = [];

  add(item: T, literals: string[] | undefined): void {
    if (!literals || literals.length === 0 || literals.some((l) => l.length < MIN_LITERAL)) {
      this.always.push(item);
      return;
    }
    for (const literal of literals) {
      const key = literal.slice(0, MIN_LITERAL);
      let bucket = this.byTrigram.get(key);
      if (!bucket) this.byTrigram.set(key, (bucket = []));
      bucket.push({ literal, item });
    }
  }

  /** Every item whose regex might match `text` (no false negatives), each once, in insertion-stable order. */
  candidates(text: string): T[] {
    const folded = foldText(text);
    const found = new Set<T>(this.always);
    for (let i = 0; i + MIN_LITERAL <= folded.length; i++) {
      const bucket = this.byTrigram.get(folded.slice(i, i + MIN_LITERAL));
      if (!bucket) continue;
      for (const { literal, item } of bucket) if (!found.has(item) && folded.startsWith(literal, i)) found.add(item);
    }
    return [...found];
  }
}
