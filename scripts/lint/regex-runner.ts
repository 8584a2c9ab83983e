// The capability the lint engine runs regexes through: JavaScript in time-bounded worker threads and
// Python's re module in one batched, watched python3 process. Injected, so the engine itself holds no
// threads or processes, and so tests can choose how regexes run while keeping the same engine.
import type { MatchJob, MatchOutcome } from "../match/guarded-runner.ts";
import { runMatchJobs } from "../match/guarded-runner.ts";
import { probePython, type PythonProbeResult } from "../regex/python-probe.ts";

/** Milliseconds of regex work left in one run; shared by every batch of the run. */
export interface RegexBudget {
  remainingMs(): number;
}

export function startBudget(totalMs: number): RegexBudget {
  const startedAt = Date.now();
  return { remainingMs: () => Math.max(0, totalMs - (Date.now() - startedAt)) };
}

export interface RegexRunner {
  /** One outcome per text of each job, in order; never rejects. */
  match(jobs: readonly MatchJob[], budget: RegexBudget): Promise<MatchOutcome[][]>;
  /** Python's verdicts, or undefined when the Python half of the contract is not checked in this run. */
  python(jobs: readonly Pick<MatchJob, "pattern" | "texts">[], budget: RegexBudget): Promise<PythonProbeResult | undefined>;
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
      jobs.length === 0 ? Promise.resolve([]) : runMatchJobs(jobs, { timeoutMs: options.timeoutMs, totalBudgetMs: budget.remainingMs(), threads: options.threads }),
    python: (jobs, budget) =>
      !options.python || jobs.length === 0 ? Promise.resolve(options.python ? { available: true, jobs: [] } : undefined) : probePython(jobs, { timeoutMs: options.timeoutMs, totalBudgetMs: budget.remainingMs() }),
  };
}
