// refa's automaton of any part of one pattern, as the ReDoS checks compare them: backreferences
// disabled and assertions ignored (they only ever make a language smaller), at most MAX_NODES states;
// the characters its texts hold, begin or end with, and whether it has a text within given characters.
import type { AST } from "@eslint-community/regexpp";
import { CharSet, JS, NFA } from "refa";

export const MAX_NODES = 10_000;

/** A maker of automata for the nodes of `pattern`, or undefined when refa cannot read the pattern. */
export function automataOf(pattern: AST.Pattern, flags: AST.Flags): ((node: AST.Node, factory?: NFA.LimitedNodeFactory) => NFA) | undefined {
  let jsParser: JS.Parser;
  try {
    jsParser = JS.Parser.fromAst({ pattern, flags });
  } catch {
    return undefined;
  }
  return (node, factory = new NFA.LimitedNodeFactory(MAX_NODES)) => {
    const { expression, maxCharacter } = jsParser.parseElement(node as never, { backreferences: "disable", assertions: "ignore" } as never);
    return NFA.fromRegex(expression, { maxCharacter }, { assertions: "ignore" }, factory);
  };
}

/** The automaton of elements in a row (assertions read as matching the empty text), or undefined for none. */
export function sequenceAutomaton(automaton: (node: AST.Node) => NFA, elements: readonly AST.Element[]): NFA | undefined {
  let sequence: NFA | undefined;
  for (const e of elements) {
    const next = automaton(e);
    if (sequence) sequence.appendInto(next);
    else sequence = next;
  }
  return sequence;
}

/** Every character some text of the automaton holds. */
export function charactersOf(nfa: NFA): CharSet {
  let all = CharSet.empty(nfa.maxCharacter);
  for (const node of nfa.nodes()) for (const via of node.out.values()) all = all.union(via);
  return all;
}

/** The characters a text of the automaton can begin with. */
export function firstCharactersOf(nfa: NFA): CharSet {
  let first = CharSet.empty(nfa.maxCharacter);
  for (const via of nfa.initial.out.values()) first = first.union(via);
  return first;
}

/** The characters a text of the automaton can end with. */
export function lastCharactersOf(nfa: NFA): CharSet {
  const reversed = nfa.copy();
  reversed.reverse();
  return firstCharactersOf(reversed);
}

/** Whether the automaton matches some text made only of the given characters (the empty text included). */
export function matchesWithin(nfa: NFA, chars: CharSet): boolean {
  const seen = new Set<NFA.Node>([nfa.initial]);
  const queue = [nfa.initial];
  while (queue.length > 0) {
    const node = queue.pop()!;
    if (nfa.finals.has(node)) return true;
    for (const [next, via] of node.out) {
      if (seen.has(next) || via.isDisjointWith(chars)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return false;
}

/**
 * The longest text the automaton can read from its start using only the given characters, whether or
 * not the rest of it then matches: Infinity where it can loop. What a lookaround reads over a run of
 * those characters before it stops.
 */
export function longestReadWithin(nfa: NFA, chars: CharSet): number {
  const done = new Map<NFA.Node, number>();
  const open = new Set<NFA.Node>();
  const stack: { node: NFA.Node; edges: Iterator<[NFA.Node, CharSet]>; best: number }[] = [{ node: nfa.initial, edges: nfa.initial.out.entries(), best: 0 }];
  open.add(nfa.initial);
  while (stack.length > 0) {
    const top = stack.at(-1)!;
    const next = top.edges.next();
    if (next.done) {
      stack.pop();
      open.delete(top.node);
      done.set(top.node, top.best);
      if (stack.length > 0) stack.at(-1)!.best = Math.max(stack.at(-1)!.best, top.best + 1);
      continue;
    }
    const [to, via] = next.value;
    if (via.isDisjointWith(chars)) continue;
    if (open.has(to)) return Infinity;
    const known = done.get(to);
    if (known !== undefined) top.best = Math.max(top.best, known + 1);
    else {
      open.add(to);
      stack.push({ node: to, edges: to.out.entries(), best: 0 });
    }
  }
  return done.get(nfa.initial) ?? 0;
}

/** Every character a line can hold under the flags (lookup reads one line at a time): what . matches. */
export function lineCharacters(flags: AST.Flags): CharSet {
  return JS.createCharSet([{ kind: "any" }], (flags.unicodeSets ? { unicodeSets: true, ignoreCase: flags.ignoreCase } : { unicode: flags.unicode, ignoreCase: flags.ignoreCase }) as JS.Flags);
}

/** The characters \b tells from the rest under the flags: [0-9A-Za-z_], and ſ and K (Kelvin) under iu. */
export function wordCharacters(maxCharacter: number, flags: AST.Flags): CharSet {
  const ranges = [
    { min: 0x30, max: 0x39 },
    { min: 0x41, max: 0x5a },
    { min: 0x5f, max: 0x5f },
    { min: 0x61, max: 0x7a },
  ];
  if ((flags.unicode || flags.unicodeSets) && flags.ignoreCase) ranges.push({ min: 0x17f, max: 0x17f }, { min: 0x212a, max: 0x212a });
  return CharSet.empty(maxCharacter).union(ranges);
}
