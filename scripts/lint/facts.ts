// What the regex rules know about one entry's regex, found once per lint: whether it compiles in
// both engines, what it matches among the entry's own texts in both engines, how specific it is, and,
// when it misses one of its own texts, how far it gets into it (to name the likely unescaped
// character). Preparing is pure; running goes through the injected RegexRunner, which bounds time.
import type { Entry } from "../model/entry.ts";
import type { Limits } from "../model/limits.ts";
import type { MatchJob, MatchOutcome } from "../match/guarded-runner.ts";
import { prefixPattern, type PartialMatch } from "../regex/explain.ts";
import { literalChoices, type LiteralChoices } from "../regex/literals.ts";
import { compileJs, countLiteralCharacters, JS_FLAGS, parsePattern, type ParsedPattern } from "../regex/pattern.ts";
import type { PythonCompile, PythonProbeResult } from "../regex/python-probe.ts";
import type { AnalysisOutcome } from "../regex/analysis-runner.ts";
import { specificityOf, type Specificity } from "../regex/specificity.ts";
import type { RegexBudget, RegexRunner } from "./regex-runner.ts";

export type TextRole = "signature" | "alias" | "match" | "no_match";

export interface OwnText {
  readonly role: TextRole;
  readonly pointer: string;
  readonly text: string;
  readonly js: MatchOutcome;
  /** Python's verdict; undefined when Python did not run. */
  readonly py: MatchOutcome | undefined;
}

export type PythonFacts =
  | { readonly status: "checked"; readonly compile: PythonCompile }
  | { readonly status: "unavailable"; readonly reason: string }
  | { readonly status: "not-run" };

export interface RegexFacts {
  readonly source: string;
  readonly tooLong: boolean;
  readonly parsed: ParsedPattern;
  readonly js: { readonly ok: true } | { readonly ok: false; readonly message: string };
  readonly python: PythonFacts;
  readonly texts: readonly OwnText[];
  /** Literal characters every match must contain (ranking). */
  readonly literalChars: number;
  /** Literals to find collision candidates by; undefined when any text could be a candidate. */
  readonly choices: LiteralChoices | undefined;
  readonly specificity: Specificity | undefined;
  readonly matchesEmpty: boolean;
  /** For the first own positive text the regex misses: how far the regex gets into it. */
  readonly partial: { readonly pointer: string; readonly match: PartialMatch } | undefined;
  /** Super-linear backtracking found statically (regex/redos.ts), under a deadline; no findings when the pattern does not parse. */
  readonly backtracking: AnalysisOutcome;
}

export const isPositive = (role: TextRole): boolean => role !== "no_match";

/** The texts an entry's regex is tested on, with their pointers: the signature, aliases and examples. */
export function ownTextsOf(entry: Partial<Entry>): { role: TextRole; pointer: string; text: string }[] {
  return [
    ...(entry.signature === undefined ? [] : [{ role: "signature" as const, pointer: "/signature", text: entry.signature }]),
    ...(entry.aliases ?? []).map((text, i) => ({ role: "alias" as const, pointer: `/aliases/${i}`, text })),
    ...(entry.examples?.match ?? []).map((text, i) => ({ role: "match" as const, pointer: `/examples/match/${i}`, text })),
    ...(entry.examples?.no_match ?? []).map((text, i) => ({ role: "no_match" as const, pointer: `/examples/no_match/${i}`, text })),
  ];
}

/** What a regex is, found without running it on any text. */
export interface PreparedRegex {
  readonly source: string;
  readonly tooLong: boolean;
  readonly parsed: ParsedPattern;
  readonly js: RegexFacts["js"];
  readonly texts: readonly { role: TextRole; pointer: string; text: string }[];
  readonly literalChars: number;
  readonly choices: LiteralChoices | undefined;
  readonly specificity: Specificity | undefined;
}

export function prepareRegex(entry: Partial<Entry> & Pick<Entry, "regex">, limits: Pick<Limits, "maxRegexLength">): PreparedRegex {
  const source = entry.regex;
  const tooLong = source.length > limits.maxRegexLength;
  const parsed: ParsedPattern = tooLong ? { ok: false, index: 0, message: "too long to analyse" } : parsePattern(source);
  const compiled = tooLong ? ({ ok: false, message: "too long" } as const) : compileJs(source);
  const js = compiled.ok ? ({ ok: true } as const) : { ok: false as const, message: compiled.message };
  const analysable = compiled.ok && parsed.ok;
  return {
    source,
    tooLong,
    parsed,
    js,
    texts: ownTextsOf(entry),
    literalChars: parsed.ok ? countLiteralCharacters(parsed.ast) : 0,
    choices: analysable ? literalChoices(parsed.ast) : undefined,
    specificity: analysable ? specificityOf(parsed.ast) : undefined,
  };
}

/**
 * Runs a batch of prepared regexes on their own texts: JavaScript through the guarded runner,
 * Python in one batched probe; then, for each regex that misses one of its own positive texts, its
 * prefixes on that text (a second, small round) to find where matching stops.
 */
