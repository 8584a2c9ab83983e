// What collection rules need of one linted entry, small enough to keep for 100,000 entries and plain
// data (it crosses threads and is cached): identity, links, the signature, the fix rate, and the
// regex facts other entries' checks depend on. The full entry is not kept; outputs read it again.
import type { Entry, TransitionGraph } from "../model/entry.ts";
import type { MatchOutcome } from "../match/guarded-runner.ts";
import type { LiteralChoices } from "../regex/literals.ts";
import { MIN_DISTINCTIVE_CHARACTERS } from "../regex/specificity.ts";
import type { PythonFacts, RegexFacts, TextRole } from "./facts.ts";

export interface SummaryText {
  readonly role: TextRole;
  readonly pointer: string;
  readonly text: string;
  /** What the entry's own regex does with it in JavaScript. */
  readonly js: MatchOutcome;
}

export interface RegexSummary {
  readonly source: string;
  readonly compiles: boolean;
  /** Specific enough to take part in collision checks (kb/regex-specificity reports the others). */
  readonly specific: boolean;
  readonly literalChars: number;
  readonly choices: LiteralChoices | null;
}

export interface EntrySummary {
  readonly id: string;
  readonly file: string;
  readonly pathId: string | undefined;
  readonly signature: string | undefined;
  readonly fixRate: number | undefined;
  readonly graph: TransitionGraph | undefined;
  readonly regex: RegexSummary | undefined;
  readonly texts: readonly SummaryText[];
  readonly python: PythonFacts["status"] | undefined;
  /** Why Python did not run, when it did not. */
  readonly pythonReason: string | undefined;
  /** Python's compile error, when it rejects the regex. */
  readonly pythonError: { readonly message: string; readonly index: number | null } | undefined;
}

export function summarise(file: string, pathId: string | undefined, entry: Partial<Entry> & Pick<Entry, "id">, facts: RegexFacts | undefined): EntrySummary {
  return {
    id: entry.id,
    file,
    pathId,
    signature: entry.signature,
    fixRate: entry.fix_success_rate,
    graph: entry.transition_graph,
    regex: facts
      ? {
          source: facts.source,
          compiles: facts.js.ok,
          specific: facts.specificity !== undefined && facts.specificity.characters >= MIN_DISTINCTIVE_CHARACTERS && !facts.matchesEmpty,
          literalChars: facts.literalChars,
          choices: facts.choices ?? null,
        }
      : undefined,
    texts: (facts?.texts ?? []).map((t) => ({ role: t.role, pointer: t.pointer, text: t.text, js: t.js })),
    python: facts?.python.status,
    pythonReason: facts?.python.status === "unavailable" ? facts.python.reason : undefined,
    pythonError: facts?.python.status === "checked" && !facts.python.compile.ok ? { message: facts.python.compile.message, index: facts.python.compile.index } : undefined,
  };
}
