// How specific a pattern is: the literal text every match must contain, counted per top-level
// alternative (any one alternative can match alone, so the weakest one counts), with words that occur
// in most error output ("error", "failed", "Traceback (most recent call last):") not counted.
// A regex below the threshold matches other errors' lines and sends lookup readers to the wrong fix.
import type { AST } from "@eslint-community/regexpp";
import { alternativeOptions } from "./literals.ts";

/**
 * Distinctive literal characters every match of every alternative must contain. 10 is about the
 * shortest stable phrase that names one error ("EADDRINUSE", "No module named", "ERESOLVE unable");
 * a single word such as "error" (5) or "violates" (8) occurs in the output of many errors.
 */
export const MIN_DISTINCTIVE_CHARACTERS = 10;

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

/** Characters of a literal that identify something: generic phrases and white space removed. */
export function distinctiveLength(literal: string): number {
  return literal.replace(GENERIC, "").replace(/\s+/g, "").length;
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
