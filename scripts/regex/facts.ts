// Everything the regex rules need to know, computed once per run: whether each pattern compiles in
// both engines, what it matches among its own texts (in both engines), and which other entries'
// texts it matches. All regex execution here is time-bounded (workers and a watched python3).
import type { Limits } from "../core/limits.ts";
import type { EntryDoc } from "../rules/types.ts";
import { compileJs, countLiteralCharacters, JS_FLAGS, parsePattern, type ParsedPattern } from "./pattern.ts";
import { literalChoices, LiteralIndex, selectiveLiterals, type LiteralChoices } from "./prefilter.ts";
import { probePython, type PythonCompile } from "./python-probe.ts";
import { runMatchJobs, type MatchJob, type MatchOutcome } from "./safe-matcher.ts";

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

export interface EntryRegexFacts {
  readonly tooLong: boolean;
  readonly js: { readonly ok: true } | { readonly ok: false; readonly message: string };
  readonly parsed: ParsedPattern;
  readonly literalChars: number;
  readonly texts: readonly OwnText[];
  readonly python: PythonFacts;
  /** Tests of this regex against other entries' texts that the total time budget cut off. */
  readonly skippedCollisionChecks: number;
}

export interface Collision {
  /** The entry whose regex matched. */
  readonly matcher: EntryDoc;
  /** The entry whose text was matched. */
  readonly owner: EntryDoc;
  readonly text: OwnText;
  readonly index: number;
  readonly length: number;
}

export interface RegexFacts {
  readonly byFile: ReadonlyMap<string, EntryRegexFacts>;
  readonly collisions: readonly Collision[];
  /** Tests the total time budget cut off. */
  readonly skipped: number;
}

export interface FactOptions {
  readonly limits: Limits;
  readonly threads: number;
  /** Ask python3 too (lint does; lookup does not). */
  readonly python: boolean;
}

export function ownTextsOf(doc: EntryDoc): { role: TextRole; pointer: string; text: string }[] {
  const e = doc.entry;
  return [
    { role: "signature" as const, pointer: "/signature", text: e.signature },
    ...(e.aliases ?? []).map((text, i) => ({ role: "alias" as const, pointer: `/aliases/${i}`, text })),
    ...(e.examples?.match ?? []).map((text, i) => ({ role: "match" as const, pointer: `/examples/match/${i}`, text })),
    ...(e.examples?.no_match ?? []).map((text, i) => ({ role: "no_match" as const, pointer: `/examples/no_match/${i}`, text })),
  ];
}

export const isPositive = (role: TextRole) => role !== "no_match";

/** What one entry's regex is, found without running it: per entry, so it can be computed anywhere. */
export interface PreparedRegex {
  readonly doc: EntryDoc;
  readonly tooLong: boolean;
  readonly parsed: ParsedPattern;
  readonly js: EntryRegexFacts["js"];
  readonly texts: { role: TextRole; pointer: string; text: string }[];
  readonly literalChars: number;
  /** Literals to find collision candidates by; undefined when every text is a candidate. */
  readonly choices: LiteralChoices | undefined;
}

/** The syntax tree rules analyse; a pattern over maxRegexLength is not parsed at all. */
export function parsedPatternOf(pattern: string, limits: Limits): ParsedPattern {
  return pattern.length > limits.maxRegexLength ? { ok: false, index: 0, message: "too long to analyse" } : parsePattern(pattern);
}

export function prepareRegex(doc: EntryDoc, limits: Limits): PreparedRegex {
  const pattern = doc.entry.regex;
  const tooLong = pattern.length > limits.maxRegexLength;
  const parsed = parsedPatternOf(pattern, limits);
  const compiled = tooLong ? ({ ok: false, message: "too long" } as const) : compileJs(pattern);
  const js = compiled.ok ? ({ ok: true } as const) : { ok: false as const, message: compiled.message };
  return {
    doc,
    tooLong,
    parsed,
    js,
    texts: ownTextsOf(doc),
    literalChars: parsed.ok ? countLiteralCharacters(parsed.ast) : 0,
    choices: js.ok && parsed.ok ? literalChoices(parsed.ast) : undefined,
  };
}

