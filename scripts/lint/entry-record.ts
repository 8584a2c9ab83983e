// What the cache keeps of one entry file's lint: the diagnostics of the per-file stages and entry
// rules, and the regex facts collection rules need, small enough for 100,000 entries. Only results
// that do not depend on timing are kept (no timeouts, nothing cut off by the budget).
import type { Diagnostic } from "../core/diagnostic.ts";
import type { Limits } from "../core/limits.ts";
import { ownTextsOf, parsedPatternOf, type EntryRegexFacts, type PythonFacts } from "../regex/facts.ts";
import type { ParsedPattern } from "../regex/pattern.ts";
import type { LiteralChoices } from "../regex/prefilter.ts";
import type { MatchOutcome } from "../regex/safe-matcher.ts";
import type { EntryDoc } from "../rules/types.ts";

export interface RegexRecord {
  readonly tooLong: boolean;
  readonly js: EntryRegexFacts["js"];
  readonly literalChars: number;
  readonly choices: LiteralChoices | null;
  /** Per own text (ownTextsOf order): the JavaScript outcome and Python's when Python ran, encoded (see encodeOutcome). */
  readonly outcomes: string[][];
  readonly python: PythonFacts;
}

export interface LintRecord {
  /** Loader, parser and schema diagnostics. */
  readonly stage: Diagnostic[];
  /** Present when the file is a schema-valid entry. */
  readonly entry?: {
    /** JSON.parse of the file's text gives exactly the parser's value, so a cached entry needs no parser. */
    readonly plain: boolean;
    /** Entry-rule diagnostics, computed with no collision checks cut off by the budget. */
    readonly rules: Diagnostic[];
    readonly regex: RegexRecord;
  };
}

export function regexRecordOf(facts: EntryRegexFacts, choices: LiteralChoices | undefined): RegexRecord {
  return {
    tooLong: facts.tooLong,
    js: facts.js,
    literalChars: facts.literalChars,
    choices: choices ?? null,
    outcomes: facts.texts.map((t) => (t.py ? [encodeOutcome(t.js), encodeOutcome(t.py)] : [encodeOutcome(t.js)])),
    python: facts.python,
  };
}

/** Whether the record is the same on every run: timeouts and budget cut-offs depend on the machine. */
export function isDeterministic(record: LintRecord): boolean {
  return !record.entry || !record.entry.regex.outcomes.some((pair) => pair.some((o) => o === "t" || o === "s"));
}

// Outcomes are most of a record; a few characters each keep a 100,000-entry cache small to read.
const NO_MATCH: MatchOutcome = { kind: "no-match" };
const TIMEOUT: MatchOutcome = { kind: "timeout" };
const SKIPPED: MatchOutcome = { kind: "skipped" };

export function encodeOutcome(o: MatchOutcome): string {
  switch (o.kind) {
    case "match":
      return `m${o.index},${o.length}`;
    case "no-match":
      return "n";
    case "timeout":
      return "t";
    case "skipped":
      return "s";
    case "invalid":
      return `i${o.message}`;
  }
}

export function decodeOutcome(s: string): MatchOutcome {
  switch (s[0]) {
    case "m": {
      const comma = s.indexOf(",");
      return { kind: "match", index: Number(s.slice(1, comma)), length: Number(s.slice(comma + 1)) };
    }
    case "n":
      return NO_MATCH;
    case "t":
      return TIMEOUT;
    case "s":
      return SKIPPED;
    default:
      return { kind: "invalid", message: s.slice(1) };
  }
}

/** The regex facts of a cached entry; the syntax tree is parsed only if something asks for it. */
export function factsFromRecord(doc: EntryDoc, r: RegexRecord, limits: Limits): EntryRegexFacts {
  const texts = ownTextsOf(doc).map((t, k) => {
    const [js, py] = r.outcomes[k]!;
    // A literal with every key (not a spread) gives all texts one hidden class: a fifth of their memory.
    return { role: t.role, pointer: t.pointer, text: t.text, js: decodeOutcome(js!), py: py === undefined ? undefined : decodeOutcome(py) };
  });
  return new RecordedRegexFacts(doc.entry.regex, limits, r, texts);
}

/** A class rather than an object literal with a getter: all instances share one shape (memory, at 100,000 entries). */
class RecordedRegexFacts implements EntryRegexFacts {
  readonly tooLong: boolean;
  readonly js: EntryRegexFacts["js"];
  readonly literalChars: number;
  readonly python: PythonFacts;
  readonly skippedCollisionChecks = 0;
  private tree: ParsedPattern | undefined;

  constructor(
    private readonly regex: string,
    private readonly limits: Limits,
    r: RegexRecord,
    readonly texts: EntryRegexFacts["texts"],
  ) {
    this.tooLong = r.tooLong;
    this.js = r.js;
    this.literalChars = r.literalChars;
    this.python = r.python;
  }

  get parsed(): ParsedPattern {
    return (this.tree ??= parsedPatternOf(this.regex, this.limits));
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isDiagnostic = (v: unknown) =>
  isObject(v) && typeof v.file === "string" && typeof v.line === "number" && typeof v.column === "number" && typeof v.pointer === "string" && typeof v.rule === "string" && typeof v.message === "string" && (v.severity === "error" || v.severity === "warning");
const isOutcome = (v: unknown) => typeof v === "string" && /^(?:m\d+,\d+|n|t|s|i[^]*)$/.test(v);

/** Shape check of a record read from disk (the checksum already caught corruption; this catches format drift). */
export function isLintRecord(v: unknown): v is LintRecord {
  if (!isObject(v) || !Array.isArray(v.stage) || !v.stage.every(isDiagnostic)) return false;
  if (v.entry === undefined) return true;
  const e = v.entry;
  if (!isObject(e) || typeof e.plain !== "boolean" || !Array.isArray(e.rules) || !e.rules.every(isDiagnostic) || !isObject(e.regex)) return false;
  const r = e.regex;
  return (
    typeof r.tooLong === "boolean" &&
    isObject(r.js) &&
    typeof r.literalChars === "number" &&
    (r.choices === null || Array.isArray(r.choices)) &&
    Array.isArray(r.outcomes) &&
    r.outcomes.every((o) => Array.isArray(o) && (o.length === 1 || o.length === 2) && o.every(isOutcome)) &&
    isObject(r.python)
  );
}
