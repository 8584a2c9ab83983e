// Exponential backtracking that scslre does not report, found exactly with refa's automata: a
// repeated group whose alternatives can match the same text ((a|a)*, (x|xy?)+), also in a group
// inside it ((?:-(?:a|a))+), whose language holds a word that is also a sequence of its words
// ((a|aa)*, (?:aa?)+), or whose parts can divide a text two ways ((a|ab)(c|bc))+). Under the repeat,
// a run of such text is read in exponentially many ways.
import { type AST, visitRegExpAST } from "@eslint-community/regexpp";
import { DFA, isDisjointWith, NFA, type CharSet, type TransitionIterator } from "refa";
import { automataOf, MAX_NODES } from "./automata.ts";
import { groupsCopiedBy } from "./backreference-copies.ts";
import { fixedLength, sequenceHasFixedLength } from "./fixed-length.ts";

/**
 * The deterministic states one pattern's check may build in all: each is bounded by MAX_NODES, but
 * forty repeats of (?:[ab]*a[ab]{12}x), 8,000 states each, took 12.5 s to analyse (pass AB). Past it
 * the analysis is undecided, an error whatever was counted.
 */
const MAX_STATES_PER_PATTERN = 4 * MAX_NODES;

/** What one pattern's check has spent: deterministic states built, pairs of states the code test visited. */
interface Budget {
  states: number;
  pairs: number;
}

class BudgetExceeded extends RangeError {}

/** The deterministic automaton of `nfa`, counted against the pattern's budget. */
function determinize(nfa: NFA, budget: Budget): DFA {
  if (budget.states > MAX_STATES_PER_PATTERN) throw new BudgetExceeded("the pattern needs too many automaton states to decide");
  let dfa: DFA;
  try {
    dfa = DFA.fromFA(nfa, new DFA.LimitedNodeFactory(MAX_NODES));
  } catch (e) {
    // One that outgrew its own limit spent all of it.
    budget.states += MAX_NODES;
    throw e;
  }
  budget.states += dfa.countNodes();
  if (budget.states > MAX_STATES_PER_PATTERN) throw new BudgetExceeded("the pattern needs too many automaton states to decide");
  return dfa;
}

/** Past these the code test is undecided: sets of dangling suffixes in one test, and pairs of states visited in all of one pattern's. */
const MAX_STEPS = 1_000;
const MAX_PAIRS = 1_000_000;

/**
 * Whether two different sequences of the alternatives' words spell the same text: the union L of the
 * alternatives is not a code. Then a run of that text is read in two ways per copy under the repeat,
 * although every pair of alternatives is disjoint: a and aa (a word of L is two of its words), or
 * [0-9a-f]{2} and [0-9a-f]{3}, where six digits are three pairs or two triples (45 s on 72 bytes, pass Z).
 *
 * Sardinas and Patterson's test, worked out on the deterministic automaton of L: each set of dangling
 * suffixes is a union of the languages read from some of its states, so it is held as that set of
 * states, and the sets repeat after finitely many steps. From the suffixes S, the next set is the
 * rest of a word of S after a word of L, and the rest of a word of L after a word of S: both are the
 * pairs of states one text reaches from (a state of S, the start). A pair of final states means a
 * word of L ends where a suffix ends: two sequences of words meet, and L is not a code.
 */
