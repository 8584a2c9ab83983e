// Static ReDoS analysis of one pattern, without running it: super-linear backtracking found by scslre
// (exponential or polynomial) and ambiguous alternations under a repeat found exactly with refa's
// automata (intersection of the alternatives' languages). That includes an unbounded repeat the
// search can enter at every position of a run ([0-9]+/… or [a-z]*Error on a long line of digits or
// letters): each start runs it to the run's end, quadratic in the line (a 64 KiB line takes seconds). A bounded repeat with a large maximum
// ({1,80}, or {1,10} inside another {1,10}) backtracks like an unbounded one on the lengths real log
// lines have, so it is analysed as one. A pattern the analysis gives up on is a finding too: the
// built index runs lint-clean regexes in-thread, so "not shown to be linear" cannot pass.
import { RegExpParser, visitRegExpAST, type AST } from "@eslint-community/regexpp";
import { analyse, type Report } from "scslre";
import { DFA, isDisjointWith, JS, NFA, type CharSet, type TransitionIterator } from "refa";
import { JS_FLAGS } from "./pattern.ts";

/** Repeats allowing more than this many iterations are analysed as unbounded. */
export const LARGE_REPEAT = 10;
/** For the every-position analysis: a bounded repeat costs up to its bound at each start, at most 256 × 64 KiB steps a line below this. */
export const MOVE_BOUND = 256;
const MAX_NODES = 10_000;

export interface BacktrackingFinding {
  /** Index in the pattern of the quantifier to blame. */
  readonly index: number;
  readonly exponential: boolean;
  readonly message: string;
  readonly hint: string;
}

const parser = new RegExpParser({ ecmaVersion: 2024 });
const flags = parser.parseFlags(JS_FLAGS);

