// Makes text safe to print to a terminal or a CI log: every control character (C0, DEL, C1, ESC) and
// every bidirectional override or isolate is shown as a visible escape (\u001b, \u202e), so entry
// text, keys and file names can never move the cursor, clear the screen, write the clipboard (OSC 52),
// open a link (OSC 8) or reorder what a reader sees. The Unicode line and paragraph separators (which
// some log viewers break lines at) and the characters that show as nothing (zero-width space, soft
// hyphen, word joiner, U+FEFF…: they make two different names look alike) are shown the same way, and
// so are the characters that would make a line a GitHub workflow command (below). Machine output
// (JSON, SARIF) keeps every value exact: it writes the same characters as JSON escapes (jsonText).
import { CONTROL_OR_HIDDEN } from "../model/hidden-characters.ts";

const UNSAFE = new RegExp(`[${CONTROL_OR_HIDDEN}]`, "gu");

/**
 * What a GitHub Actions runner reads as a workflow command in a log line: `::` where the line starts
 * (after white space: the runner trims it) and the legacy `##[` anywhere (`##[error]`,
 * `##[stop-commands]`). Text that may begin a printed line, or hold one, gets one character of each
 * shown escaped, so entry text in kb's output can never add an annotation or stop commands.
 */
const COMMAND_START = /^(\s*)::/gmu;
const LEGACY_COMMAND = /##\[/gu;

/** Controls, bidi and invisible characters shown escaped, and nothing else: for annotations, whose own escaping keeps every line one command. */
export function showControls(text: string): string {
  // Each UTF-16 unit escaped: a character beyond U+FFFF (a tag character) becomes a pair of \u escapes, which JSON reads back as the same character.
  return text.replace(UNSAFE, (c) => [...Array(c.length).keys()].map((i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`).join(""));
}

export function terminalSafe(text: string): string {
  return showControls(text)
    .replace(LEGACY_COMMAND, "#\\u0023[")
    .replace(COMMAND_START, (_, space: string) => `${space}\\u003a:`);
}

/** One line: also line breaks and tabs become visible, so a message cannot forge a report line. */
export function terminalSafeLine(text: string): string {
  return terminalSafe(text).replace(/\r\n?|\n/g, "\\n").replace(/\t/g, "\\t");
}

/**
 * JSON for stdout, exactly the same value: the characters above, which JSON.stringify leaves raw (DEL,
 * C1, bidi, invisible), and the `#` of a `##[`, written as \u escapes. (No line of pretty-printed JSON
 * starts with `::`: line breaks inside strings are escaped.)
 */
export function jsonText(value: unknown): string {
  return terminalSafe(JSON.stringify(value, null, 2));
}