function splitsAmbiguously(automata: readonly NFA[], budget: Budget): boolean {
  const factory = new NFA.LimitedNodeFactory(MAX_NODES);
  const language = automata[0]!.copy(factory);
  for (const a of automata.slice(1)) language.union(a, factory);
  language.withoutEmptyWord();
  if (language.isEmpty) return false;
  const dfa = determinize(language, budget);
  const it = dfa.transitionIterator();
  const nodes = [...dfa.nodes()];
  const number = new Map<DFA.ReadonlyNode, number>(nodes.map((node, i) => [node, i]));
  const final = nodes.map((node) => it.isFinal(node));
  const out = nodes.map((node) => [...it.getOut(node)].map(([to, via]) => [number.get(to)!, via] as const));
  const start = number.get(dfa.initial)!;
  // The first suffixes: what follows a word of L within a longer one, read from its final states.
  let suffixes = nodes.map((_, i) => i).filter((i) => final[i]);
  const seen = new Set<string>();
  let steps = 0;
  while (suffixes.length > 0) {
    const key = suffixes.join(",");
    if (seen.has(key)) return false;
    seen.add(key);
    if (++steps > MAX_STEPS) throw new RangeError("too many sets of dangling suffixes to decide");
    const reached = new Set<number>();
    const queue: [number, number][] = [];
    const visit = (a: number, b: number) => {
      for (const [a2, via] of out[a]!) {
        for (const [b2, via2] of out[b]!) {
          const pair = a2 * nodes.length + b2;
          if (via.isDisjointWith(via2) || reached.has(pair)) continue;
          if (++budget.pairs > MAX_PAIRS) throw new BudgetExceeded("too many pairs of states to decide");
          reached.add(pair);
          queue.push([a2, b2]);
        }
      }
    };
    for (const s of suffixes) visit(s, start);
    const next = new Set<number>();
    while (queue.length > 0) {
      const [a, b] = queue.pop()!;
      if (final[a] && final[b]) return true;
      if (final[b]) next.add(a);
      if (final[a]) next.add(b);
      visit(a, b);
    }
    suffixes = [...next].sort((x, y) => x - y);
  }
  return false;
}

/**
 * The nonempty words v with x and xv both in the language (x any word of it): the language read on
 * from wherever a word of it ends. Worked out on the deterministic automaton, whose state after x is
 * every state any reading of x reaches: a new start with the out-edges of every final state.
 */
function restAfterWord(nfa: NFA, budget: Budget): NFA {
  const dfa = determinize(nfa, budget);
  const it = dfa.transitionIterator();
  const start = Symbol("start");
  type State = DFA.ReadonlyNode | typeof start;
  const fromStart = new Map<DFA.ReadonlyNode, CharSet>();
  for (const node of dfa.nodes()) {
    if (!it.isFinal(node)) continue;
    for (const [to, via] of it.getOut(node)) fromStart.set(to, fromStart.get(to)?.union(via) ?? via);
  }
  const iterator: TransitionIterator<State> = {
    initial: start,
    getOut: (state) => (state === start ? fromStart : it.getOut(state)),
    isFinal: (state) => state !== start && it.isFinal(state),
    stableOut: true,
  };
  return NFA.fromFA({ maxCharacter: nfa.maxCharacter, transitionIterator: () => iterator }, new NFA.LimitedNodeFactory(MAX_NODES));
}

/**
 * Whether X·Y splits some word in two ways (x·y = x'·y' with x ≠ x'): a nonempty v that a word of X
 * can be extended by within X, and that a word of Y can lose at its start within Y. (a|ab)(c|bc) reads
 * "abc" as a·bc and as ab·c; under a repeat, a run of such words has exponentially many readings.
 */
function concatenationIsAmbiguous(x: NFA, y: NFA, factory: NFA.LimitedNodeFactory, budget: Budget): boolean {
  const extendsX = restAfterWord(x, budget);
  const reversedY = y.copy(factory);
  reversedY.reverse();
  const startsY = restAfterWord(reversedY, budget);
  startsY.reverse();
  return !extendsX.isEmpty && !startsY.isEmpty && !isDisjointWith(extendsX, startsY, MAX_NODES);
}

export interface AmbiguousAlternation {
  readonly quantifier: AST.Quantifier;
  readonly first: AST.Alternative;
  readonly second: AST.Alternative;
  /** No two alternatives overlap, but two sequences of them spell the same text (a·a and aa). */
  readonly split: boolean;
  /** A sequence that reads a word in two ways: where its second part starts. */
  readonly at?: AST.Element;
}

/**
 * A part read a bounded number of times that reads some text in several ways: a counted repeat, a
 * group read once, or two parts side by side that can trade characters (then `from` is the first).
 */
