// Entry texts are prose with `code spans`, as contributors write them in Markdown. This is the one
// reading of that syntax, CommonMark's: a run of N backticks opens a span that the next run of exactly
// N closes (so `` expected `i32` `` holds backticks), one space is stripped from each side when both are
// there, and a run that nothing closes is literal text. Views render with it; kb/code-spans lints it.

export type ProsePart = { readonly kind: "text" | "code"; readonly value: string; readonly offset: number };

/** Each backtick run in reading order: where it opens, how long it is, and where its closing run is (-1: none). */
function* backtickRuns(value: string): Generator<{ readonly offset: number; readonly run: number; readonly close: number }> {
  let i = value.indexOf("`");
  while (i !== -1) {
    const run = runLength(value, i);
    const close = findClosingRun(value, i + run, run);
    yield { offset: i, run, close };
    // A closed span resumes after its closing run; an unclosed run is literal and scanning goes on after it.
    i = value.indexOf("`", close === -1 ? i + run : close + run);
  }
}

/** The text split into text and code parts, with each part's offset in the original. */
export function splitCodeSpans(value: string): ProsePart[] {
  const parts: ProsePart[] = [];
  let textStart = 0;
  for (const { offset, run, close } of backtickRuns(value)) {
    if (close === -1) continue;
    if (offset > textStart) parts.push({ kind: "text", value: value.slice(textStart, offset), offset: textStart });
    parts.push({ kind: "code", value: spanContent(value.slice(offset + run, close)), offset });
    textStart = close + run;
  }
  if (textStart < value.length) parts.push({ kind: "text", value: value.slice(textStart), offset: textStart });
  return parts;
}

export type CodeSpanProblem =
  | { readonly kind: "unclosed"; readonly offset: number; readonly run: number }
  | { readonly kind: "edge-space"; readonly offset: number; readonly content: string };

/**
 * Backticks that probably do not render as the author meant: a run nothing closes (shown as literal
 * backticks), and a single-backtick span with a space on one edge only, the sign of backticks nested in
 * single ones (`expected `i32`` closes after "expected "). Longer runs are deliberate and left alone.
 */
export function codeSpanProblems(value: string): CodeSpanProblem[] {
  const problems: CodeSpanProblem[] = [];
  for (const { offset, run, close } of backtickRuns(value)) {
    if (close === -1) {
      problems.push({ kind: "unclosed", offset, run });
      continue;
    }
    const raw = value.slice(offset + run, close);
    const leading = /^[ \n]/u.test(raw);
    const trailing = /[ \n]$/u.test(raw);
    if (run === 1 && leading !== trailing && raw.trim() !== "") problems.push({ kind: "edge-space", offset, content: raw });
  }
  return problems;
}

function runLength(value: string, at: number): number {
  let end = at;
  while (value[end] === "`") end++;
  return end - at;
}

function findClosingRun(value: string, from: number, length: number): number {
  let i = value.indexOf("`", from);
  while (i !== -1) {
    const run = runLength(value, i);
    if (run === length) return i;
    i = value.indexOf("`", i + run);
  }
  return -1;
}

function spanContent(raw: string): string {
  const content = raw.replace(/\n/gu, " ");
  return content.length >= 2 && content.startsWith(" ") && content.endsWith(" ") && content.trim() !== "" ? content.slice(1, -1) : content;
}
