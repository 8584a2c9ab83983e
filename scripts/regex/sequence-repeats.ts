// Two long repeats one after the other, the first able to run past every copy of what separates them
// (X: .* in .* at line): from one start the search tries every end of the first at which the
// separator matches and, for each, every length of the second before what follows fails. That is
// quadratic per start and cubic on a line that repeats the start (one 30 KB line took 35 s). scslre
// reports neither repeat (they never trade characters directly), so this check does, with refa's
// character sets. The cost needs the separator inside both repeats' characters and something after
// the second that can fail; "Error: (.*) at line (\d+):" has neither problem. An alternative is read
// with its alternations and optional parts opened (X: (?:.* in )?[^;]*;), and a repeated group as
// its body twice in a row (X: (?:.* in )+;, exponential), since the chain may run through either.
import { type AST, visitRegExpAST } from "@eslint-community/regexpp";
import { CharSet } from "refa";
import { automataOf, charactersOf, firstCharactersOf, lastCharactersOf, lineCharacters, matchesWithin, sequenceAutomaton, wordCharacters } from "./automata.ts";
import { fixedLength, maximumLength } from "./fixed-length.ts";
import { LARGE_REPEAT, quantifiersIn } from "./redos-tree.ts";

export interface RepeatsInSequence {
  /** A long repeat, or a group or optional part holding one. */
  readonly first: AST.Element;
  readonly second: AST.Element;
  /** The text between them, as written. */
  readonly separator: string;
  /** The repeated group the chain runs through, from one turn to the next ((?: at .*)+). */
  readonly turns?: AST.Quantifier;
}

/** The elements of an alternative in order, with unrepeated one-alternative groups opened in place. */
function flatten(elements: readonly AST.Element[]): AST.Element[] {
  return elements.flatMap((e) => ((e.type === "Group" || e.type === "CapturingGroup") && e.alternatives.length === 1 ? flatten(e.alternatives[0]!.elements) : [e]));
}

const consumes = (e: AST.Element) => e.type !== "Assertion";
const isGroup = (e: AST.Node): e is AST.Group | AST.CapturingGroup => e.type === "Group" || e.type === "CapturingGroup";

/** Most repeats in a row a chain looks past for its next link. */
const MAX_SKIPPED = 32;
/** Most sequences one alternative is read as with its alternations and optional parts opened; past it they stay closed. */
const MAX_READINGS = 256;
/** A repeated group's alternatives read pairwise in a row only up to this many (else each after itself). */
const MAX_PAIRED_ALTERNATIVES = 8;

/** An alternation or an optional group holding a long repeat: the sequences it stands for, else undefined. */
function choicesOf(e: AST.Element): (readonly AST.Element[])[] | undefined {
  if (!quantifiersIn(e).some((q) => q.max > LARGE_REPEAT)) return undefined;
  if (isGroup(e) && e.alternatives.length > 1) return e.alternatives.map((a) => a.elements);
  if (e.type === "Quantifier" && e.min === 0 && e.max === 1 && isGroup(e.element)) return [[], ...e.element.alternatives.map((a) => a.elements)];
  return undefined;
}

/** Thrown when an alternative has more readings than MAX_READINGS: the check cannot decide it. */
class TooManyReadings extends Error {}

/**
 * The sequences an alternative can be read as, its alternations and optional parts opened in place.
 * Past MAX_READINGS it throws: leaving a part closed hid a chain behind six harmless optional groups
 * (pass O), so such a regex counts as undecided.
 */
function readings(elements: readonly AST.Element[]): AST.Element[][] {
  let out: AST.Element[][] = [[]];
  for (const e of flatten(elements)) {
    const choices = choicesOf(e);
    if (!choices) {
      out = out.map((before) => [...before, e]);
      continue;
    }
    const opened = choices.flatMap(readings);
    if (out.length * opened.length > MAX_READINGS) throw new TooManyReadings();
    out = out.flatMap((before) => opened.map((choice) => [...before, ...choice]));
  }
  return out;
}

/** The backreferences inside an element, itself included. */
function backreferencesIn(e: AST.Element): AST.Backreference[] {
  const found: AST.Backreference[] = [];
  visitRegExpAST(e as never, { onBackreferenceEnter: (b) => void found.push(b) });
  if (e.type === "Backreference" && !found.includes(e)) found.push(e);
  return found;
}

