// What one run needs to know, as plain values the CLI resolves once at the edge (paths, limits,
// today's date, threads, rule severities) and passes down: nothing below the CLI reads flags,
// environment or config files itself. In the model because every layer that runs work reads it.
import type { RuleId } from "./rule-ids.ts";
import type { Limits } from "./limits.ts";

/** Severity overrides from kb.config.json's "rules": "off" drops a rule's diagnostics, "warn" and "error" set their severity. */
export type RuleSeverities = ReadonlyMap<RuleId, "off" | "warn" | "error">;

export interface RunSettings {
  /** Where relative paths in messages start (the working directory). */
  readonly cwd: string;
  /** The repository root: where lint-exceptions.json and the cache live. */
  readonly root: string;
  readonly entriesDir: string;
  readonly outDir: string;
  readonly limits: Limits;
  /** YYYY-MM-DD (UTC): dates after it are in the future. */
  readonly today: string;
  /** Worker threads for regex checks and for linting and rendering many files. */
  readonly threads: number;
  /** Reuse results of unchanged entries and outputs (node_modules/.cache/error-kb/). */
  readonly cache: boolean;
  /** Check the Python half of the regex contract. */
  readonly python: boolean;
  readonly severities: RuleSeverities;
}
