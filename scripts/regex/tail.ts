// What can still make a match fail after a part of the pattern. The search backtracks into a part only
// when something after it fails: a repeat that ends the pattern is read once, greedily, and the match
// succeeds, however many ways it could have been read (a rustc message's list of tokens ended its
// regex and was reported as exponential; it took under 1 ms on 96 KB, pass U).
import type { AST } from "@eslint-community/regexpp";
import { groupsCopiedBy } from "./backreference-copies.ts";

/** Whether the element can match the empty text. */
export function nullable(e: AST.Element): boolean {
  switch (e.type) {
    case "Quantifier":
      return e.min === 0 || nullable(e.element);
    case "Group":
    case "CapturingGroup":
      return e.alternatives.some((a) => a.elements.every(nullable));
    case "Assertion":
    case "Backreference":
      return true;
    default:
      return false;
  }
}

/**
 * Whether the element always succeeds: it can match the empty text without testing anything. Not the
 * same as nullable: an assertion, a backreference (or the copy standing for one) and a group of them
 * match the empty text but can fail ((?:\s*$) after a repeat was read as unable to fail, pass V).
 */
function alwaysSucceeds(e: AST.Element): boolean {
  switch (e.type) {
    case "Quantifier":
      return e.min === 0 || alwaysSucceeds(e.element);
    case "Group":
    case "CapturingGroup":
      return !groupsCopiedBy(e) && e.alternatives.some((a) => a.elements.every(alwaysSucceeds));
    default:
      return false;
  }
}

/** Whether the element can make a match fail. */
export const canFail = (e: AST.Element): boolean => !alwaysSucceeds(e);

/**
 * Whether something after the node can make the match fail: an element after it in its sequence or
 * in any sequence around it, a turn a repeat around it still needs, or a lookbehind holding it
 * (counted as able to fail: it is matched backwards). A lookahead is atomic: once its content has
 * matched, nothing after the lookahead makes the search read that content again.
 */
export function canFailAfter(node: AST.Node): boolean {
  let current: AST.Node = node;
  for (;;) {
    const parent: AST.Node | null = current.parent;
    if (!parent || parent.type === "Pattern") return false;
    if (parent.type === "Alternative") {
      const elements = parent.elements as readonly AST.Node[];
      if (elements.slice(elements.indexOf(current) + 1).some((e) => canFail(e as AST.Element))) return true;
    } else if (parent.type === "Quantifier") {
      if (parent.min > 1) return true;
    } else if (parent.type === "Assertion") return parent.kind !== "lookahead";
    current = parent;
  }
}