/**
 * How many lengths a repeat-like element can take, for the product along a chain: a quantifier's
 * range; a group, optional part or lookaround that holds a repeat of more than LARGE_REPEAT, unbounded;
 * anything else 1 (not a repeat).
 */
function ways(e: AST.Element): number {
  // A backreference matches what its group took, as long as that was: a repeat when the group holds one ((.*) value \1;, pass P).
  if (e.type === "Backreference") return Math.max(...(Array.isArray(e.resolved) ? e.resolved : [e.resolved]).map(ways));
  if (e.type === "Quantifier" && quantifiersIn(e.element).every((q) => q.max <= 1)) return e.max === Infinity ? Infinity : e.max - e.min + 1;
  if (e.type === "Quantifier" || e.type === "Group" || e.type === "CapturingGroup" || (e.type === "Assertion" && (e.kind === "lookahead" || e.kind === "lookbehind") && !e.negate))
    return quantifiersIn(e).some((q) => q.max > LARGE_REPEAT) || backreferencesIn(e).some((b) => ways(b) > 1) ? Infinity : 1;
  return 1;
}

/** Whether something that can fail follows the end of this alternative, in it or after the groups around it (a line's end there counts as able to fail). */
function followedOutside(alt: AST.Alternative): boolean {
  for (let node: AST.Node = alt; node.parent && node.parent.type !== "Pattern"; node = node.parent) {
    const parent = node.parent;
    // A repeated group can start again after its end.
    if (parent.type === "Quantifier" && parent.max > 1) return true;
    if (parent.type === "Alternative") {
      const rest = parent.elements.slice(parent.elements.indexOf(node as AST.Element) + 1);
      if (rest.length > 0) return true;
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
    } else if (node.type === "Quantifier" && node.element.type === "Backreference") {
      chars = charsOf(node.element);
    } else if (node.type === "Alternative" && node.elements.some((e) => backreferencesIn(e).length > 0)) {
      // Element by element, so that a backreference in it counts with its group's characters.
      chars = node.elements.map(charsOf).reduce((a, b) => a.union(b), CharSet.empty(automaton(node).maxCharacter));
    } else if (node.type === "Backreference") {
      // What its group consumed: a separator written as \1 hid the chain ((['"])(.*)\1 from \1(.*)\1;, pass O).
      chars = (Array.isArray(node.resolved) ? node.resolved : [node.resolved]).map(charsOf).reduce((a, b) => a.union(b));
    } else {
      chars = charactersOf(automaton(node));
    }
    known.set(node, chars);
    return chars;
  };
  /** Whether the element matches some text made only of the given characters (a backreference: its group's characters decide). */
  const textWithin = (e: AST.Element, chars: CharSet): boolean => {
    if (backreferencesIn(e).length > 0) return !charsOf(e).intersect(chars).isEmpty;
    return matchesWithin(automaton(e), chars);
  };
  /** Whether two repeats side by side can share out a text in more than one way: each can take a character the other begins or ends with. */
  const tradesAtBorder = (a: AST.Element, b: AST.Element): boolean => {
    if (backreferencesIn(a).length > 0 || backreferencesIn(b).length > 0 || a.type === "Assertion" || b.type === "Assertion") return true;
    const first = automaton(a);
    const second = automaton(b);
    return !firstCharactersOf(second).isDisjointWith(charsOf(a)) && !lastCharactersOf(first).isDisjointWith(charsOf(b));
  };
  /**
   * Whether the test can hold between two characters of a run of `shared` (a line's start or end, in
   * the middle of a line, cannot; \b only where the run mixes word and other characters; a lookahead
   * only if its text can begin with one of them, a lookbehind end with one; a negative one unless it
   * forbids each of them alone). Where unsure, it holds.
   */
  const holdsInside = (a: AST.Assertion, shared: CharSet): boolean => {
    if (a.kind === "start" || a.kind === "end") return false;
    if (a.kind === "word") {
      const word = wordCharacters(shared.maximum, flags);
      return a.negate || (!word.isSupersetOf(shared) && !shared.isDisjointWith(word));
    }
    if (a.kind !== "lookahead" && a.kind !== "lookbehind") return true;
    if (a.negate) return !a.alternatives.some((alt) => alt.elements.length === 1 && fixedLength(alt) === 1 && charsOf(alt).isSupersetOf(shared));
    return a.alternatives.some((alt) => {
      // A line's end ahead, or its start behind, only where the look reads nothing on the way to it:
      // (?=[^;]*$) holds wherever the rest of the line fits, and hid a cubic chain (pass AM).
      const edge = alt.elements.findIndex((e) => e.type === "Assertion" && e.kind === (a.kind === "lookahead" ? "end" : "start"));
      const away = alt.elements.findIndex((e) => e.type === "Assertion" && e.kind === (a.kind === "lookahead" ? "start" : "end"));
      if (away >= 0) return false;
      const onTheWay = edge < 0 ? [] : a.kind === "lookahead" ? alt.elements.slice(0, edge) : alt.elements.slice(edge + 1);
      if (edge >= 0 && onTheWay.every((e) => maximumLength(e) === 0)) return false;
      if (alt.elements.some((e) => backreferencesIn(e).length > 0)) return true;
      const nfa = sequenceAutomaton(automaton, alt.elements);
      if (!nfa || nfa.finals.has(nfa.initial)) return true;
      return !(a.kind === "lookahead" ? firstCharactersOf(nfa) : lastCharactersOf(nfa)).isDisjointWith(shared);
    });
  };
  /** Every character a line can hold (lookup reads one line at a time). */
  const inLine = lineCharacters(flags);
  /** Whether a repeat runs to the end of any line: nothing that follows it then makes the search back up. */
  const runsToLineEnd = (e: AST.Element | undefined) => e?.type === "Quantifier" && e.max === Infinity && charsOf(e).isSupersetOf(inLine);
  /**
   * Whether the element at `k` can fail where it stands: anything but a line's end right after a
   * repeat that runs to it (.*$; [^;]*$ fails wherever the repeat stops early, 18 s on 12 KB).
   */
  const canFail = (sequence: readonly AST.Element[], k: number) => {
    const e = sequence[k]!;
    // What can match nothing never fails: an optional part ('(.+)' from '(.+)'\.?, pass O).
    if (e.type === "Quantifier" && e.min === 0) return false;
    if (e.type !== "Assertion" || e.kind !== "end") return true;
    // Back past what can match nothing (.*\.?$: the optional part takes nothing once .* took the line, pass P).
    for (let b = k - 1; b >= 0; b--) {
      const before = sequence[b]!;
      if (!consumes(before)) continue;
      if (runsToLineEnd(before)) return false;
      if (!(before.type === "Quantifier" && before.min === 0)) return true;
    }
    return true;
  };

  /**
   * Two repeats whose failing tail is the end of their separator ('(.+)' from '(.+)'): the second can
   * always reach the tail inside a later copy of the separator, so a start fails only with at most a
   * copy or two after it, and the search is linear per start (Jest's and webpack's messages).
   */
  const tailInSeparator = (sequence: readonly AST.Element[], i: number, j: number, afterAlternative: boolean) => {
    const second = sequence[j]!;
    // Short of the next copy only by its least length: a second repeat of {1000,} needs copies that far apart.
    if (afterAlternative || second.type !== "Quantifier" || second.max !== Infinity || second.min > LARGE_REPEAT) return false;
    const single = (e: AST.Element) => e.type === "Character" || e.type === "CharacterSet" || e.type === "CharacterClass";
    const separator = sequence.slice(i + 1, j);
    const tail = sequence.slice(j + 1).filter((_, k) => canFail(sequence, j + 1 + k));
    if (tail.length === 0 || tail.length > separator.length || !separator.every(single) || !tail.every(single)) return false;
    if (sequence.slice(j + 1).some((e) => !consumes(e) && !(e.type === "Assertion" && e.kind === "end"))) return false;
    const end = separator.slice(separator.length - tail.length);
    // Compared by what they match, not as written: \x27 is '.
    if (!tail.every((e, k) => charsOf(e).equals(charsOf(end[k]!)))) return false;
    const reach = separator.reduce((all, e) => all.union(charsOf(e)), charsOf(sequence[i]!));
    return charsOf(second).isSupersetOf(reach);
  };

  const check = (sequence: readonly AST.Element[], afterAlternative: boolean, turns?: AST.Quantifier): boolean => {
    const repeats = sequence.flatMap((e, i) => (ways(e) > 1 ? [i] : []));
    if (repeats.length < 2) return false;
    const followed = (j: number) => afterAlternative || sequence[j]!.type === "Assertion" || sequence.slice(j + 1).some((_, k) => canFail(sequence, j + 1 + k));
    for (const [k, i] of repeats.entries()) {
      // A lookaround reads its content once per position and keeps one reading: it runs past nothing
      // into what follows (\b\d(?:\.(?=[\d.]*;)\d){1,300}x was called exponential for it, pass AG).
      if (sequence[i]!.type === "Assertion") continue;
      // An optional part of fixed text cannot run past copies of a separator: it only doubles the count
      // of a chain that starts later (at \(?(?:file://)?(/[^:()]+):(\d+) blamed (?:file://)?, pass W).
      if (sequence[i]!.type === "Quantifier" && (sequence[i] as AST.Quantifier).max <= 1 && ways(sequence[i]!) <= 2) continue;
      let product = ways(sequence[i]!);
      let previous = i;
      let skipped = 0;
      for (const j of repeats.slice(k + 1)) {
        const between = sequence.slice(previous + 1, j).filter(consumes);
        // Each part of the separator must be able to match a text both neighbours can also match, not
        // only a character: \w+(?:\.\w+)+(?:/\w+\.\w+)+:\d+ was reported as \w+ running past copies of
        // (?:\.\w+)+, which always holds a "." (2 ms on 100 KB, pass AE). Repeats side by side trade
        // characters only if each can take what the other starts or ends with: \d+(?:\.\d+)+ cannot.
        const shared = charsOf(sequence[previous]!).intersect(charsOf(sequence[j]!));
        // And each test in it must hold inside a run of those characters: \w+(?=,|$),? cannot run past
        // a , it needs before it, nor \w+\b past a word's end (both were called exponential, pass AL).
        // A lookaround as the next link too: [a-z]+ ran "into" (?==[^;]*;), which needs a = first (pass AL).
        const guards = sequence.slice(previous + 1, j + 1).filter((e): e is AST.Assertion => e.type === "Assertion");
        const fits = (between.length > 0 ? between.every((e) => textWithin(e, shared)) : tradesAtBorder(sequence[previous]!, sequence[j]!)) && guards.every((g) => holdsInside(g, shared));
        if (shared.isEmpty || !fits) {
          // A repeat that does not fit is part of the separator to a later one ((.*) ([a-z]+) (.*) x: 35 s
          // on 17.6 KB, pass P), for a few repeats.
          if (++skipped > MAX_SKIPPED) {
            // Looking further costs time with the square of the repeats; not looking hid a chain past
            // nine repeats (pass Q), so the regex counts as undecided.
            undecided = true;
            break;
          }
          continue;
        }
        const pair = previous === i;
        product *= ways(sequence[j]!);
        previous = j;
        // Side by side is scslre's, but it cannot see a backreference compare again what the repeat took
        // ((.*)(?=\1)…: pass R). A chain never starts at a lookaround (above): (?=([a-z]+))\1 is the atomic-group idiom.
        const recompared = backreferencesIn(sequence[j]!).length > 0;
        if (product > LARGE_REPEAT ** 3 && (between.length + (j - i) > 1 || recompared) && followed(j) && !(pair && tailInSeparator(sequence, i, j, afterAlternative))) {
          found.push({ first: sequence[i]!, second: sequence[j]!, separator: sequence.slice(i + 1, j).map((e) => e.raw).join(""), ...(turns ? { turns } : {}) });
          return true;
        }
      }
    }
    return false;
  };

  visitRegExpAST(pattern, {
    onAlternativeEnter(alt) {
      // An alternative opened into its parent's sequence is checked there too; the caller reports a repeat once.
      try {
        const afterAlternative = followedOutside(alt);
        const own = readings(alt.elements);
        if (own.some((sequence) => check(sequence, afterAlternative))) return;
        // A repeated group runs its body again right after itself: the chain can cross from one turn to the next.
        const group = alt.parent;
        if (isGroup(group) && group.parent.type === "Quantifier" && group.parent.max > 1) {
          const others = group.alternatives.length <= MAX_PAIRED_ALTERNATIVES ? group.alternatives : [alt];
          for (const other of others) {
            const next = readings(other.elements);
            for (const a of own.slice(0, 8)) for (const b of next.slice(0, 8)) if (check([...a, ...b], true, group.parent)) return;
          }
        }
      } catch {
        undecided = true;
      }
    },
  });
  return { found, undecided };
}
