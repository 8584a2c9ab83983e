// A repeat a match can begin with is entered at every turn of a run of its turns: on "/a/a/a…x"
// (?:[\\/][\w.-]+)+:\d+ starts at each "/", runs to the end of the run and fails at ":", which is
// quadratic in the run (13.8 s on a 100 KB line, pass T). scslre finds this for runs of one
// character ([0-9]+/ on a line of digits); turns of any length are found here. Only the pattern's own
// start counts: after a literal, the search enters the repeat only where the literal is (the known
// limit of a literal before .* is that literal repeated inside the run).
import type { AST } from "@eslint-community/regexpp";
import { CharSet, type NFA } from "refa";
import { automataOf, charactersOf, firstCharactersOf, lastCharactersOf, lineCharacters, wordCharacters } from "./automata.ts";
import { maximumLength } from "./fixed-length.ts";
import { lookaroundBetween, MOVE_BOUND, quantifiersIn, writtenMax } from "./redos-tree.ts";
import { canFail, canFailAfter, nullable } from "./tail.ts";
import { tailMatchesInEveryTurn } from "./turn-cover.ts";

type Automaton = NonNullable<ReturnType<typeof automataOf>>;

/**
 * Whether a repeat bounded as written (widened in the starts tree) whose turns are bounded too reads at
 * most READ_PER_START characters from a start, wherever starts are: the kubernetes regex's
 * [^\n]{0,500} after (?<![0-9])[0-9]+/[0-9]+ nodes are available: (11 ms on 100 KB). Its count alone
 * was trusted, with starts a segment apart: turns of any length, and a segment that matches inside the
 * run, passed ((?<!\d)(?:\d\.){50}(?:\d\.){1,20000}x took 4.9 s on 100 KB, pass AF).
 */
const bounded = (q: AST.Quantifier): boolean => writtenMax(q) * maximumLength(q.element) <= READ_PER_START;

/** Whether the parts hold a literal: two or more characters in a row, not one character repeated (==). */
function holdsLiteral(parts: readonly AST.Element[]): boolean {
  let run: string[] = [];
  const literalRun = () => run.length >= 2 && new Set(run).size > 1;
  const visit = (elements: readonly AST.Element[]): boolean => {
    for (const e of elements) {
      if (e.type === "Character") {
        // As the i flag compares them: ſ is s, and sſ is one character repeated (pass AI).
        run.push(String.fromCodePoint(e.value).toUpperCase().toLowerCase());
        if (literalRun()) return true;
        continue;
      }
      run = [];
      if ((e.type === "Group" || e.type === "CapturingGroup") && e.alternatives.length === 1 && visit(e.alternatives[0]!.elements)) return true;
      run = [];
    }
    return false;
  };
  return visit(parts);
}

/**
 * Most parts the scan compares before it gives up (the caller counts that as undecided): each guarded
 * start reads the rest of the pattern, and 180 optional parts after \b took 7.4 s (pass AH).
 */
const MOST_WORK = 200_000;

/** Thrown past MOST_WORK. */
class TooMuchWork extends Error {}

/** Most characters a bounded repeat may read from each start, at every position of a line: 4 × MOVE_BOUND ((?<!\d)\d\.(?:\d\.){1,500}x, 1,000 per start, took 142 ms on 64 KiB of "1."). */
const READ_PER_START = 4 * MOVE_BOUND;

/** Where a lookbehind lets a match start: after characters it excludes (negate) or only after those it allows. */
interface Guard {
  readonly chars: CharSet;
  readonly negate: boolean;
}

/** Where a match may start at a point of the pattern: after \b (a word's start), after a lookbehind's guard. */
interface Start {
  readonly wordStart: boolean;
  readonly guard?: Guard | undefined;
}

/**
 * The start state after a group some of whose alternatives let the match pass: guarded only as all of
 * them guard it. Two negative guards allow a start after what either allows (not after what both
 * exclude); two positive ones after what either allows; any other mix guards nothing.
 */