export async function resolveRegexFacts(prepared: readonly PreparedRegex[], runner: RegexRunner, budget: RegexBudget): Promise<RegexFacts[]> {
  const jobs: MatchJob[] = [];
  const jobOf = new Map<number, number>();
  prepared.forEach((p, i) => {
    if (!p.js.ok) return;
    jobOf.set(i, jobs.length);
    // The empty text last: whether the regex matches every text, found where it is compiled anyway.
    jobs.push({ pattern: p.source, flags: JS_FLAGS, texts: [...p.texts.map((t) => t.text), ""] });
  });
  const pythonJobs = prepared.map((p, i) => ({ p, i })).filter(({ p }) => !p.tooLong);
  const [jsResults, pyResults] = await Promise.all([
    runner.match(jobs, budget),
    runner.python(
      pythonJobs.map(({ p }) => ({ pattern: p.source, texts: p.texts.map((t) => t.text) })),
      budget,
    ),
  ]);
  const pyOf = new Map<number, { compile: PythonCompile; matches: MatchOutcome[] }>();
  if (pyResults?.available) pythonJobs.forEach(({ i }, k) => pyOf.set(i, pyResults.jobs[k]!));

  const texts = prepared.map((p, i) => {
    const j = jobOf.get(i);
    const js = j === undefined ? undefined : jsResults[j];
    const py = pyOf.get(i);
    return p.texts.map((t, k): OwnText => ({ role: t.role, pointer: t.pointer, text: t.text, js: js?.[k] ?? { kind: "skipped" }, py: py?.matches[k] }));
  });
  const partials = await findPartialMatches(prepared, texts, runner, budget);
  // The analysis runs in a worker under a deadline (a hostile pattern took 32 s); only runs that
  // analyse a regex start it, so a run whose files are all cached never does.
  const analysable = prepared.flatMap((p, i) => (p.parsed.ok && p.js.ok ? [i] : []));
  const analysed = await runner.analyse(analysable.map((i) => prepared[i]!.source), budget);
  const analysisOf = new Map(analysable.map((i, k) => [i, analysed[k]!]));
  return prepared.map((p, i) => ({
    source: p.source,
    tooLong: p.tooLong,
    parsed: p.parsed,
    js: p.js,
    python: pythonFacts(pyResults, pyOf.get(i)),
    texts: texts[i]!,
    literalChars: p.literalChars,
    choices: p.choices,
    specificity: p.specificity,
    matchesEmpty: matchesEmptyOf(p, jobOf.get(i) === undefined ? undefined : jsResults[jobOf.get(i)!]),
    partial: partials.get(i),
    backtracking: analysisOf.get(i) ?? { kind: "analysed", findings: [] },
  }));
}

function matchesEmptyOf(p: PreparedRegex, outcomes: readonly MatchOutcome[] | undefined): boolean {
  return outcomes?.[p.texts.length]?.kind === "match";
}

function pythonFacts(result: PythonProbeResult | undefined, own: { compile: PythonCompile } | undefined): PythonFacts {
  if (!result) return { status: "not-run" };
  if (!result.available) return { status: "unavailable", reason: result.reason };
  return own ? { status: "checked", compile: own.compile } : { status: "not-run" };
}

/**
 * Per regex that misses an own positive text: the longest prefix of one of its alternatives that still
 * finds a match in that text, and where that match ends. Found by binary search over element counts
 * (a prefix that matches implies every shorter one does), all regexes of the batch in each round.
 */
async function findPartialMatches(
  prepared: readonly PreparedRegex[],
  texts: readonly (readonly OwnText[])[],
  runner: RegexRunner,
  budget: RegexBudget,
): Promise<Map<number, { pointer: string; match: PartialMatch }>> {
  interface Search {
    readonly index: number;
    readonly pointer: string;
    readonly text: string;
    readonly ast: Extract<ParsedPattern, { ok: true }>["ast"];
    readonly source: string;
    readonly alternative: number;
    lo: number;
    hi: number;
    best: PartialMatch | undefined;
  }
  const searches: Search[] = [];
  prepared.forEach((p, i) => {
    if (!p.parsed.ok || !p.js.ok) return;
    const missed = texts[i]!.find((t) => isPositive(t.role) && t.js.kind === "no-match");
    if (!missed) return;
    p.parsed.ast.alternatives.forEach((alt, a) => {
      if (alt.elements.length > 0) searches.push({ index: i, pointer: missed.pointer, text: missed.text, ast: p.parsed.ok ? p.parsed.ast : (undefined as never), source: p.source, alternative: a, lo: 0, hi: alt.elements.length, best: undefined });
    });
  });
  // Invariant: a prefix of `lo` elements matches (0 trivially), one of `hi` + 1 does not; stop when lo === hi.
  for (let open = searches.filter((s) => s.lo < s.hi); open.length > 0; open = searches.filter((s) => s.lo < s.hi)) {
    const mids = open.map((s) => Math.ceil((s.lo + s.hi) / 2));
    const outcomes = await runner.match(
      open.map((s, k) => ({ pattern: prefixPattern(s.ast, s.source, s.alternative, mids[k]!), flags: JS_FLAGS, texts: [s.text] })),
      budget,
    );
    open.forEach((s, k) => {
      const o = outcomes[k]?.[0];
      const mid = mids[k]!;
      if (o?.kind === "match") {
        s.lo = mid;
        s.best = { alternative: s.alternative, elements: mid, textEnd: o.index + o.length };
      } else if (o?.kind === "no-match" || o?.kind === "invalid") s.hi = mid - 1;
      else s.hi = s.lo; // timed out or cut by the budget: stop here
    });
  }
  const found = new Map<number, { pointer: string; match: PartialMatch }>();
  for (const s of searches) {
    if (!s.best) continue;
    const known = found.get(s.index)?.match;
    if (!known || s.best.textEnd > known.textEnd || (s.best.textEnd === known.textEnd && s.best.elements > known.elements)) found.set(s.index, { pointer: s.pointer, match: s.best });
  }
  return found;
}
