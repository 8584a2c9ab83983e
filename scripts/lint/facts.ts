// What the regex rules know about one entry's regex, found once per lint: whether it compiles in
// both engines, what it matches among the entry's own texts in both engines, how specific it is, and,
// when it misses one of its own texts, how far it gets into it (to name the likely unescaped
// character). Preparing is pure; running goes through the injected RegexRunner, which bounds time.
import type { Entry } from "../model/entry.ts";
import type { Limits } from "../model/limits.ts";
import type { MatchJob, MatchOutcome } from "../match/guarded-runner.ts";
import { prefixPatterns, type PartialMatch } from "../regex/explain.ts";
import { literalChoices, type LiteralChoices } from "../regex/literals.ts";
import { compileJs, countLiteralCharacters, JS_FLAGS, matchesEmptyText, parsePattern, type ParsedPattern } from "../regex/pattern.ts";
import type { PythonCompile, PythonProbeResult } from "../regex/python-probe.ts";
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
  readonly matchesEmpty: boolean;
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
    matchesEmpty: compiled.ok ? matchesEmptyText(compiled.regex) : false,
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
    jobs.push({ pattern: p.source, flags: JS_FLAGS, texts: p.texts.map((t) => t.text) });
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
    matchesEmpty: p.matchesEmpty,
    partial: partials.get(i),
  }));
}

function pythonFacts(result: PythonProbeResult | undefined, own: { compile: PythonCompile } | undefined): PythonFacts {
  if (!result) return { status: "not-run" };
  if (!result.available) return { status: "unavailable", reason: result.reason };
  return own ? { status: "checked", compile: own.compile } : { status: "not-run" };
}

/** Per regex that misses an own positive text: how many elements of which alternative still match, and where they end. */
async function findPartialMatches(
  prepared: readonly PreparedRegex[],
  texts: readonly (readonly OwnText[])[],
  runner: RegexRunner,
  budget: RegexBudget,
): Promise<Map<number, { pointer: string; match: PartialMatch }>> {
  const probes: { index: number; pointer: string; prefixes: ReturnType<typeof prefixPatterns> }[] = [];
  const jobs: MatchJob[] = [];
  prepared.forEach((p, i) => {
    if (!p.parsed.ok || !p.js.ok) return;
    const missed = texts[i]!.find((t) => isPositive(t.role) && t.js.kind === "no-match");
    if (!missed) return;
    const prefixes = prefixPatterns(p.parsed.ast, p.source);
    probes.push({ index: i, pointer: missed.pointer, prefixes });
    for (const prefix of prefixes) jobs.push({ pattern: prefix.pattern, flags: JS_FLAGS, texts: [missed.text] });
  });
  const found = new Map<number, { pointer: string; match: PartialMatch }>();
  if (jobs.length === 0) return found;
  const outcomes = await runner.match(jobs, budget);
  let k = 0;
  for (const probe of probes) {
    let best: PartialMatch | undefined;
    for (const prefix of probe.prefixes) {
      const o = outcomes[k++]?.[0];
      if (o?.kind !== "match") continue;
      const candidate = { alternative: prefix.alternative, elements: prefix.elements, textEnd: o.index + o.length };
      if (!best || candidate.textEnd > best.textEnd || (candidate.textEnd === best.textEnd && candidate.elements > best.elements)) best = candidate;
    }
    if (best) found.set(probe.index, { pointer: probe.pointer, match: best });
  }
  return found;
}
