// Everything the regex rules need to know, computed once per run: whether each pattern compiles in
// both engines, what it matches among its own texts (in both engines), and which other entries'
// texts it matches. All regex execution here is time-bounded (workers and a watched python3).
import type { Limits } from "../core/limits.ts";
import type { EntryDoc } from "../rules/types.ts";
import { compileJs, countLiteralCharacters, JS_FLAGS, parsePattern, type ParsedPattern } from "./pattern.ts";
import { LiteralIndex, selectiveLiterals } from "./prefilter.ts";
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

export async function computeRegexFacts(docs: readonly EntryDoc[], options: FactOptions): Promise<RegexFacts> {
  const { limits } = options;
  const prepared = docs.map((doc) => {
    const pattern = doc.entry.regex;
    const tooLong = pattern.length > limits.maxRegexLength;
    const parsed: ParsedPattern = tooLong ? { ok: false, index: 0, message: "too long to analyse" } : parsePattern(pattern);
    const compiled = tooLong ? ({ ok: false, message: "too long" } as const) : compileJs(pattern);
    const js = compiled.ok ? ({ ok: true } as const) : { ok: false as const, message: compiled.message };
    return { doc, tooLong, parsed, js, texts: ownTextsOf(doc), literalChars: parsed.ok ? countLiteralCharacters(parsed.ast) : 0 };
  });

  // Jobs: first each entry's own texts, then collision candidates found through the literal index.
  const jobs: MatchJob[] = [];
  const ownJob = new Map<number, number>();
  prepared.forEach((p, i) => {
    if (!p.js.ok) return;
    ownJob.set(i, jobs.length);
    jobs.push({ pattern: p.doc.entry.regex, flags: JS_FLAGS, texts: p.texts.map((t) => t.text) });
  });

  const index = new LiteralIndex<number>();
  const literals = selectiveLiterals(prepared.map((p) => (p.js.ok && p.parsed.ok ? p.parsed.ast : undefined)));
  prepared.forEach((p, i) => {
    if (p.js.ok) index.add(i, literals[i]);
  });
  const probes = new Map<number, { owner: number; textIndex: number }[]>();
  prepared.forEach((p, owner) => {
    p.texts.forEach((t, textIndex) => {
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
  const collisionStart = jobs.length;
  for (const [matcher, list] of collisionJobs) {
    jobs.push({ pattern: prepared[matcher]!.doc.entry.regex, flags: JS_FLAGS, texts: list.map((x) => prepared[x.owner]!.texts[x.textIndex]!.text) });
  }

  const pythonJobs = prepared.filter((p) => !p.tooLong);
  const [jsResults, pyResults] = await Promise.all([
    runMatchJobs(jobs, { timeoutMs: limits.regexTimeoutMs, totalBudgetMs: limits.totalBudgetMs, threads: options.threads }),
    options.python
      ? probePython(pythonJobs.map((p) => ({ pattern: p.doc.entry.regex, texts: p.texts.map((t) => t.text) })), {
          timeoutMs: limits.regexTimeoutMs,
          totalBudgetMs: limits.totalBudgetMs,
        })
      : undefined,
  ]);

  const pyByDoc = new Map<EntryDoc, { compile: PythonCompile; matches: MatchOutcome[] }>();
  if (pyResults?.available) pythonJobs.forEach((p, i) => pyByDoc.set(p.doc, pyResults.jobs[i]!));

  let skipped = 0;
  const skippedProbes = new Map<number, number>();
  collisionJobs.forEach(([matcher], j) => skippedProbes.set(matcher, jsResults[collisionStart + j]!.filter((o) => o.kind === "skipped").length));
  const byFile = new Map<string, EntryRegexFacts>();
  const ownTexts: OwnText[][] = [];
  prepared.forEach((p, i) => {
    const jobIndex = ownJob.get(i);
    const jsOutcomes = jobIndex === undefined ? undefined : jsResults[jobIndex];
    const py = pyByDoc.get(p.doc);
    const texts = p.texts.map((t, k) => {
      const js = jsOutcomes?.[k] ?? ({ kind: "skipped" } as const);
      if (jsOutcomes && js.kind === "skipped") skipped++;
      return { ...t, js, py: py?.matches[k] };
    });
    ownTexts.push(texts);
    const python: PythonFacts = !options.python
      ? { status: "not-run" }
      : pyResults && !pyResults.available
        ? { status: "unavailable", reason: pyResults.reason }
        : py
          ? { status: "checked", compile: py.compile }
          : { status: "not-run" };
    byFile.set(p.doc.file, { tooLong: p.tooLong, js: p.js, parsed: p.parsed, literalChars: p.literalChars, texts, python, skippedCollisionChecks: skippedProbes.get(i) ?? 0 });
  });

  const collisions: Collision[] = [];
  collisionJobs.forEach(([matcher, list], j) => {
    const outcomes = jsResults[collisionStart + j]!;
    list.forEach((probe, k) => {
      const o = outcomes[k]!;
      if (o.kind === "skipped") skipped++;
      if (o.kind !== "match") return;
      collisions.push({
        matcher: prepared[matcher]!.doc,
        owner: prepared[probe.owner]!.doc,
        text: ownTexts[probe.owner]![probe.textIndex]!,
        index: o.index,
        length: o.length,
      });
    });
  });
  return { byFile, collisions, skipped };
}
