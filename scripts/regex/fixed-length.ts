// The length of text an element always matches, where it has one, and the most it can match. A part
// of fixed length cannot trade characters with its neighbour, so the ambiguity check (ambiguity.ts)
// skips the borders it stands on without building automata (a repeated group of 990 letters took
// 25 s to analyse, pass AB); Python accepts only a lookbehind of fixed length (portability.ts).
import type { AST } from "@eslint-community/regexpp";

/** The one length of every text the element matches, or undefined when it can match texts of different lengths. */
export function fixedLength(e: AST.Node): number | undefined {
  switch (e.type) {
    case "Character":
      return 1;
    case "CharacterClass":
      return e.unicodeSets ? undefined : 1;
    case "CharacterSet":
      return e.kind === "property" && e.strings ? undefined : 1;
    case "Assertion":
      return 0;
    case "Quantifier": {
      const body = e.min === e.max ? fixedLength(e.element) : undefined;
      return body === undefined ? undefined : body * e.min;
    }
    case "Group":
    case "CapturingGroup": {
      const lengths = new Set(e.alternatives.map(fixedLength));
      const [only] = lengths;
      return lengths.size === 1 ? only : undefined;
    }
    case "Alternative": {
      let sum = 0;
      for (const part of e.elements) {
        const n = fixedLength(part);
        if (n === undefined) return undefined;
        sum += n;
      }
      return sum;
    }
    default:
      return undefined;
  }
}

/** Whether a sequence of elements has one length: every text it matches is as long. */
export const sequenceHasFixedLength = (elements: readonly AST.Node[]): boolean => elements.every((e) => fixedLength(e) !== undefined);

/**
 * The length of the longest text the element matches (Infinity for an unbounded repeat, or a class of
 * strings). A repeat's reading from one start is bounded by its count times this (leading-repeats.ts).
 */
export function maximumLength(e: AST.Node): number {
  switch (e.type) {
    case "Character":
    case "CharacterClass":
    case "CharacterSet":
      return fixedLength(e) ?? Infinity;
    case "Assertion":
      // A lookaround consumes nothing but reads as far as its content does: (?![\d.]*;) in each turn
      // read to the line's end, and a counted repeat of such turns was taken as short (pass AG).
      return e.kind === "lookahead" || e.kind === "lookbehind" ? Math.max(...e.alternatives.map(maximumLength)) : 0;
    case "Backreference":
      // A backreference reads what its group read: as long as the longest group it names.
      return Math.max(...(Array.isArray(e.resolved) ? e.resolved : [e.resolved]).map(maximumLength));
    case "Quantifier":
      return e.max === 0 ? 0 : e.max * maximumLength(e.element);
    case "Group":
    case "CapturingGroup":
      return Math.max(...e.alternatives.map(maximumLength));
    case "Alternative":
      return e.elements.reduce((n, part) => n + maximumLength(part), 0);
    default:
      return Infinity;
  }
}
