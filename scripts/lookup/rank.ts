// The one ranking of lookup candidates, shared by `kb lookup`, the library's lookup() and the
// self-resolution check: deterministic and explainable, most specific match first.
import { compareText } from "../core/diagnostic.ts";

export interface MatchCandidate {
  readonly id: string;
  readonly index: number;
  readonly length: number;
  /** Literal characters in the pattern: more means a more specific pattern. */
  readonly literalChars: number;
  readonly fixRate: number;
}

export interface RankedMatch extends MatchCandidate {
  /** 1-based line of the text where the match starts. */
  readonly line: number;
  /** Share of that line the match covers, 0 to 1. */
  readonly coverage: number;
  /** Why it ranks where it does, for people. */
  readonly why: string;
}

/** Ranks by earliest line, then coverage of that line, then pattern literals, then fix rate, then id. */
export function rankMatches(text: string, candidates: readonly MatchCandidate[]): RankedMatch[] {
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const ranked = candidates.map((c) => {
    const lineIndex = lastLE(lineStarts, c.index);
    const start = lineStarts[lineIndex]!;
    const next = lineStarts[lineIndex + 1];
    let end = next === undefined ? text.length : next - 1;
    if (text.charCodeAt(end - 1) === 13) end--;
    const lineLength = Math.max(1, end - start);
    const covered = Math.min(c.length, end - c.index);
    const coverage = Math.max(0, Math.min(1, covered / lineLength));
    const line = lineIndex + 1;
    const why = `matches ${c.length} of ${lineLength} characters of line ${line} (${Math.round(coverage * 100)}%), pattern has ${c.literalChars} literal characters`;
    return { ...c, line, coverage, why };
  });
  return ranked.sort(
    (a, b) =>
      a.line - b.line || b.coverage - a.coverage || b.literalChars - a.literalChars || b.fixRate - a.fixRate || compareText(a.id, b.id),
  );
}

function lastLE(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