export interface BoundedAmbiguity {
  readonly node: AST.Element;
  readonly from?: AST.Element;
  /** The readings of one turn: how many alternatives of the group read one text, or 2. */
  readonly ways: number;
  /** How many turns it takes at most: a counted repeat's count times those of the repeats around it; 1 for a part read once. */
  readonly turns: number;
}

/** A counted repeat's most turns, with the counts of the counted repeats around it. */
function turnsOf(q: AST.Quantifier): number {
  let n = q.max;
  for (let p: AST.Node | null = q.parent; p && p.type !== "Pattern"; p = p.parent as AST.Node | null) if (p.type === "Quantifier" && p.max !== Infinity) n *= p.max;
  return n;
}

/** Whether a backreference inside the node, or a copy standing for one, names a group that is not inside it. */
function refersOutside(node: AST.Node): boolean {
  let outside = false;
  const check = (groups: readonly AST.CapturingGroup[]) => {
    for (const g of groups) if (!(node.start <= g.start && g.end <= node.end)) outside = true;
  };
  visitRegExpAST(node as never, {
    onBackreferenceEnter: (ref) => check(Array.isArray(ref.resolved) ? ref.resolved : [ref.resolved]),
    onGroupEnter: (group) => check(groupsCopiedBy(group) ?? []),
  });
  return outside;
}

/**
 * The groups and sequences a repeated group holds, itself included: not inside a lookaround (read as
 * matching nothing here) nor inside an unbounded repeat (checked as a repeat of its own).
 */
function partsOf(group: AST.Group | AST.CapturingGroup): { groups: (AST.Group | AST.CapturingGroup)[]; sequences: AST.Alternative[] } {
  const groups: (AST.Group | AST.CapturingGroup)[] = [];
  const sequences: AST.Alternative[] = [];
  const walk = (node: AST.Node): void => {
    if (node.type === "Group" || node.type === "CapturingGroup") {
      groups.push(node);
      for (const alt of node.alternatives) {
        sequences.push(alt);
        for (const e of alt.elements) walk(e);
      }
    } else if (node.type === "Quantifier" && node.max !== Infinity) walk(node.element);
  };
  walk(group);
  return { groups, sequences };
}

/**
 * Two alternatives of the group that match the same text, if any. Each alternative is checked against
 * the union of those before it: linear in their number, however many there are; only an overlap found
 * looks for the one it overlaps.
 */
function overlappingAlternatives(g: AST.Group | AST.CapturingGroup, automaton: NonNullable<ReturnType<typeof automataOf>>): [AST.Alternative, AST.Alternative] | undefined {
  if (g.alternatives.length < 2) return undefined;
  const automata = g.alternatives.map((alt) => automaton(alt));
  const factory = new NFA.LimitedNodeFactory(MAX_NODES);
  const before = automata[0]!.copy(factory);
  for (let i = 1; i < automata.length; i++) {
    const b = automata[i]!;
    if (!b.isEmpty && !before.isEmpty && !isDisjointWith(before, b, MAX_NODES)) {
      const j = automata.findIndex((a, k) => k < i && !a.isEmpty && !isDisjointWith(a, b, MAX_NODES));
      return [g.alternatives[j]!, g.alternatives[i]!];
    }
    before.union(b, factory);
  }
  return undefined;
}

/**
 * How many alternatives of the group can read one text, at most (counted around each, up to 32
 * alternatives; past that, all of them): each multiplies the readings, not 2 (twenty overlapping
 * classes in four groups try 160,000 readings per start and were counted as 16, pass AB).
 */
function overlapWays(g: AST.Group | AST.CapturingGroup, automaton: NonNullable<ReturnType<typeof automataOf>>): number {
  if (g.alternatives.length > 32) return g.alternatives.length;
  const automata = g.alternatives.map((alt) => automaton(alt));
  let most = 1;
  for (let i = 0; i < automata.length; i++) {
    let n = 1;
    for (let j = 0; j < automata.length; j++) if (j !== i && !automata[i]!.isEmpty && !automata[j]!.isEmpty && !isDisjointWith(automata[i]!, automata[j]!, MAX_NODES)) n++;
    most = Math.max(most, n);
  }
  return most;
}

