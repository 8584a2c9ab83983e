// How specific a pattern is: the literal text every match must contain, counted per top-level
// alternative (any one alternative can match alone, so the weakest one counts), with words that occur
// in most error output ("error", "failed", "Traceback (most recent call last):") not counted.
// A regex below the threshold matches other errors' lines and sends lookup readers to the wrong fix.
import type { AST } from "@eslint-community/regexpp";
import { alternativeOptions } from "./literals.ts";

/**
 * Distinctive literal characters every match of every alternative must contain. 8 is about the
 * shortest stable text that names one error ("OOMKilled", "linker `…` not found" once "not found" is
 * discounted); below it a regex rests on a word or two that many errors print. An error code (letters
 * then three or more digits: TS2307, E0382, AADSTS700082) names one error by design and counts in full.
 */
export const MIN_DISTINCTIVE_CHARACTERS = 8;

/** A code made to identify one error: a short letter prefix and three or more digits, standing alone. */
const ERROR_CODE = /(?<![a-z0-9])[a-z]{1,8}[0-9]{3,}(?![a-z0-9])/;

/** Phrases so common in error output that they identify nothing, matched as whole words, case-insensitively. */
export const GENERIC_PHRASES: readonly string[] = [
  "traceback (most recent call last):",
  "exception",
  "errors",
  "error",
  "err!",
  "fatal",
  "failed",
  "failure",
  "warning",
  "violates",
  "denied",
  "invalid",
  "unable",
  "cannot",
  "not found",
  "unknown",
];

const GENERIC = new RegExp(`(?<![a-z0-9])(?:${GENERIC_PHRASES.map(escape).join("|")})(?![a-z0-9])`, "giu");

function escape(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}

/** Characters of a literal that identify something: generic phrases and white space removed; an error code counts in full. */
export function distinctiveLength(literal: string): number {
  const length = literal.replace(GENERIC, "").replace(/\s+/g, "").length;
  return ERROR_CODE.test(literal) ? Math.max(length, MIN_DISTINCTIVE_CHARACTERS) : length;
}

export interface Specificity {
  /** The weakest alternative's distinctive character count. */
  readonly characters: number;
  /** Index in the pattern of the weakest alternative. */
  readonly index: number;
  /** Its source text. */
  readonly alternative: string;
}

export function specificityOf(ast: AST.Pattern): Specificity {
  let weakest: Specificity | undefined;
  for (const alt of ast.alternatives) {
    let characters = 0;
    for (const set of alternativeOptions(alt)) characters += Math.min(...set.map(distinctiveLength));
    if (!weakest || characters < weakest.characters) weakest = { characters, index: alt.start, alternative: alt.raw };
  }
  return weakest ?? { characters: 0, index: 0, alternative: "" };
}