function mergeStarts(states: readonly Start[]): Start {
  let guard = states[0]!.guard;
  for (const s of states.slice(1)) {
    if (!guard || !s.guard || guard.negate !== s.guard.negate) guard = undefined;
    else guard = { chars: guard.negate ? guard.chars.intersect(s.guard.chars) : guard.chars.union(s.guard.chars), negate: guard.negate };
  }
  return { wordStart: states.every((s) => s.wordStart), guard };
}

/**
 * What a lookbehind lets a match start after, as a set of characters: a negative one of single
 * characters excludes them ((?<!\d|x)); a positive one allows only what each alternative ends with
 * ((?<=\s|\.), (?<=at ), and ^ for the line's start). "none" for any other lookbehind (several
 * characters excluded, an alternative that can be empty): it guards nothing (read as guarding every
 * start, (?<=\s|\.)(?:\w+\.)+\( passed and took 9.6 s on 100 KB, pass AD).
 */
function lookbehindGuard(e: AST.LookbehindAssertion, automaton: Automaton): Guard | "none" {
  try {
    let chars: CharSet | undefined;
    for (const alt of e.alternatives) {
      const only = alt.elements.length === 1 ? alt.elements[0]! : undefined;
      if (e.negate) {
        if (!only || !(only.type === "Character" || only.type === "CharacterClass" || only.type === "CharacterSet")) return "none";
        const c = charactersOf(automaton(only));
        chars = chars ? chars.union(c) : c;
      } else {
        if (only?.type === "Assertion" && only.kind === "start") continue;
        if (alt.elements.every(nullable)) return "none";
        const c = lastCharactersOf(automaton(alt));
        chars = chars ? chars.union(c) : c;
      }
    }
    return chars ? { chars, negate: e.negate } : "none";
  } catch {
    return "none";
  }
}

/**
 * Whether a match can start inside a run of the automaton's texts: at a point of the run reached by a
 * character the guard lets a start follow, and left by one a start can begin with (`first`). Every
 * point of the run counts, not only the ends of turns.
 */
function startsWithin(run: NFA, guard: Guard, first: CharSet): boolean {
  const allowed = guard.negate ? guard.chars.negate() : guard.chars;
  for (const node of run.nodes()) {
    let into = CharSet.empty(run.maxCharacter);
    for (const via of node.in.values()) into = into.union(via);
    if (into.isDisjointWith(allowed)) continue;
    for (const via of node.out.values()) if (!via.isDisjointWith(first)) return true;
  }
  return false;
}

/**
 * Whether a match can pass the element without consuming text anywhere in a line: nullable, and not
 * only by a start anchor or a lookbehind. (?:^|\s)([\w./-]+\.go): begins at the line's start or after
 * a blank, not at every position of a run (it was reported, and took 2 ms on 100 KB, pass W).
 */
function passable(e: AST.Element): boolean {
  switch (e.type) {
    case "Assertion":
      return e.kind !== "start" && e.kind !== "lookbehind";
    case "Quantifier":
      return e.min === 0 || passable(e.element);
    case "Group":
    case "CapturingGroup":
      return e.alternatives.some((a) => a.elements.every(passable));
    default:
      return nullable(e);
  }
}

/** Whether the element matches only word characters (the ones \b tells from the rest): \w, \d, [A-Za-z0-9_] and parts of them. */
function wordCharactersOnly(e: AST.Node): boolean {
  const word = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  switch (e.type) {
    case "CharacterSet":
      // \d too: \b(?:\d+|\d+\.\d+)\s*ms was reported twice (3 ms on 100 KB, pass AB).
      return (e.kind === "word" || e.kind === "digit") && !e.negate;
    case "Character":
      return word(e.value);
    case "CharacterClassRange":
      return (word(e.min.value) && word(e.max.value) && ((e.min.value >= 0x30 && e.max.value <= 0x39) || (e.min.value >= 0x41 && e.max.value <= 0x5a) || (e.min.value >= 0x61 && e.max.value <= 0x7a)));
    case "CharacterClass":
      return !e.negate && e.elements.every(wordCharactersOnly);
    default:
      return false;
  }
}

