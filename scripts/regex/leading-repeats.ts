// A repeat a match can begin with is entered at every turn of a run of its turns: on "/a/a/a…x"
// (?:[\\/][\w.-]+)+:\d+ starts at each "/", runs to the end of the run and fails at ":", which is
// quadratic in the run (13.8 s on a 100 KB line, pass T). scslre finds this for runs of one
// character ([0-9]+/ on a line of digits); turns of any length are found here. Only the pattern's own
// start counts: after a literal, the search enters the repeat only where the literal is (the known
// limit of a literal before .* is that literal repeated inside the run).
import type { AST } from "@eslint-community/regexpp";
import type { CharSet } from "refa";
import { automataOf, charactersOf, lastCharactersOf } from "./automata.ts";
import { canFail, nullable } from "./tail.ts";
import { tailMatchesInEveryTurn } from "./turn-cover.ts";

type Automaton = NonNullable<ReturnType<typeof automataOf>>;

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
  const automaton = automataOf(pattern, flags);
  /** The characters of the element's texts, or undefined when they cannot be worked out. */
  const chars = (e: AST.Node, last = false): CharSet | undefined => {
    if (!automaton) return undefined;
    try {
      const nfa = automaton(e);
      return last ? lastCharactersOf(nfa) : charactersOf(nfa);
    } catch {
      return undefined;
    }
  };
  /**
   * After a guarded leading repeat (\b\w+, (?<!\d)\d+), a repeated group whose turns hold a character
   * the guarded repeat does not take: the guard holds again after that character in every turn, so
   * the match starts at each turn and runs the group to the end of the run. \b\w+(?:\.\w+)+\( took
   * 9.8 s on 100 KB of "a.", (?<!\d)\d+(?:\.\d+)+-rc 9.4 s (pass AC).
   */
  const startsAgainIn = (elements: readonly AST.Element[], from: number, tailCanFail: boolean, wordStart: boolean, guard?: Guard) => {
    let own = chars(elements[from]!.type === "Quantifier" ? (elements[from] as AST.Quantifier).element : elements[from]!);
    for (let j = from + 1; j < elements.length && own; j++) {
      const e = elements[j]!;
      // After \b the guarded start may go on with more word characters: \b[a-z][\w$]*(?:\.[\w$]+)+\(.
      const word = e.type === "Quantifier" ? wordCharactersOnly(e.element) : wordCharactersOnly(e);
      if (e.type === "Quantifier" && e.max === Infinity && !(wordStart && word)) {
        const turn = chars(e.element);
        // After a lookbehind, a start inside the run follows one of the turn's characters: it happens
        // only if the lookbehind lets it ((?<![\w.])\d+(?:\.\d+)+ was reported, 4 ms on 100 KB, pass AD).
        const rearms = !turn || (guard ? (guard.negate ? !turn.isSubsetOf(guard.chars) : !turn.isDisjointWith(guard.chars)) : !turn.isSubsetOf(own));
        // …and a start needs a character the guarded part takes: a run of \s* after \b\d+ holds no
        // start (\b(?:\d+|\d+\.\d+)\s*(?:ms|s)\b, once the repeat after a group was seen, pass AE).
        const startsInside = rearms && (!turn || !turn.isDisjointWith(own));
        // A tail that matches inside one turn succeeds once the last turn is given back: the first start
        // of a run succeeds (\b\d+(?:\.\d+)+\b was reported, 10 ms on 100 KB, pass AD).
        const tail = elements.slice(j + 1);
        const succeeds = !tailCanFail && automaton !== undefined && tailMatchesInEveryTurn(tail, e.element, automaton, flags);
        if ((tailCanFail || tail.some(canFail)) && startsInside && !succeeds) found.push(e);
        return;
      }
      if (!(wordStart && word)) return;
      const more = chars(e.type === "Quantifier" ? e.element : e);
      own = more && own.union(more);
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
        const last = guard ? chars(e.element, true) : undefined;
        const byLookbehind = guard !== undefined && last !== undefined && (guard.negate ? last.isSubsetOf(guard.chars) : last.isDisjointWith(guard.chars));
        const byWord = wordStart && wordCharactersOnly(e.element);
        if (byLookbehind || byWord) startsAgainIn(sequence, i, tailCanFail, byWord, byLookbehind ? guard : undefined);
        else if (failsAfter) found.push(e);
      } else if (wordStart && !guard && wordOnly(e)) {
        startsAgainIn(sequence, i, tailCanFail, true);
      } else if (guard) {
        // Anything else after a lookbehind ((\d+), \d{1,3}, (?:v|\d+)) starts where the lookbehind lets
        // it; the repeated group after it may start again at each turn (they passed, pass AD).
        startsAgainIn(sequence, i, tailCanFail, false, guard);
        return undefined;
      } else if (e.type === "Group" || e.type === "CapturingGroup") {
        // A match passes a group by one of its alternatives, in the state that alternative leaves:
        // (?:(?<!\d))\d+… is guarded as (?<!\d)\d+… is.
        const rest = [...elements.slice(i + 1), ...after];
        const passed = e.alternatives.map((a) => walk(a.elements, tailCanFail, { wordStart, guard }, rest)).filter((s) => s !== undefined);
        if (passed.length === 0) return undefined;
        ({ wordStart, guard } = mergeStarts(passed));
        continue;
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