/** How many parts on each side of a border the check for a trade there reads. */
const BORDER_WINDOW = 3;

/** Whether an element only tests a position ((?:), \b, a lookaround): it lies between its neighbours, not in their way. */
const zeroWidth = (e: AST.Element): boolean => fixedLength(e) === 0;

/**
 * Where a turn of the repeated group can read some text in two ways: a sequence in it that divides a
 * text two ways, a word of the group that is also a sequence of its words, or two alternatives of a
 * group in it that match the same text. Each doubles the readings of every turn; a part deep inside
 * counts as much as the group's own alternatives ((?:\.(?:[0-9]+|[0-9a-f]+))+ took 3 s on 66 bytes, pass T).
 */
function firstAmbiguity(group: AST.Group | AST.CapturingGroup, automaton: NonNullable<ReturnType<typeof automataOf>>, budget: Budget): (Omit<AmbiguousAlternation, "quantifier"> & { group?: AST.Group | AST.CapturingGroup }) | undefined {
  const { groups, sequences } = partsOf(group);
  for (const alt of sequences) {
    for (let i = 1; i < alt.elements.length; i++) {
      // A part of one length on either side cannot give up or take characters at the border.
      if (sequenceHasFixedLength(alt.elements.slice(0, i)) || sequenceHasFixedLength(alt.elements.slice(i))) continue;
      const factory = new NFA.LimitedNodeFactory(MAX_NODES);
      const x = automaton(alt.elements[0]!, factory);
      for (const e of alt.elements.slice(1, i)) x.append(automaton(e, factory), factory);
      const y = automaton(alt.elements[i]!, factory);
      for (const e of alt.elements.slice(i + 1)) y.append(automaton(e, factory), factory);
      if (concatenationIsAmbiguous(x, y, factory, budget)) return { first: alt, second: alt, split: false, at: alt.elements[i]! };
    }
  }
  // One alternative is enough: (?:aa?)+ reads a run of a as a and aa in exponentially many ways (pass S).
  if (splitsAmbiguously(group.alternatives.map((alt) => automaton(alt)), budget)) return { first: group.alternatives[0]!, second: group.alternatives[1] ?? group.alternatives[0]!, split: true };
  for (const g of groups) {
    const pair = overlappingAlternatives(g, automaton);
    if (pair) return { first: pair[0], second: pair[1], split: false, group: g };
  }
  return undefined;
}

/** Whether a repeat of more than one turn holds the node: its turns are checked with that repeat. */
function insideRepeat(node: AST.Node): boolean {
  for (let p: AST.Node | null = node.parent; p && p.type !== "Pattern"; p = p.parent as AST.Node | null) if (p.type === "Quantifier" && p.max > 1) return true;
  return false;
}

/**
 * Each unbounded repeat of a group that a turn can read in two ways, as in ^(a|a)*$, (x|xy?)+ or
 * (?:-(?:a|a))+, which scslre does not report: exponentially many ways to split a run. And the parts
 * read a bounded number of times that read some text two ways, whose readings multiply along a
 * branch: counted repeats, and groups read once ("(?:\d|[0-9])" sixteen times in a row tried 2^16
 * readings at each start, 2.9 s on 50 KB, pass AA).
 */
