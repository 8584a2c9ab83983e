// The own texts an entry's regex misses, and whether one cause explains them all: an unescaped (, [,
// ? or anchor where the texts have that character. Shared by kb/regex-matches-signature (which reports
// a shared cause once, at the pattern's character) and kb/regex-examples (which then stays quiet
// about the same misses), so one mistake gives one diagnostic.
import { describePointer } from "../model/pointer.ts";
import { likelyCause, type LikelyCause } from "../regex/explain.ts";
import { isPositive, type OwnText, type RegexFacts } from "./facts.ts";

export interface Misses {
  /** Own positive texts (signature, aliases, match examples) JavaScript does not match. */
  readonly texts: readonly OwnText[];
  /** A cause at one place in the pattern, when the regex stops at the same kind of character in the first miss. */
  readonly cause: LikelyCause | undefined;
  /** What the regex does match of the first missed text, when it gets anywhere. */
  readonly progress: string | undefined;
}

export function missesOf(facts: RegexFacts): Misses {
  const texts = facts.js.ok ? facts.texts.filter((t) => isPositive(t.role) && t.js.kind === "no-match") : [];
  const first = texts[0];
  const partial = facts.partial;
  if (!first || !partial || partial.pointer !== first.pointer || !facts.parsed.ok) return { texts, cause: undefined, progress: undefined };
  const cause = likelyCause(facts.parsed.ast, partial.match, first.text);
  return { texts, cause, progress: partial.match.textEnd > 0 ? first.text.slice(0, partial.match.textEnd) : undefined };
}

/** "signature "…"": a text as messages quote it. */
export function quoteText(t: Pick<OwnText, "pointer" | "text">): string {
  return `${describePointer(t.pointer)} ${JSON.stringify(truncate(t.text))}`;
}

export function truncate(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Where matching stops, for a message: `it matches "Cannot find module " and stops there`. */
export function progressNote(progress: string | undefined): string {
  if (progress === undefined) return "no part of it matches";
  const shown = progress.length > 50 ? `…${progress.slice(-49)}` : progress;
  return `it matches up to ${JSON.stringify(shown)} (${progress.length} characters) and stops there`;
}
