// The length of text an element always matches, where it has one, and the least it matches. A part of fixed length cannot
// trade characters with its neighbour, so the ambiguity check (ambiguity.ts) skips the borders it
// stands on without building automata (a repeated group of 990 letters took 25 s to analyse, pass
// AB); Python accepts only a lookbehind of fixed length (portability.ts).
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
 * The length of the shortest text the element matches. Starts inside a run that must each read a
 * part this long are at least that far apart (leading-repeats.ts).
 */
export function minimumLength(e: AST.Node): number {
  switch (e.type) {
    case "Character":
    case "CharacterClass":
    case "CharacterSet":
      return fixedLength(e) ?? 0;
    case "Quantifier":
      return e.min === 0 ? 0 : e.min * minimumLength(e.element);
    case "Group":
    case "CapturingGroup":
      return Math.min(...e.alternatives.map(minimumLength));
    case "Alternative":
      return e.elements.reduce((n, part) => n + minimumLength(part), 0);
    default:
      return 0;
  }
}