/** Milliseconds of regex work left in the run; shared by the batches of one run. */
export interface RegexBudget {
  remainingMs(): number;
}

export function startBudget(totalMs: number): RegexBudget {
  const startedAt = Date.now();
  return { remainingMs: () => Math.max(0, totalMs - (Date.now() - startedAt)) };
}

/**
 * Each entry's regex on its own texts, in JavaScript (time-bounded workers) and Python (one batched
 * process), for a batch of entries. Collision checks are not part of it: skippedCollisionChecks is 0.
 */
export async function ownTextFacts(prepared: readonly PreparedRegex[], options: FactOptions, budget: RegexBudget = startBudget(options.limits.totalBudgetMs)): Promise<EntryRegexFacts[]> {
  const { limits } = options;
  const jobs: MatchJob[] = [];
  const ownJob = new Map<number, number>();
  prepared.forEach((p, i) => {
    if (!p.js.ok) return;
    ownJob.set(i, jobs.length);
    jobs.push({ pattern: p.doc.entry.regex, flags: JS_FLAGS, texts: p.texts.map((t) => t.text) });
  });
  const pythonJobs = prepared.filter((p) => !p.tooLong);
  const totalBudgetMs = budget.remainingMs();
  const [jsResults, pyResults] = await Promise.all([
    runMatchJobs(jobs, { timeoutMs: limits.regexTimeoutMs, totalBudgetMs, threads: options.threads }),
    options.python && prepared.length > 0
      ? probePython(pythonJobs.map((p) => ({ pattern: p.doc.entry.regex, texts: p.texts.map((t) => t.text) })), { timeoutMs: limits.regexTimeoutMs, totalBudgetMs })
      : undefined,
  ]);

  const pyByDoc = new Map<EntryDoc, { compile: PythonCompile; matches: MatchOutcome[] }>();
  if (pyResults?.available) pythonJobs.forEach((p, i) => pyByDoc.set(p.doc, pyResults.jobs[i]!));
  return prepared.map((p, i) => {
    const jobIndex = ownJob.get(i);
    const jsOutcomes = jobIndex === undefined ? undefined : jsResults[jobIndex];
    const py = pyByDoc.get(p.doc);
    const texts = p.texts.map((t, k) => ({ role: t.role, pointer: t.pointer, text: t.text, js: jsOutcomes?.[k] ?? ({ kind: "skipped" } as const), py: py?.matches[k] }));
    const python: PythonFacts = !options.python
      ? { status: "not-run" }
      : pyResults && !pyResults.available
        ? { status: "unavailable", reason: pyResults.reason }
        : py
          ? { status: "checked", compile: py.compile }
          : { status: "not-run" };
    return { tooLong: p.tooLong, js: p.js, parsed: p.parsed, literalChars: p.literalChars, texts, python, skippedCollisionChecks: 0 };
  });
}

/** What the collision check needs of one entry: small enough to keep for every entry of a large corpus. */
export interface CollisionSubject {
  readonly doc: EntryDoc;
  /** Whether JavaScript compiles the regex; one that does not matches nothing. */
  readonly compiles: boolean;
  readonly choices: LiteralChoices | undefined;
  readonly texts: readonly OwnText[];
}

/**
 * Which entries' regexes match other entries' positive texts. Candidates come from the literal index
 * (no regexes × texts cross-product); only they run, time-bounded. Returns the collisions and, per
 * subject, how many of its regex's tests the budget cut off.
 */
