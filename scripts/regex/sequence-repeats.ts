// Two long repeats one after the other, the first able to run past every copy of what separates them
// (X: .* in .* at line): from one start the search tries every end of the first at which the
// separator matches and, for each, every length of the second before what follows fails. That is
// quadratic per start and cubic on a line that repeats the start (one 30 KB line took 35 s). scslre
// reports neither repeat (they never trade characters directly), so this check does, with refa's
// character sets. The cost needs the separator inside both repeats' characters and something after
// the second that can fail; "Error: (.*) at line (\d+):" has neither problem.
import { type AST, visitRegExpAST } from "@eslint-community/regexpp";
import { CharSet } from "refa";
import { automataOf } from "./automata.ts";
import { LARGE_REPEAT } from "./redos-tree.ts";

export interface RepeatsInSequence {
  /** A long repeat, or a group or optional part holding one. */
  readonly first: AST.Element;
  readonly second: AST.Element;
  /** The text between them, as written. */
  readonly separator: string;
}

/** The elements of an alternative in order, with unrepeated one-alternative groups opened in place. */
function flatten(elements: readonly AST.Element[]): AST.Element[] {
  return elements.flatMap((e) => ((e.type === "Group" || e.type === "CapturingGroup") && e.alternatives.length === 1 ? flatten(e.alternatives[0]!.elements) : [e]));
}

/** Whether the element can fail where it stands: anything but the line's start and end (lookup reads one line at a time, and . never crosses it). */
const canFail = (e: AST.Element) => !(e.type === "Assertion" && (e.kind === "start" || e.kind === "end"));
const consumes = (e: AST.Element) => e.type !== "Assertion";

/** The quantifiers inside an element, a lookaround's included. */
function quantifiersIn(e: AST.Element): AST.Quantifier[] {
  const found: AST.Quantifier[] = [];
  visitRegExpAST(e as never, { onQuantifierEnter: (q) => void found.push(q) });
  if (e.type === "Quantifier" && !found.includes(e)) found.unshift(e);
  return found;
}

/**
 * How many lengths a repeat-like element can take, for the product along a chain: a quantifier's
 * range; a group, optional part or lookaround that holds a repeat of more than LARGE_REPEAT, unbounded;
 * anything else 1 (not a repeat).
 */
function ways(e: AST.Element): number {
  if (e.type === "Quantifier" && quantifiersIn(e.element).every((q) => q.max <= 1)) return e.max === Infinity ? Infinity : e.max - e.min + 1;
  if (e.type === "Quantifier" || e.type === "Group" || e.type === "CapturingGroup" || (e.type === "Assertion" && (e.kind === "lookahead" || e.kind === "lookbehind") && !e.negate))
    return quantifiersIn(e).some((q) => q.max > LARGE_REPEAT) ? Infinity : 1;
  return 1;
}

/** Whether something that can fail follows the end of this alternative, in it or after the groups around it. */
function followedOutside(alt: AST.Alternative): boolean {
  for (let node: AST.Node = alt; node.parent && node.parent.type !== "Pattern"; node = node.parent) {
    const parent = node.parent;
    // A repeated group can start again after its end.
    if (parent.type === "Quantifier" && parent.max > 1) return true;
    if (parent.type === "Alternative") {
      const rest = parent.elements.slice(parent.elements.indexOf(node as AST.Element) + 1);
      if (rest.some(canFail)) return true;
    }
  }
  return false;
}

/**
 * Repeats in a chain, each separated from the next by text both can also match (".* in .*", or
 * ".{0,10} .{0,10} … .{0,10}"): from one start the search tries every way to share a run among them
 * before what follows fails, the product of their ranges. Past LARGE_REPEAT³ (a thousand ways per
 * start, as for repeats side by side) the chain is reported at its first repeat.
 */
export function findRepeatsInSequence(pattern: AST.Pattern, flags: AST.Flags): { found: RepeatsInSequence[]; undecided: boolean } {
  const found: RepeatsInSequence[] = [];
  let undecided = false;
  const automaton = automataOf(pattern, flags);
  if (!automaton) return { found, undecided: true };
  /** Every character the element can consume (a lookaround: what its content consumes), built once per node. */
  const known = new Map<AST.Node, CharSet>();
  const charsOf = (node: AST.Node): CharSet => {
    const cached = known.get(node);
    if (cached) return cached;
    let chars: CharSet;
    if (node.type === "Assertion" && (node.kind === "lookahead" || node.kind === "lookbehind")) {
      chars = node.alternatives.map(charsOf).reduce((a, b) => a.union(b));
    } else {
      const nfa = automaton(node);
      chars = CharSet.empty(nfa.maxCharacter);
      for (const n of nfa.nodes()) for (const via of n.out.values()) chars = chars.union(via);
    }
    known.set(node, chars);
    return chars;
  };
  visitRegExpAST(pattern, {
    onAlternativeEnter(alt) {
      // An alternative opened into its parent's sequence is checked there too; the caller reports a repeat once.
      const sequence = flatten(alt.elements);
      const repeats = sequence.flatMap((e, i) => (ways(e) > 1 ? [i] : []));
      if (repeats.length < 2) return;
      const afterAlternative = followedOutside(alt);
      const followed = (j: number) => afterAlternative || sequence[j]!.type === "Assertion" || sequence.slice(j + 1).some(canFail);
      try {
        for (const [k, i] of repeats.entries()) {
          let product = ways(sequence[i]!);
          let previous = i;
          for (const j of repeats.slice(k + 1)) {
            const between = sequence.slice(previous + 1, j).filter(consumes);
            // Each part of the separator must be able to match a character both neighbours also match.
            const shared = charsOf(sequence[previous]!).intersect(charsOf(sequence[j]!));
            if (shared.isEmpty || !between.every((e) => !charsOf(e).intersect(shared).isEmpty)) break;
            product *= ways(sequence[j]!);
            previous = j;
            if (product > LARGE_REPEAT ** 3 && between.length + (j - i) > 1 && followed(j)) {
              found.push({ first: sequence[i]!, second: sequence[j]!, separator: sequence.slice(i + 1, j).map((e) => e.raw).join("") });
              return;
            }
          }
        }
      } catch {
        undecided = true;
      }
    },
  });
  return { found, undecided };
}
