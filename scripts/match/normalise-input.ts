// Turns pasted terminal output or a log into the lines lookup matches: ANSI/VT escape sequences
// removed (colour codes between tokens would otherwise break every regex), CRLF, progress-bar CRs and
// the Unicode line breaks (U+2028, U+2029, NEL) as line breaks, and two kinds of extra candidate
// lines for messages a tool split: a JSON-escaped message inside a log line (`\"`, `\n`) unescaped,
// and each line joined with the next (a message wrapped over two lines, a stack trace's first frame).
// Inside a line no character is left that JavaScript and Python read differently in a portable
// regex: `.` excludes \r, U+2028 and U+2029 in JavaScript only, `\s` takes U+001C-U+001F and NEL in
// Python only and U+FEFF in JavaScript only, and Python's IGNORECASE folds ı and İ onto i and I;
// breaks split, U+001C-U+001F become spaces, U+FEFF goes, ı and İ are read as i and I. Zero
// dependencies: the consumer package ships it (strip-ansi would do the first part, but the package
// installs nothing).

/**
 * ECMA-48 sequences: CSI (ESC [ or 0x9B … final byte), OSC/DCS/SOS/PM/APC strings up to BEL or ST
 * (ESC \ or 0x9C), and two-byte escapes (ESC followed by one byte in 0x20-0x7E).
 */
const ESCAPES = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u002f]*[\u0030-\u007e]/gu;

export function stripEscapes(text: string): string {
  return text.replace(ESCAPES, "");
}

export interface CandidateLine {
  /** What is matched. */
  readonly text: string;
  /** 0-based index of the physical line it starts on. */
  readonly line: number;
  /**
   * For a line joined with the next: where the next line starts in `text`. A match that starts there or
   * later is the next line's own, and is found (and placed) there instead.
   */
  readonly joinAt?: number;
}

export interface NormalisedInput {
  /** The physical lines, escapes removed. */
  readonly lines: readonly string[];
  /** Lines to match, in order: each line, then its unescaped and joined variants. */
  readonly candidates: readonly CandidateLine[];
}

/** Longest line matched; a longer one is cut (a minified bundle or a base64 blob is not a message). */
export const MAX_LINE = 64 * 1024;

/**
 * Most lines one lookup takes: memory grows with the number of lines (each becomes one or more
 * candidates, ~250 bytes each), so 64 MiB of one-character lines exhausted V8's heap. A million lines
 * take ~0.5 GB.
 */
export const MAX_LINES = 1_000_000;

/** Most lines a JSON-escaped message in one log line is split into (a stack trace fits). */
export const MAX_ESCAPED_PARTS = 64;

/**
 * Most such lines in one lookup: a log of a million lines of 21 escaped breaks each made 22 million
 * candidates (2.5 GB). Past it, escaped messages are no longer split (their lines are still matched).
 */
export const MAX_ESCAPED_TOTAL = 250_000;

/** Line breaks: CRLF, LF, CR, and the Unicode ones (NEL, U+2028, U+2029). */
const LINE_BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/;
/**
 * Inside a line: the separators U+001C-U+001F (spaces to Python's \s, not to JavaScript's), U+FEFF
 * (the reverse), and the Turkish dotless ı and dotted İ, which Python's IGNORECASE matches with any
 * i or I of a pattern ([a-z] included) and JavaScript's "iu" does not: they are read as i and I.
 */
const ENGINES_DIFFER = /[\u001c-\u001f\u0130\u0131\ufeff]/g;
const READ_AS: Readonly<Record<string, string>> = { "\ufeff": "", "\u0130": "I", "\u0131": "i" };

/** Whether the text has more than MAX_LINES lines (counted as normaliseInput splits them). */
export function hasTooManyLines(text: string): boolean {
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 0x85 || c === 0x2028 || c === 0x2029 || (c === 13 && text.charCodeAt(i + 1) !== 10)) if (++lines > MAX_LINES) return true;
  }
  return false;
}

/** A line as both engines read it alike: cut to MAX_LINE, separators as spaces, no U+FEFF, ı and İ as i and I. */
function readableLine(l: string): string {
  const cut = l.length > MAX_LINE ? l.slice(0, MAX_LINE) : l;
  return cut.replace(ENGINES_DIFFER, (c) => READ_AS[c] ?? " ");
}

export function normaliseInput(text: string): NormalisedInput {
  if (hasTooManyLines(text)) throw new RangeError(`the text has more than ${MAX_LINES.toLocaleString("en-US")} lines; look up the relevant part of the log`);
  const lines = stripEscapes(text).split(LINE_BREAK).map(readableLine);
  const candidates: CandidateLine[] = [];
  let escapedLeft = MAX_ESCAPED_TOTAL;
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    candidates.push({ text: line, line: i });
    if (escapedLeft > 0 && /\\["nrt]/.test(line)) {
      // A message's own lines, not a blob's: a line of 20,000 escaped breaks would make 20,000 candidates.
      let parts = 0;
      for (const part of unescapeJson(line).split(LINE_BREAK)) {
        if (part.trim() === "" || part === line) continue;
        if (++parts > MAX_ESCAPED_PARTS || escapedLeft-- <= 0) break;
        candidates.push({ text: readableLine(part), line: i });
      }
    }
    const next = lines[i + 1];
    if (next !== undefined && next.trim() !== "") {
      const head = `${line.trimEnd()} `;
      candidates.push({ text: `${head}${next.trim()}`, line: i, joinAt: head.length });
    }
  });
  return { lines, candidates };
}

function unescapeJson(line: string): string {
  return line.replace(/\\(["\\/bfnrt])/g, (_, c: string) => ({ b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" })[c] ?? c);
}