/** Every finding, ordered by position; an empty list for patterns that do not parse. */
export function findBacktracking(source: string): BacktrackingFinding[] {
  let ast: AST.Pattern;
  let moves: Report[] = [];
  /** An analysis that gave up: nothing shows the pattern is safe, and the built index runs it in-thread. */
  let undecided = false;
  try {
    // A private tree: large bounded repeats are widened in it, and nothing else sees it.
    ast = parser.parsePattern(source, 0, source.length, { unicode: true });
  } catch {
    return [];
  }
  try {
    // Moves: a bounded repeat entered at every start costs its bound per position, linear in the line
    // while the bound is small; one over MOVE_BOUND ([0-9]{1,60000}: 16 s on a 64 KiB line) is read
    // as unbounded. A lookahead scans as far as its content would consume ((?=([a-z]+))\1 runs
    // [a-z]+ to the end of the run from every start), so in this tree lookaheads are read as groups.
    const scanned = parser.parsePattern(source, 0, source.length, { unicode: true });
    readLookaheadsAsGroups(scanned);
    widenRepeatsOver(scanned, MOVE_BOUND);
    moves = analyse({ pattern: scanned, flags }, { reportTypes: { Move: true, Self: false, Trade: false }, maxReports: 5 }).reports;
  } catch {
    undecided = true;
  }
  const sideBySide = widenLargeRepeats(ast);
  /** Runs of repeats side by side already reported: one finding per run, not one per pair in it. */
  const reportedRuns = new Set<[number, number]>();
  const findings: BacktrackingFinding[] = [];
  const blamed = new Set<number>();
  const spans: [number, number][] = [];
  let reports: Report[] = [];
  try {
    reports = analyse({ pattern: ast, flags }, { reportTypes: { Move: false }, maxReports: 5 }).reports;
  } catch {
    undecided = true;
  }
  const seen = new Set<string>();
  for (const r of reports) {
    const [a, b] = r.type === "Trade" ? [r.startQuant, r.endQuant] : r.type === "Self" ? [r.quant, r.parentQuant] : [r.quant, r.quant];
    const key = `${a.start}:${b.start}:${r.exponential}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const run = r.type === "Trade" ? sideBySide.find(([start, end]) => a.start >= start && b.end <= end) : undefined;
    if (run && reportedRuns.has(run)) continue;
    if (run) reportedRuns.add(run);
    blamed.add(a.start).add(b.start);
    spans.push([a.start, a.end], [b.start, b.end]);
    const where = r.type === "Self" ? `${a.raw} nested inside ${b.raw}` : r.type === "Trade" ? `${a.raw} and ${b.raw}` : a.raw;
    findings.push({
      index: a.start,
      exponential: r.exponential,
      message: `${r.exponential ? "exponential" : "polynomial"} backtracking: ${where} can match the same text (a run of ${JSON.stringify(r.character.pick)}) in many ways (column ${a.start + 1} of the pattern)`,
      hint: fixHint(r, source),
    });
  }
  const ambiguous = findAmbiguousAlternations(ast);
  if (ambiguous.undecided) undecided = true;
  for (const a of ambiguous.found) {
    if (blamed.has(a.quantifier.start)) continue;
    blamed.add(a.quantifier.start);
    spans.push([a.quantifier.start, a.quantifier.end]);
    findings.push({
      index: a.quantifier.start,
      exponential: true,
      message: a.at
        ? `exponential backtracking: in ${a.quantifier.raw} the text can be divided between ${a.first.raw.slice(0, a.at.start - a.first.start)} and ${a.first.raw.slice(a.at.start - a.first.start)} in two ways, so a repeated run is read in exponentially many ways (column ${a.quantifier.start + 1} of the pattern)`
        : a.split
          ? `exponential backtracking: in ${a.quantifier.raw} one alternative matches what a sequence of the others matches, so a repeated run is split between repetitions in exponentially many ways (column ${a.quantifier.start + 1} of the pattern)`
          : `exponential backtracking: in ${a.quantifier.raw} the alternatives ${a.first.raw} and ${a.second.raw} can match the same text, so a repeated run is split in exponentially many ways (column ${a.quantifier.start + 1} of the pattern)`,
      hint: a.at
        ? "make the parts unable to trade characters at their border, e.g. (?:ab|a)c → (?:abc|ac)"
        : a.split
          ? "repeat a single unambiguous piece, e.g. (?:a)+ instead of (?:a|aa)+"
          : "make the alternatives mutually exclusive, or merge them into one",
    });
  }
  for (const r of moves) {
    // A quantifier already blamed, or one around or inside it, needs no second finding.
    if (r.type !== "Move" || spans.some(([a, b]) => r.quant.start < b && a < r.quant.end)) continue;
    spans.push([r.quant.start, r.quant.end]);
    findings.push({
      index: r.quant.start,
      exponential: false,
      message: `polynomial backtracking: the search can enter ${r.quant.raw} at every position of a run of ${JSON.stringify(r.character.pick)}, and each start runs it to the end of the run (column ${r.quant.start + 1} of the pattern)`,
      hint: `let it start only where a run starts: put a literal before it, or a lookbehind that excludes its characters, e.g. (?<![0-9])[0-9]+`,
    });
  }
  if (undecided && findings.length === 0) {
    findings.push({
      index: 0,
      exponential: false,
      message: "too complex to analyse for backtracking (the analysis gave up), so nothing shows that a lookup runs it in time linear in the line",
      hint: "simplify it: fewer or shorter alternatives under a repeat, smaller bounded repeats, or split it into a shorter regex",
    });
  }
  return findings.sort((x, y) => x.index - y.index);
}

/** Each lookahead of the tree replaced, in place, by a group of the same alternatives (raw text and positions kept). */
function readLookaheadsAsGroups(ast: AST.Pattern): void {
  visitRegExpAST(ast, {
    onAssertionLeave(node) {
      if (node.kind !== "lookahead" || node.parent.type !== "Alternative") return;
      const parent = node.parent;
      const group = { type: "Group", parent, start: node.start, end: node.end, raw: node.raw, alternatives: node.alternatives } as unknown as AST.Group;
      for (const alt of node.alternatives) (alt as { parent: unknown }).parent = group;
      parent.elements[parent.elements.indexOf(node)] = group;
    },
  });
}

/**
 * Sets a repeat's bound to unbounded, in place (raw text and positions stay), where it allows more than
 * LARGE_REPEAT iterations in all: its own maximum times those of the repeats around it, so a{1,10}
 * inside (?:…){1,10} may run 100 times. A repeat around such a one is widened too: (?:a{1,10}){1,10}
 * splits a run of a in 10^10 ways, as (?:a+)+ does.
 */
function widenLargeRepeats(ast: AST.Pattern): [number, number][] {
  const runs = widenAdjacentRepeats(ast, widen);
  widenRepeatsOver(ast, LARGE_REPEAT);
  return runs;
}

const widen = (q: AST.Quantifier) => ((q as { max: number }).max = Infinity);

/** Widens every repeat allowing more than `limit` iterations in all (its maximum times those around it), and those around it. */
function widenRepeatsOver(ast: AST.Pattern, limit: number): void {
  const enclosing: { q: AST.Quantifier; product: number; widenedInside: boolean }[] = [];
  visitRegExpAST(ast, {
    onQuantifierEnter(q) {
      const product = (enclosing.at(-1)?.product ?? 1) * q.max;
      enclosing.push({ q, product, widenedInside: false });
    },
    onQuantifierLeave(q) {
      const self = enclosing.pop()!;
      const wide = q.max > limit || (q.max > 1 && (self.product > limit || self.widenedInside));
      if (wide) widen(q);
      const parent = enclosing.at(-1);
      if (parent && (wide || self.widenedInside)) parent.widenedInside = true;
    },
  });
}

/**
 * Repeats side by side split a run between them in as many ways as the product of their ranges:
 * eight [a-z]{0,10} in a row try 11^8 splits of a run of letters before failing. Where that product
 * passes LARGE_REPEAT³ (a thousand tries per start), the repeats of the run are widened, and scslre then reports those that can
 * match the same text (a Trade); disjoint ones ([a-z]{0,10}[0-9]{0,10}) stay unreported.
 */
function widenAdjacentRepeats(ast: AST.Pattern, widen: (q: AST.Quantifier) => void): [number, number][] {
  const widened: [number, number][] = [];
  visitRegExpAST(ast, {
    onAlternativeEnter(alt) {
      let run: AST.Quantifier[] = [];
      let ways = 1;
      const close = () => {
        if (ways > LARGE_REPEAT ** 3) {
          for (const q of run) if (q.max > 1) widen(q);
          widened.push([run[0]!.start, run.at(-1)!.end]);
        }
        run = [];
        ways = 1;
      };
      for (const element of alt.elements) {
        if (element.type !== "Quantifier") {
          close();
          continue;
        }
        run.push(element);
        ways *= Math.min(element.max - element.min + 1, 1e6);
      }
      close();
    },
  });
  return widened;
}

function fixHint(r: Report, pattern: string): string {
  if (r.exponential) return "make the quantified parts unable to match the same characters, e.g. [^:]* instead of .* before a ':'";
  try {
    const fixed = r.fix();
    if (fixed && fixed.source !== pattern && !/\{[0-9]+,\}/.test(fixed.source)) return `an equivalent safe pattern: ${fixed.source}`;
  } catch {
    // no fix offered
  }
  return "make the quantified parts unable to match the same characters, e.g. [^:]* instead of .* before a ':'";
}

/**
 * Whether some word of the alternatives' language L is also a concatenation of two or more words of L
 * (a and aa, or a, b and ab): then a run can be split between iterations in exponentially many ways,
 * although every pair of alternatives is disjoint.
 */
function splitsAmbiguously(automata: readonly NFA[]): boolean {
  const factory = new NFA.LimitedNodeFactory(MAX_NODES);
  const language = automata[0]!.copy(factory);
  for (const a of automata.slice(1)) language.union(a, factory);
  language.withoutEmptyWord();
  if (language.isEmpty) return false;
  const repeated = language.copy(factory);
  repeated.quantify(2, Infinity, factory);
  return !isDisjointWith(language, repeated, MAX_NODES);
}

/**
 * The nonempty words v with x and xv both in the language (x any word of it): the language read on
 * from wherever a word of it ends. Worked out on the deterministic automaton, whose state after x is
 * every state any reading of x reaches: a new start with the out-edges of every final state.
 */
function restAfterWord(nfa: NFA): NFA {
  const dfa = DFA.fromFA(nfa, new DFA.LimitedNodeFactory(MAX_NODES));
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
function concatenationIsAmbiguous(x: NFA, y: NFA, factory: NFA.LimitedNodeFactory): boolean {
  const extendsX = restAfterWord(x);
  const reversedY = y.copy(factory);
  reversedY.reverse();
  const startsY = restAfterWord(reversedY);
  startsY.reverse();
  return !extendsX.isEmpty && !startsY.isEmpty && !isDisjointWith(extendsX, startsY, MAX_NODES);
}

interface AmbiguousAlternation {
  readonly quantifier: AST.Quantifier;
  readonly first: AST.Alternative;
  readonly second: AST.Alternative;
  /** No two alternatives overlap, but one is a concatenation of others (a and aa). */
  readonly split: boolean;
  /** A sequence that reads a word in two ways: where its second part starts. */
  readonly at?: AST.Element;
}

/**
 * A repeated group whose alternatives can match the same text, as in ^(a|a)*$ or (x|xy?)+, which
 * scslre does not report: exponentially many ways to split a run.
 */
function findAmbiguousAlternations(pattern: AST.Pattern): { found: AmbiguousAlternation[]; undecided: boolean } {
  const found: AmbiguousAlternation[] = [];
  let undecided = false;
  let jsParser: JS.Parser;
  try {
    jsParser = JS.Parser.fromAst({ pattern, flags });
  } catch {
    return { found, undecided: true };
  }
  const automaton = (node: AST.Node, factory: NFA.LimitedNodeFactory) => {
    const { expression, maxCharacter } = jsParser.parseElement(node as never, { backreferences: "disable", assertions: "ignore" } as never);
    return NFA.fromRegex(expression, { maxCharacter }, { assertions: "ignore" }, factory);
  };
  visitRegExpAST(pattern, {
    onQuantifierEnter(q) {
      if (q.max !== Infinity) return;
      const group = q.element;
      if (group.type !== "Group" && group.type !== "CapturingGroup") return;
      // A sequence under the repeat that reads some word in two ways: each split point of each alternative.
      try {
        for (const alt of group.alternatives) {
          for (let i = 1; i < alt.elements.length; i++) {
            const factory = new NFA.LimitedNodeFactory(MAX_NODES);
            const x = automaton(alt.elements[0]!, factory);
            for (const e of alt.elements.slice(1, i)) x.append(automaton(e, factory), factory);
            const y = automaton(alt.elements[i]!, factory);
            for (const e of alt.elements.slice(i + 1)) y.append(automaton(e, factory), factory);
            if (concatenationIsAmbiguous(x, y, factory)) {
              found.push({ quantifier: q, first: alt, second: alt, split: false, at: alt.elements[i]! });
              return;
            }
          }
        }
      } catch {
        undecided = true;
        return;
      }
      if (group.alternatives.length < 2) return;
      try {
        const automata = group.alternatives.map((alt) => {
          const { expression, maxCharacter } = jsParser.parseElement(alt, { backreferences: "disable", assertions: "ignore" } as never);
          return NFA.fromRegex(expression, { maxCharacter }, { assertions: "ignore" }, new NFA.LimitedNodeFactory(MAX_NODES));
        });
        if (splitsAmbiguously(automata)) {
          found.push({ quantifier: q, first: group.alternatives[0]!, second: group.alternatives[1]!, split: true });
          return;
        }
        // Each alternative against the union of those before it: linear in their number, however many
        // there are; only an overlap found looks for the one it overlaps.
        const factory = new NFA.LimitedNodeFactory(MAX_NODES);
        const before = automata[0]!.copy(factory);
        for (let i = 1; i < automata.length; i++) {
          const b = automata[i]!;
          if (!b.isEmpty && !before.isEmpty && !isDisjointWith(before, b, MAX_NODES)) {
            const j = automata.findIndex((a, k) => k < i && !a.isEmpty && !isDisjointWith(a, b, MAX_NODES));
            found.push({ quantifier: q, first: group.alternatives[j]!, second: group.alternatives[i]!, split: false });
            return;
          }
          before.union(b, factory);
        }
      } catch {
        // too large to decide: reported as undecided (the built index runs its regexes in-thread)
        undecided = true;
      }
    },
  });
  return { found, undecided };
}