/**
 * The unbounded repeats a match of the pattern can begin with (nothing but optional parts before them)
 * that something after them can make fail. A start anchor or a lookbehind before them ends the search:
 * either can keep the match from starting inside a run.
 */
export function findLeadingRepeats(pattern: AST.Pattern, flags: AST.Flags): AST.Quantifier[] {
  const found: AST.Quantifier[] = [];
  /** Parts compared so far, against MOST_WORK. */
  let work = 0;
  const automaton = automataOf(pattern, flags);
  /** Whether no match can start inside a run of the repeat's turns, behind the guard. */
  const guardsRun = (q: AST.Quantifier, guard: Guard): boolean => {
    if (!automaton) return false;
    try {
      const run = automaton(q);
      return !startsWithin(run, guard, firstCharactersOf(run));
    } catch {
      return false;
    }
  };
  /** The characters a part's texts hold and begin with, worked out once per part (a segment is read again for each repeat after it). */
  const known = new Map<AST.Node, { all: CharSet; first: CharSet }>();
  const charactersIn = (e: AST.Node): { all: CharSet; first: CharSet } => {
    let found = known.get(e);
    if (!found) {
      const nfa = automaton!(e);
      found = { all: charactersOf(nfa), first: firstCharactersOf(nfa) };
      known.set(e, found);
    }
    return found;
  };
  /**
   * Whether the repeat takes every character a line holds and only the line's end may follow it: it
   * runs to that end and the match succeeds there (\b(\w+Exception)(?:: (.*))?$, 0.2 ms on 96 KB).
   */
  const endsTheLine = (q: AST.Quantifier): boolean => {
    try {
      if (q.max !== Infinity || !charactersIn(q.element).all.isSupersetOf(lineCharacters(flags))) return false;
    } catch {
      return false;
    }
    for (let n: AST.Node = q; n.parent && n.parent.type !== "Pattern"; n = n.parent) {
      const parent = n.parent as AST.Node;
      if (parent.type === "Quantifier" && parent.min > 1) return false;
      if (parent.type === "Alternative") {
        const after = parent.elements.slice(parent.elements.indexOf(n as AST.Element) + 1);
        if (!after.every((x) => x.type === "Assertion" && x.kind === "end")) return false;
      }
    }
    return true;
  };
  /** \b before word characters: a start only after a character that is not one. */
  const wordGuard = (): Guard => ({ chars: wordCharacters(automaton ? automaton(pattern).maxCharacter : 0x10ffff, flags), negate: true });
  /**
   * After a guarded start (\b\w+, (?<!\d)\d+, (?<![\w$])[a-z_$][\w$]*), the first unbounded repeat
   * inside whose run the guard lets a match start again: the match starts there and runs the repeat
   * to the end of the run. \b\w+(?:\.\w+)+\( took 9.8 s on 100 KB of "a.", (?<!\d)\d+(?:\.\d+)+-rc
   * 9.4 s (pass AC). The search goes on past optional parts and repeats that hold no start
   * (\b\w+(?:-\w+)?(?:/[\w-]+)+:\d+ took 24.6 s, the TypeError regex above 12.7 s, pass AE).
   */
  const startsAgainIn = (elements: readonly AST.Element[], from: number, tailCanFail: boolean, guard: Guard) => {
    if (!automaton) return;
    /** The parts of the pattern a start inside the run must match before the run: from the guarded start on. */
    const segment: AST.Element[] = [];
    /** Whether a guarded start can happen inside a run of the repeat's turns (true when that cannot be worked out). */
    const startsInside = (q: AST.Quantifier): boolean => {
      work += segment.length + 1;
      if (work > MOST_WORK) throw new TooMuchWork();
      try {
        const run = automaton(q);
        // A start inside the run begins with the segment's first characters, and each part the
        // segment needs must find a character of the run: \s* after \b\d+ holds no start
        // (\b(?:\d+|\d+\.\d+)\s*(?:ms|s)\b was reported once the repeat after a group was seen, pass AE).
        const needed = segment.findIndex((p) => !nullable(p));
        const first = [...(needed < 0 ? segment : segment.slice(0, needed + 1)).map((p) => charactersIn(p).first), ...(needed < 0 ? [firstCharactersOf(run)] : [])].reduce((x, y) => x.union(y));
        const inRun = charactersOf(run);
        return segment.every((p) => nullable(p) || !charactersIn(p).all.isDisjointWith(inRun)) && startsWithin(run, guard, first);
      } catch {
        return true;
      }
    };
    for (let j = from; j < elements.length; j++) {
      const e = elements[j]!;
      // Behind a literal, starts inside the run are at copies of it: the known limit of a literal
      // before .* (SECURITY.md), as it is without a guard. \bKeyError: '(.+)' (linear: each copy
      // brings the closing quote) and \bat (\S+) \((.+):(\d+):(\d+)\) were reported while
      // KeyError: '(.+)' and at (\S+) … were not (pass AH).
      if (j > from && holdsLiteral(segment)) return;
      if (j > from && e.type === "Quantifier" && e.max === Infinity && !bounded(e)) {
        if (startsInside(e)) {
          // A tail that matches inside one turn succeeds once the last turn is given back: the first
          // start of a run succeeds (\b\d+(?:\.\d+)+\b was reported, under 10 ms on 100 KB, pass AD).
          const tail = elements.slice(j + 1);
          const succeeds = !tailCanFail && tailMatchesInEveryTurn(tail, e, automaton, flags);
          if ((tailCanFail || tail.some(canFail)) && !succeeds) found.push(e);
          return;
        }
      } else if (j > from) {
        // A repeat inside a part (a group, a lookaround) runs to the end of the run from each start too,
        // if the match can still fail after it: \b\d(?![\d.]*;)\.x took 10 s on 100 KB (pass AG). Inside
        // a lookaround it runs whether or not the rest fails, and counts; \b(\w+Error): (.*) succeeds.
        // An optional part that nothing after it can make fail is skipped when it fails, and the first
        // start succeeds (\b\d(?:[\d.]*y)? was reported, pass AH).
        const skipped = nullable(e) && e.type !== "Assertion" && !tailCanFail && !elements.slice(j + 1).some(canFail);
        const inner = skipped ? undefined : quantifiersIn(e).find((q) => q !== e && q.max === Infinity && !bounded(q) && (lookaroundBetween(q) || (canFailAfter(q) && !endsTheLine(q))) && startsInside(q));
        if (inner) {
          found.push(inner);
          return;
        }
      }
      if (e.type !== "Assertion") segment.push(e);
    }
  };
  /** A part after \b that matches word characters only: a class, a counted repeat of one, a group of such parts (\b(\w+), \b[a-z]{2,30} passed, pass AD). */
  const wordOnly = (e: AST.Element): boolean => {
    if (e.type === "Character" || e.type === "CharacterClass" || e.type === "CharacterSet") return wordCharactersOnly(e);
    if (e.type === "Quantifier") return wordOnly(e.element);
    if (e.type === "Group" || e.type === "CapturingGroup") return e.alternatives.every((a) => a.elements.length > 0 && a.elements.every(wordOnly));
    return false;
  };
  /**
   * Walks a sequence from its start, in the given start state; the state after it, or undefined when
   * something that needs text was met (nothing after it leads). `after` is what follows the sequence
   * outside its group: a guard inside a group still guards the repeat after the group
   * ((?:(?<!\d)\d+)(?:\.\d+)+-rc passed, 21 s on 100 KB, pass AD).
   */
  const walk = (elements: readonly AST.Element[], tailCanFail: boolean, start: Start, after: readonly AST.Element[]): Start | undefined => {
    let { wordStart, guard } = start;
    const sequence = after.length > 0 ? [...elements, ...after] : elements;
    for (let i = 0; i < elements.length; i++) {
      const e = elements[i]!;
      const failsAfter = tailCanFail || sequence.slice(i + 1).some(canFail);
      if (e.type === "Assertion") {
        if (e.kind === "start") return undefined;
        // A lookaround at a guarded start runs from every start the guard lets through, whatever
        // follows it: where a run its repeat reads holds such starts, each reads on to the run's end.
        // \b(?=.*timeout)connection took 4.2 s on 100 KB of "a ", and the walk went past it (pass AN).
        const at = e.kind === "lookahead" || e.kind === "lookbehind" ? (guard ?? (wordStart ? wordGuard() : undefined)) : undefined;
        const far = at && automaton ? quantifiersIn(e).find((q) => q.max === Infinity && !bounded(q) && !guardsRun(q, at)) : undefined;
        if (far) {
          found.push(far);
          return undefined;
        }
        if (e.kind === "lookbehind") {
          // A lookbehind keeps the match from starting inside a run only if it excludes what a turn
          // ends with: (?<!\d)(?:\d+\.)+x starts after every "." (8.9 s on 100 KB, pass AC).
          const read = automaton ? lookbehindGuard(e, automaton) : "none";
          guard = read === "none" ? undefined : read;
          continue;
        }
        if (e.kind === "word" && !e.negate) wordStart = true;
        continue;
      }
      if (e.type === "Quantifier" && e.max === Infinity) {
        // After \b, a repeat of word characters starts only where a word does, and no run of its
        // turns holds another word start: \b(\w+Error): is linear (it was reported, pass X).
        // A lookbehind guards the repeat only if no start can follow a character inside a run of its
        // turns: (?<![\w/])(?:\.\.?/)+node_modules/ starts at the second "." of each "../" (6.2 s on
        // 100 KB, pass AE), though no turn ends with a ".".
        const byLookbehind = guard !== undefined && guardsRun(e, guard);
        const byWord = wordStart && wordCharactersOnly(e.element);
        if (byLookbehind || byWord) startsAgainIn(sequence, i, tailCanFail, byLookbehind ? guard! : wordGuard());
        else if (failsAfter) found.push(e);
      } else if (wordStart && !guard && wordOnly(e)) {
        startsAgainIn(sequence, i, tailCanFail, wordGuard());
      } else if (e.type === "Group" || e.type === "CapturingGroup") {
        // A match passes a group by one of its alternatives, in the state that alternative leaves:
        // (?:(?<!\d))\d+… is guarded as (?<!\d)\d+… is, and a group after a guard is entered
        // ((?<![\w/])((?:\.\.?/)+)node_modules took 4.95 s on 100 KB, pass AE).
        const rest = [...elements.slice(i + 1), ...after];
        const passed = e.alternatives.map((a) => walk(a.elements, tailCanFail, { wordStart, guard }, rest)).filter((s) => s !== undefined);
        if (passed.length === 0) return undefined;
        ({ wordStart, guard } = mergeStarts(passed));
        continue;
      } else if (guard) {
        // Anything else after a lookbehind ((\d+), \d{1,3}, (?:v|\d+)) starts where the lookbehind lets
        // it; the repeated group after it may start again at each turn (they passed, pass AD).
        startsAgainIn(sequence, i, tailCanFail, guard);
        return undefined;
      } else if (e.type === "Quantifier" && (e.element.type === "Group" || e.element.type === "CapturingGroup")) {
        // The rest of a turn, or the turns after it, follow what is found inside.
        const rest = [...elements.slice(i + 1), ...after];
        for (const alt of e.element.alternatives) walk(alt.elements, true, { wordStart: false }, rest);
      }
      // Past an optional part the guard still holds for what follows: the match may start there.
      if (!passable(e)) return undefined;
    }
    return { wordStart, guard };
  };
  for (const alt of pattern.alternatives) walk(alt.elements, false, { wordStart: false }, []);
  return found;
}