export function findAmbiguousAlternations(pattern: AST.Pattern, flags: AST.Flags): { found: AmbiguousAlternation[]; bounded: BoundedAmbiguity[]; undecided: boolean } {
  const found: AmbiguousAlternation[] = [];
  const bounded: BoundedAmbiguity[] = [];
  let undecided = false;
  const automaton = automataOf(pattern, flags);
  if (!automaton) return { found, bounded, undecided: true };
  const budget: Budget = { states: 0, pairs: 0 };
  const once = (group: AST.Group | AST.CapturingGroup) => {
    // A copy standing for a backreference matches one text, the group's; a group under a repeat is checked with it.
    if (group.alternatives.length < 2 || groupsCopiedBy(group) || insideRepeat(group)) return;
    try {
      if (overlappingAlternatives(group, automaton)) bounded.push({ node: group, ways: overlapWays(group, automaton), turns: 1 });
    } catch {
      // too large to decide: a part read once adds at most one doubling
    }
  };
  // Parts side by side, not under a repeat, that can trade characters at a border: (?:a|ab)(?:c|bc)
  // reads abc two ways, and sixteen in a row took 2.4 s on 1 KB; so did sixteen (\d?) and sixteen
  // (?:aa|aaa) (pass AB). Each border is checked with up to BORDER_WINDOW parts on either side, so a
  // trade across a part of one length, (?:a|ab).(?:c|bc), or across three parts,
  // (?:a|ab)(?:c|bcd)d?, is seen (3.2 s on 105 bytes and 1.5 s on 93, pass AC). A side of one length
  // never trades; zero-width parts lie between.
  const sideBySide = (alt: AST.Alternative) => {
    if (insideRepeat(alt)) return;
    const parts = alt.elements.filter((e) => !zeroWidth(e));
    for (let i = 1; i < parts.length; i++) {
      const before = parts.slice(Math.max(0, i - BORDER_WINDOW), i);
      const after = parts.slice(i, i + BORDER_WINDOW);
      if (sequenceHasFixedLength(before) || sequenceHasFixedLength(after)) continue;
      try {
        const factory = new NFA.LimitedNodeFactory(MAX_NODES);
        const x = automaton(before[0]!, factory);
        for (const e of before.slice(1)) x.append(automaton(e, factory), factory);
        const y = automaton(after[0]!, factory);
        for (const e of after.slice(1)) y.append(automaton(e, factory), factory);
        if (concatenationIsAmbiguous(x, y, factory, budget)) bounded.push({ node: parts[i]!, from: parts[i - 1]!, ways: 2, turns: 1 });
      } catch (e) {
        // too large to decide: one border adds at most one doubling; the whole pattern's budget spent is undecided
        if (e instanceof BudgetExceeded) undecided = true;
      }
    }
  };
  visitRegExpAST(pattern, {
    onAlternativeEnter: sideBySide,
    onGroupEnter: once,
    onCapturingGroupEnter: once,
    onQuantifierEnter(q) {
      if (q.max <= 1) return;
      const group = q.element;
      if (group.type !== "Group" && group.type !== "CapturingGroup") return;
      // A repeated backreference matches the text its group took, once per turn: one way for each count.
      if (groupsCopiedBy(group)) return;
      // A backreference to a group outside the repeat matches one fixed text in every turn, which its
      // copy (any text of the group) overstates, and which matching nothing understated: ([0-9])(?:\1|[0-9])*
      // looked unambiguous and took 18 s on 29 digits (pass Q). Such an unbounded repeat is undecided,
      // an error unless something else is found. A counted one is read with the copy: it only adds to
      // a product of readings, and skipping it hid (\d)(?:\1|\d){9}(?:\1|\d){7}x (2^16 readings per
      // start, over 5 s on 5 KB, pass AA). A reference to a group inside the repeat is read as its copy.
      const counted = q.max !== Infinity;
      if (!counted && refersOutside(group)) {
        undecided = true;
        return;
      }
      try {
        const ambiguity = firstAmbiguity(group, automaton, budget);
        if (ambiguity && counted) bounded.push({ node: q, ways: ambiguity.group ? overlapWays(ambiguity.group, automaton) : 2, turns: turnsOf(q) });
        else if (ambiguity) found.push({ quantifier: q, first: ambiguity.first, second: ambiguity.second, split: ambiguity.split, ...(ambiguity.at ? { at: ambiguity.at } : {}) });
      } catch (e) {
        // too large to decide: reported as undecided (the built index runs its regexes in-thread)
        if (!counted || e instanceof BudgetExceeded) undecided = true;
      }
    },
  });
  return { found, bounded, undecided };
}
