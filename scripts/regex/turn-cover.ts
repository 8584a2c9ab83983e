// Whether what follows a repeat succeeds inside any one of its turns. Then a match that has run the
// repeat to the end of a run and failed gives back its last turn, and the tail matches there: the
// first start of a run succeeds, and the search never runs from each turn to the run's end.
// \b\d+(?:\.\d+)+\b and \b([a-z]\w*(?:\.[a-z]\w*)+)\.([A-Z]\w*)\b were reported as quadratic and
// took under 10 ms on 100 KB (pass AD).
import type { AST } from "@eslint-community/regexpp";
import { CharSet, DFA, isDisjointWith, type NFA } from "refa";
import { MAX_NODES, charactersOf, firstCharactersOf, lastCharactersOf, wordCharacters } from "./automata.ts";

type Automaton = (node: AST.Node, factory?: NFA.LimitedNodeFactory) => NFA;

/** Whether the node holds an assertion or a backreference anywhere (automata ignore the one and disable the other). */
function holdsTests(node: AST.Node): boolean {
  switch (node.type) {
    case "Assertion":
    case "Backreference":
      return true;
    case "Quantifier":
      return holdsTests(node.element);
    case "Group":
    case "CapturingGroup":
      return node.alternatives.some((a) => a.elements.some(holdsTests));
    default:
      return false;
  }
}

const isWordBoundary = (e: AST.Element): e is AST.WordBoundaryAssertion => e.type === "Assertion" && e.kind === "word";

/**
 * Whether the tail (the elements after a repeat, up to the end of the pattern) matches at the border
 * between two turns of the repeat, within the second turn's text, whatever the turns' texts are. Word
 * boundaries are decided from the characters turns begin and end with (a leading one) or from a
 * tail that ends with a repeat of every word character (a trailing \b after \w*); any other assertion
 * or a backreference in the tail, or automata too large, and the answer is no.
 */
export function tailMatchesInEveryTurn(written: readonly AST.Element[], turn: AST.Element, automaton: Automaton, flags: AST.Flags): boolean {
  if (holdsTests(turn)) return false;
  const tail = flatten(written);
  try {
    const turnNfa = automaton(turn);
    const word = wordCharacters(turnNfa.maxCharacter, flags);
    const first = firstCharactersOf(turnNfa);
    const last = lastCharactersOf(turnNfa);
    let from = 0;
    for (; from < tail.length && isWordBoundary(tail[from]!); from++) {
      const e = tail[from] as AST.WordBoundaryAssertion;
      const lastWord = last.isSubsetOf(word);
      const lastOther = last.isDisjointWith(word);
      const firstWord = first.isSubsetOf(word);
      const firstOther = first.isDisjointWith(word);
      const holds = e.negate ? (lastWord && firstWord) || (lastOther && firstOther) : (lastWord && firstOther) || (lastOther && firstWord);
      if (!holds) return false;
    }
    let to = tail.length;
    for (; to > from && isWordBoundary(tail[to - 1]!); to--) {
      // \b after a repeat of every word character holds where the repeat stops (at a character that is
      // not one, or the line's end), if what it follows ends with a word character.
      const e = tail[to - 1] as AST.WordBoundaryAssertion;
      const before = tail[to - 2];
      if (e.negate || !before || before.type !== "Quantifier" || before.max !== Infinity || holdsTests(before)) return false;
      if (!charactersOf(automaton(before.element)).equals(word)) return false;
      const body = tail.slice(from, to - 1);
      if (body.length === 0 || !lastCharactersOf(concatenation(body, automaton)).isSubsetOf(word)) return false;
    }
    const body = tail.slice(from, to);
    if (body.length === 0) return true;
    if (body.some(holdsTests)) return false;
    // Every text of a turn has a prefix the tail matches: no turn text is in the complement of tail·Σ*.
    const prefixes = DFA.fromFA(concatenation(body, automaton), new DFA.LimitedNodeFactory(MAX_NODES));
    const everything = CharSet.all(prefixes.maxCharacter);
    for (const f of prefixes.finals) {
      for (const next of new Set(f.out.values())) f.unlink(next);
      f.link(f, everything);
    }
    prefixes.complement(new DFA.LimitedNodeFactory(MAX_NODES));
    return isDisjointWith(turnNfa, prefixes, MAX_NODES);
  } catch {
    return false;
  }
}

/** The elements with each group of one alternative replaced by its elements: \.([A-Z]\w*)\b ends with \w* and \b. */
function flatten(elements: readonly AST.Element[]): AST.Element[] {
  return elements.flatMap((e) => ((e.type === "Group" || e.type === "CapturingGroup") && e.alternatives.length === 1 ? flatten(e.alternatives[0]!.elements) : [e]));
}

/** One automaton for a sequence of elements, in order. */
function concatenation(elements: readonly AST.Element[], automaton: Automaton): NFA {
  const whole = automaton(elements[0]!);
  for (const e of elements.slice(1)) whole.append(automaton(e));
  return whole;
}
