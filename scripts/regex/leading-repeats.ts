// A repeat a match can begin with is entered at every turn of a run of its turns: on "/a/a/a…x"
// (?:[\\/][\w.-]+)+:\d+ starts at each "/", runs to the end of the run and fails at ":", which is
// quadratic in the run (13.8 s on a 100 KB line, pass T). scslre finds this for runs of one
// character ([0-9]+/ on a line of digits); turns of any length are found here. Only the pattern's own
// start counts: after a literal, the search enters the repeat only where the literal is (the known
// limit of a literal before .* is that literal repeated inside the run).
import type { AST } from "@eslint-community/regexpp";
import { canFail, nullable } from "./tail.ts";

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
export function findLeadingRepeats(pattern: AST.Pattern): AST.Quantifier[] {
  const found: AST.Quantifier[] = [];
  /** Walks a sequence from its start; false when something that needs text was met (nothing after it leads). */
  const walk = (elements: readonly AST.Element[], tailCanFail: boolean, atWordStart = false): boolean => {
    let wordStart = atWordStart;
    for (let i = 0; i < elements.length; i++) {
      const e = elements[i]!;
      const failsAfter = tailCanFail || elements.slice(i + 1).some(canFail);
      if (e.type === "Assertion") {
        if (e.kind === "start" || e.kind === "lookbehind") return false;
        if (e.kind === "word" && !e.negate) wordStart = true;
        continue;
      }
      if (e.type === "Quantifier" && e.max === Infinity) {
        // After \b, a repeat of word characters starts only where a word does, and no run of its
        // turns holds another word start: \b(\w+Error): is linear (it was reported, pass X).
        if (failsAfter && !(wordStart && wordCharactersOnly(e.element))) found.push(e);
      } else if (e.type === "Group" || e.type === "CapturingGroup" || (e.type === "Quantifier" && (e.element.type === "Group" || e.element.type === "CapturingGroup"))) {
        const group = (e.type === "Quantifier" ? e.element : e) as AST.Group | AST.CapturingGroup;
        // The rest of a group's turn, or the turns after it, follow what is found inside.
        for (const alt of group.alternatives) walk(alt.elements, failsAfter || e.type === "Quantifier", wordStart && e.type !== "Quantifier");
      }
      if (!passable(e)) return false;
    }
    return true;
  };
  for (const alt of pattern.alternatives) walk(alt.elements, false);
  return found;
}