export async function findCollisions(subjects: readonly CollisionSubject[], options: FactOptions, budget: RegexBudget = startBudget(options.limits.totalBudgetMs)): Promise<{ collisions: Collision[]; skippedBySubject: number[] }> {
  const index = new LiteralIndex<number>();
  const literals = selectiveLiterals(subjects.map((s) => (s.compiles ? s.choices : undefined)));
  subjects.forEach((s, i) => {
    if (s.compiles) index.add(i, literals[i]);
  });
  const probes = new Map<number, { owner: number; textIndex: number }[]>();
  subjects.forEach((s, owner) => {
    s.texts.forEach((t, textIndex) => {
      if (!isPositive(t.role)) return;
      for (const matcher of index.candidates(t.text)) {
        if (matcher === owner) continue;
        let list = probes.get(matcher);
        if (!list) probes.set(matcher, (list = []));
        list.push({ owner, textIndex });
      }
    });
  });
  const collisionJobs = [...probes.entries()].sort((a, b) => a[0] - b[0]);
  const jobs = collisionJobs.map(([matcher, list]) => ({ pattern: subjects[matcher]!.doc.entry.regex, flags: JS_FLAGS, texts: list.map((x) => subjects[x.owner]!.texts[x.textIndex]!.text) }));
  const results = jobs.length === 0 ? [] : await runMatchJobs(jobs, { timeoutMs: options.limits.regexTimeoutMs, totalBudgetMs: budget.remainingMs(), threads: options.threads });
  const skippedBySubject = subjects.map(() => 0);
  const collisions: Collision[] = [];
  collisionJobs.forEach(([matcher, list], j) => {
    const outcomes = results[j]!;
    list.forEach((probe, k) => {
      const o = outcomes[k]!;
      if (o.kind === "skipped") skippedBySubject[matcher]!++;
      if (o.kind !== "match") return;
      collisions.push({ matcher: subjects[matcher]!.doc, owner: subjects[probe.owner]!.doc, text: subjects[probe.owner]!.texts[probe.textIndex]!, index: o.index, length: o.length });
    });
  });
  return { collisions, skippedBySubject };
}

/** Tests the budget cut off among an entry's own texts (JavaScript). */
export function skippedOwnTests(f: EntryRegexFacts): number {
  return f.js.ok ? f.texts.filter((t) => t.js.kind === "skipped").length : 0;
}

/** Facts of a whole run from per-entry facts and the collision check, keyed by file. */
export function assembleFacts(docs: readonly EntryDoc[], perEntry: readonly EntryRegexFacts[], found: { collisions: Collision[]; skippedBySubject: number[] }): RegexFacts {
  const byFile = new Map<string, EntryRegexFacts>();
  let skipped = 0;
  docs.forEach((doc, i) => {
    const f = perEntry[i]!;
    const skippedCollisionChecks = found.skippedBySubject[i] ?? 0;
    skipped += skippedOwnTests(f) + skippedCollisionChecks;
    byFile.set(doc.file, skippedCollisionChecks === f.skippedCollisionChecks ? f : withSkippedCollisionChecks(f, skippedCollisionChecks));
  });
  return { byFile, collisions: found.collisions, skipped };
}

/** A copy with another skippedCollisionChecks; property descriptors are copied so a lazy `parsed` stays lazy. */
function withSkippedCollisionChecks(f: EntryRegexFacts, skippedCollisionChecks: number): EntryRegexFacts {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(f)) as EntryRegexFacts;
  Object.defineProperty(copy, "skippedCollisionChecks", { value: skippedCollisionChecks, enumerable: true });
  return copy;
}

export async function computeRegexFacts(docs: readonly EntryDoc[], options: FactOptions): Promise<RegexFacts> {
  const budget = startBudget(options.limits.totalBudgetMs);
  const prepared = docs.map((doc) => prepareRegex(doc, options.limits));
  const perEntry = await ownTextFacts(prepared, options, budget);
  const subjects = prepared.map((p, i) => ({ doc: p.doc, compiles: p.js.ok, choices: p.choices, texts: perEntry[i]!.texts }));
  return assembleFacts(docs, perEntry, await findCollisions(subjects, options, budget));
}
