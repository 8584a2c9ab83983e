// Entry texts are prose with `code spans`, as contributors write them in Markdown. This is the one
// reading of that syntax, CommonMark's: a run of N backticks opens a span that the next run of exactly
// N closes (so `` expected `i32` `` holds backticks), one space is stripped from each side when both are
// there, and a run that nothing closes is literal text. Views render with it; kb/code-spans lints it.

export type ProsePart = { readonly kind: "text" | "code"; readonly value: string; readonly offset: number };

/** The text split into text and code parts, with each part's offset in the original. */
export function splitCodeSpans(value: string): ProsePart[] {
  const parts: ProsePart[] = [];
  let textStart = 0;
  let i = 0;
  while (i < value.length) {
    if (value[i] !== "`") {
      i++;
      continue;
    }
    const open = runLength(value, i);
    const close = findClosingRun(value, i + open, open);
    if (close === -1) {
      i += open; // nothing closes it: the backticks are literal
      continue;
    }
    if (i > textStart) parts.push({ kind: "text", value: value.slice(textStart, i), offset: textStart });
    parts.push({ kind: "code", value: spanContent(value.slice(i + open, close)), offset: i });
    i = close + open;
    textStart = i;
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
  let i = 0;
  while (i < value.length) {
    if (value[i] !== "`") {
      i++;
      continue;
    }
    const open = runLength(value, i);
    const close = findClosingRun(value, i + open, open);
    if (close === -1) {
      problems.push({ kind: "unclosed", offset: i, run: open });
      i += open;
      continue;
    }
    const raw = value.slice(i + open, close);
    const leading = /^[ \n]/u.test(raw);
    const trailing = /[ \n]$/u.test(raw);
    if (open === 1 && leading !== trailing && raw.trim() !== "") problems.push({ kind: "edge-space", offset: i, content: raw });
    i = close + open;
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
