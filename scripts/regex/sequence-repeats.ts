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

const consumes = (e: AST.Element) => e.type !== "Assertion";

/** A repeat allowing more than LARGE_REPEAT iterations, or anything holding one ((?:.*|y), (?:.*)?). */
function isLong(e: AST.Element): boolean {
  if (e.type === "Quantifier" && e.max > LARGE_REPEAT) return true;
  if (e.type !== "Quantifier" && e.type !== "Group" && e.type !== "CapturingGroup") return false;
  let long = false;
  visitRegExpAST(e, {
    onQuantifierEnter(q) {
      if (q.max > LARGE_REPEAT) long = true;
    },
  });
  return long;
}

/** Whether something that consumes text can follow the end of this alternative, in it or after the groups around it. */
function followedOutside(alt: AST.Alternative): boolean {
  for (let node: AST.Node = alt; node.parent && node.parent.type !== "Pattern"; node = node.parent) {
    const parent = node.parent;
    // A repeated group can start again after its end.
    if (parent.type === "Quantifier" && parent.max > 1) return true;
    if (parent.type === "Alternative") {
      const rest = parent.elements.slice(parent.elements.indexOf(node as AST.Element) + 1);
      if (rest.some(consumes)) return true;
    }
  }
  return false;
}

export function findRepeatsInSequence(pattern: AST.Pattern, flags: AST.Flags): { found: RepeatsInSequence[]; undecided: boolean } {
  const found: RepeatsInSequence[] = [];
  let undecided = false;
  const automaton = automataOf(pattern, flags);
  if (!automaton) return { found, undecided: true };
  /** Every character the element can consume. */
  const charsOf = (node: AST.Node): CharSet => {
    const nfa = automaton(node);
    let chars = CharSet.empty(nfa.maxCharacter);
    for (const n of nfa.nodes()) for (const via of n.out.values()) chars = chars.union(via);
    return chars;
  };
  visitRegExpAST(pattern, {
    onAlternativeEnter(alt) {
      // An alternative opened into its parent's sequence is checked there too; the caller reports a repeat once.
      const sequence = flatten(alt.elements);
      const long = sequence.flatMap((e, i) => (isLong(e) ? [i] : []));
      if (long.length < 2) return;
      const afterAlternative = followedOutside(alt);
      try {
        for (const [k, i] of long.entries()) {
          const first = sequence[i]!;
          for (const j of long.slice(k + 1)) {
            const between = sequence.slice(i + 1, j);
            if (!between.some(consumes) || !(afterAlternative || sequence.slice(j + 1).some(consumes))) continue;
            const second = sequence[j]!;
            let separator = CharSet.empty(charsOf(first).maximum);
            for (const e of between.filter(consumes)) separator = separator.union(charsOf(e));
            if (separator.isEmpty || !separator.isSubsetOf(charsOf(first)) || !separator.isSubsetOf(charsOf(second))) continue;
            found.push({ first, second, separator: between.map((e) => e.raw).join("") });
            return;
          }
        }
      } catch {
        undecided = true;
      }
    },
  });
  return { found, undecided };
}
