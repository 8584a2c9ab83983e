// The worker-pool decorator of lintFiles: a batch large enough to be worth it is shared out to the
// pool's threads in batches cut by size (share-out.ts), each worker running the core lintFiles with
// its own time-bounded regex runner; the results come back in order. Files too big for a worker, and
// the share of a worker that fails, are linted here. Same signature, same results (the worker runs
// the same function).
import type { LintFiles } from "../lint/engine.ts";
import type { RunSettings } from "../model/run-settings.ts";
import { poolFor } from "./pool.ts";
import { batchesOf, runBatches } from "./share-out.ts";
import { findExcessiveTokens } from "../source/json-text.ts";

/** More JSON tokens than any real entry holds (a few hundred to a thousand). */
const MANY_TOKENS = 10_000;

const decoder = new TextDecoder();

export function withPool(inner: LintFiles, settings: RunSettings): LintFiles {
  return async (files, options, budget) => {
    const pool = poolFor(files.length, settings.threads);
    if (!pool || files.length < 2) return inner(files, options, budget);
    // Each worker runs its batch's regexes in its own time-bounded workers; the cores are shared out.
    const threads = Math.max(1, Math.floor(settings.threads / pool.size));
    // A file's syntax tree and schema errors take several times its bytes: weighed at four times them,
    // and a file of more tokens than any entry holds (its tree or parse errors take a hundred times
    // them) is linted here.
    const batches = batchesOf(files, (f) => (findExcessiveTokens(decoder.decode(f.bytes), MANY_TOKENS) === undefined ? 4 * f.bytes.length : Infinity), pool.size);
    return runBatches(
      batches,
      async (part) => {
        // The budget left when a worker takes the batch; the regex time it took is charged back.
        const done = await pool.run("lint", () => ({ files: part, limits: options.limits, today: options.today, threads, python: settings.python, budgetMs: budget.remainingMs() }));
        budget.spend(done.regexMs);
        return done.verdicts;
      },
      (part) => inner(part, options, budget),
    );
  };
}
