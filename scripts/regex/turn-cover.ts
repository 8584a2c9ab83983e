// Whether what follows a repeat succeeds inside any one of its turns. Then a match that has run the
// repeat to the end of a run and failed gives back its last turn, and the tail matches there: the
// first start of a run succeeds, and the search never runs from each turn to the run's end.
// \b\d+(?:\.\d+)+\b and \b([a-z]\w*(?:\.[a-z]\w*)+)\.([A-Z]\w*)\b were reported as quadratic and
// took under 10 ms on 100 KB (pass AD).
import type { AST } from "@eslint-community/regexpp";
import { CharSet, DFA, isDisjointWith, type NFA } from "refa";
import { MAX_NODES, charactersOf, firstCharactersOf, lastCharactersOf, wordCharacters } from "./automata.ts";
import { writtenMax } from "./redos-tree.ts";

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
export function tailMatchesInEveryTurn(written: readonly AST.Element[], repeat: AST.Quantifier, automaton: Automaton, flags: AST.Flags): boolean {
  const turn = repeat.element;
  if (holdsTests(turn)) return false;
  const tail = flatten(written);
  try {
    const turnNfa = automaton(turn);
    // Negative lookaheads that end the pattern, each of whose texts begins with a whole turn: where an
    // unbounded greedy repeat stops, no turn follows, so none of them matches and each holds
    // (\b\d+(?:\.\d+)+(?!\.\d) takes 2 ms on 100 KB; (?![.\d]) does not hold that way, pass AF).
    let end = tail.length;
    while (end > 0 && isNegativeLookahead(tail[end - 1]!)) end--;
    if (end < tail.length) {
      // Only right after the repeat: after anything else they are tested inside the given-back turn.
      if (end > 0 || writtenMax(repeat) !== Infinity || turnNfa.finals.has(turnNfa.initial)) return false;
      for (const e of tail.slice(end)) {
        const ahead = e as AST.LookaroundAssertion;
        if (ahead.alternatives.some((a) => a.elements.some(holdsTests))) return false;
        for (const alt of ahead.alternatives) if (alt.elements.length === 0 || !everyTextBeginsWith(concatenation(alt.elements, automaton), turnNfa)) return false;
      }
      return true;
    }
    return coveredByTurns(tail.slice(0, end), turnNfa, automaton, flags);
  } catch {
    return false;
  }
}

const isNegativeLookahead = (e: AST.Element): boolean => e.type === "Assertion" && e.kind === "lookahead" && e.negate;

/** Whether the tail (no lookahead at its end) matches within the text of any turn, at a border between turns. */
function coveredByTurns(tail: readonly AST.Element[], turnNfa: NFA, automaton: Automaton, flags: AST.Flags): boolean {
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
  return everyTextBeginsWith(turnNfa, concatenation(body, automaton));
}

/** Whether every text of `texts` has a prefix in `prefixes`: no text of it is in the complement of prefixes·Σ*. */
function everyTextBeginsWith(texts: NFA, prefixes: NFA): boolean {
  const beginnings = DFA.fromFA(prefixes, new DFA.LimitedNodeFactory(MAX_NODES));
  const everything = CharSet.all(beginnings.maxCharacter);
  for (const f of beginnings.finals) {
    for (const next of new Set(f.out.values())) f.unlink(next);
    f.link(f, everything);
  }
  beginnings.complement(new DFA.LimitedNodeFactory(MAX_NODES));
  return isDisjointWith(texts, beginnings, MAX_NODES);
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
