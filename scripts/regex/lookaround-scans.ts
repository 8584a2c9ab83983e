// A lookaround inside a repeat runs once per turn, and reads as far as its content does: where that
// content can read over whole turns, each turn reads the run of turns again, quadratic from one start.
// (?:[a-z](?=[a-z]*;))+x took 2.2 s on a 100 KB word, and (?:[a-z](?<=widget [a-z]*))+! as long (pass
// AK). Neither the repeat nor the lookaround's own repeat is ambiguous, so scslre reports nothing;
// this check compares, with refa's character sets, what the lookaround reads far with what a turn
// consumes. (?:,(?=\s*\w))+ is left alone: no turn is made of blanks alone, so each turn's look stops
// where the next turn begins.
import { type AST, visitRegExpAST } from "@eslint-community/regexpp";
import { NFA } from "refa";
import { automataOf, charactersOf, longestReadWithin, matchesWithin, sequenceAutomaton } from "./automata.ts";
import { maximumLength } from "./fixed-length.ts";
import { LARGE_REPEAT, MOVE_BOUND, quantifiersIn, writtenMax } from "./redos-tree.ts";

export interface RescanningLookaround {
  readonly lookaround: AST.LookaroundAssertion;
  /** The repeat whose turns each run it. */
  readonly repeat: AST.Quantifier;
}

/** Lookarounds that read over the turns of a repeat around them; undecided when refa cannot read the pattern. */
export function findRescanningLookarounds(pattern: AST.Pattern, flags: AST.Flags): { found: RescanningLookaround[]; undecided: boolean } {
  const automaton = automataOf(pattern, flags);
  if (!automaton) return { found: [], undecided: true };
  const found: RescanningLookaround[] = [];
  /**
   * The lookaround's content as one automaton, in the order the search reads it (a lookbehind's
   * backwards); undefined when it holds a backreference, whose text the automaton cannot know (refa
   * reads one as matching nothing, and (?:(\w)(?=\w*\1))+! passed, 2.7 s on 100 KB, pass AN).
   */
  const contentOf = (node: AST.LookaroundAssertion): NFA | undefined => {
    let holdsBackreference = false;
    visitRegExpAST(node, { onBackreferenceEnter: () => void (holdsBackreference = true) });
    if (holdsBackreference) return undefined;
    let all: NFA | undefined;
    for (const alt of node.alternatives) {
      const sequence = sequenceAutomaton(automaton, alt.elements);
      if (!sequence) continue;
      if (all) all.unionInto(sequence);
      else all = sequence;
    }
    if (all && node.kind === "lookbehind") all.reverse();
    return all ?? NFA.empty({ maxCharacter: 0x10ffff });
  };
  const around: AST.Quantifier[] = [];
  try {
    visitRegExpAST(pattern, {
      onQuantifierEnter: (q) => void around.push(q),
      onQuantifierLeave: () => void around.pop(),
      onAssertionEnter(node) {
        if ((node.kind !== "lookahead" && node.kind !== "lookbehind") || around.length === 0 || maximumLength(node) <= MOVE_BOUND) return;
        // What it reads far: its repeats that can read more than a start's bound ([^!]* in (?=[^!]*!)).
        const far = quantifiersIn(node).filter((q) => maximumLength(q) > MOVE_BOUND).map((q) => charactersOf(automaton(q)));
        if (far.length === 0) return;
        const reads = far.reduce((a, b) => a.union(b));
        // The repeats around it, innermost first, once their turns together may pass LARGE_REPEAT.
        let turns = 1;
        for (let i = around.length - 1; i >= 0; i--) {
          const repeat = around[i]!;
          turns *= writtenMax(repeat);
          if (turns <= LARGE_REPEAT) continue;
          // The text a run of turns is made of, which the lookaround's far-reading part reads too; the
          // lookaround reads over it only if it can start in it and read on in it: </?[a-z]+> in a
          // tempered token reads far only after a <, which [a-z]+ never reads (pass AL).
          const run = reads.intersect(charactersOf(automaton(repeat.element)));
          const content = contentOf(node);
          if (matchesWithin(automaton(repeat.element), run) && (!content || longestReadWithin(content, run) > MOVE_BOUND)) found.push({ lookaround: node, repeat });
          return;
        }
      },
    });
  } catch {
    // An automaton past its bound: nothing shows the lookarounds are safe.
    return { found, undecided: true };
  }
  return { found, undecided: false };
}
