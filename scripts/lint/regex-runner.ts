// The capability the lint engine runs regexes through: JavaScript in time-bounded worker threads,
// Python's re module in one batched, watched python3 process, and the static backtracking analysis in
// a time-bounded worker thread. Injected, so the engine itself holds no
// threads or processes, and so tests can choose how regexes run while keeping the same engine.
import type { MatchJob, MatchOutcome } from "../match/guarded-runner.ts";
import { analysisTimeoutMs } from "../model/limits.ts";
import { runMatchJobs } from "../match/guarded-runner.ts";
import { analyseWithDeadline, type AnalysisOutcome } from "../regex/analysis-runner.ts";
import { probePython, type PythonProbeResult } from "../regex/python-probe.ts";

/**
 * Milliseconds of regex work left in one run, shared by every batch of the run. Only time during which
 * regexes run is charged (the union of the batches' intervals, so concurrent batches count once):
 * parsing, schema checks and writing do not use it up, so a large corpus is not cut off for its size.
 */
export interface RegexBudget {
  remainingMs(): number;
  /** Runs regex work, charging the time it takes. */
  charge<T>(work: () => Promise<T>): Promise<T>;
  /** Charges regex time spent elsewhere (a pool worker's own budget); workers at once are summed, not counted once. */
  spend(ms: number): void;
}

export function startBudget(totalMs: number): RegexBudget {
  let spent = 0;
  let active = 0;
  let since = 0;
  return {
    remainingMs: () => Math.max(0, totalMs - spent - (active > 0 ? performance.now() - since : 0)),
    async charge(work) {
      if (active++ === 0) since = performance.now();
      try {
        return await work();
      } finally {
        if (--active === 0) spent += performance.now() - since;
      }
    },
    spend(ms) {
      if (Number.isFinite(ms) && ms > 0) spent += ms;
    },
  };
}

export interface RegexRunner {
  /** One outcome per text of each job, in order; never rejects. */
  match(jobs: readonly MatchJob[], budget: RegexBudget): Promise<MatchOutcome[][]>;
  /** Python's verdicts, or undefined when the Python half of the contract is not checked in this run. */
  python(jobs: readonly Pick<MatchJob, "pattern" | "texts">[], budget: RegexBudget): Promise<PythonProbeResult | undefined>;
  /** The static backtracking analysis of each pattern (regex/redos.ts), in order; never rejects. */
  analyse(patterns: readonly string[], budget: RegexBudget): Promise<AnalysisOutcome[]>;
}

export interface GuardedRunnerOptions {
  readonly timeoutMs: number;
  readonly threads: number;
  /** Check the Python half of the contract (lint does; lookup and --no-python do not). */
  readonly python: boolean;
}

/** The runner for real runs: every regex under a deadline, whatever it is. */
export function guardedRegexRunner(options: GuardedRunnerOptions): RegexRunner {
  return {
    match: (jobs, budget) =>
      jobs.length === 0 ? Promise.resolve([]) : budget.charge(() => runMatchJobs(jobs, { timeoutMs: options.timeoutMs, totalBudgetMs: budget.remainingMs(), threads: options.threads })),
    python: (jobs, budget) =>
      !options.python || jobs.length === 0
        ? Promise.resolve(options.python ? { available: true, jobs: [] } : undefined)
        : budget.charge(() => probePython(jobs, { timeoutMs: options.timeoutMs, totalBudgetMs: budget.remainingMs() })),
    analyse: (patterns, budget) =>
      patterns.length === 0 ? Promise.resolve([]) : budget.charge(() => analyseWithDeadline(patterns, { timeoutMs: analysisTimeoutMs({ regexTimeoutMs: options.timeoutMs }), totalBudgetMs: budget.remainingMs() })),
  };
}
