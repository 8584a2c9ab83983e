// The one ranking of lookup candidates, shared by `kb lookup`, the library and the self-resolution
// check: deterministic and explainable, most specific match first. Zero dependencies.

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

/** A candidate placed on its line: where a match of `length` characters starts and how much of the line it covers. */
export function rankedOn(c: MatchCandidate, line: number, lineLength: number): RankedMatch {
  const length = Math.max(1, lineLength);
  const coverage = Math.max(0, Math.min(1, c.length / length));
  const why = `matches ${c.length} of ${length} characters of line ${line} (${Math.round(coverage * 100)}%), pattern has ${c.literalChars} literal characters`;
  return { ...c, line, coverage, why };
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
  return ranked.sort(compareRanked);
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

/** Code-unit comparison: locale-independent, so order never depends on the machine's locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order rankMatches sorts by, for keeping only the best of many candidates without sorting them all. */
export function compareRanked(a: Pick<RankedMatch, "line" | "coverage" | "literalChars" | "fixRate" | "id">, b: Pick<RankedMatch, "line" | "coverage" | "literalChars" | "fixRate" | "id">): number {
  return a.line - b.line || b.coverage - a.coverage || b.literalChars - a.literalChars || b.fixRate - a.fixRate || compareText(a.id, b.id);
}
