// The worker-pool decorator of lintFiles: a batch large enough to be worth it is shared out to the
// pool's threads, each running the core lintFiles with its own time-bounded regex runner; the results
// come back in order. A worker that fails hands its share back to this thread. Same signature, same
// results (the worker runs the same function).
import type { LintFiles } from "../lint/engine.ts";
import type { RunSettings } from "../model/run-settings.ts";
import { poolFor } from "./pool.ts";

export function withPool(inner: LintFiles, settings: RunSettings): LintFiles {
  return async (files, options, budget) => {
    const pool = poolFor(files.length, settings.threads);
    if (!pool || files.length < 2) return inner(files, options, budget);
    const size = Math.ceil(files.length / pool.size);
    const parts = Array.from({ length: Math.ceil(files.length / size) }, (_, k) => files.slice(k * size, (k + 1) * size));
    // Each worker runs its share's regexes in its own time-bounded workers; the cores are shared out.
    const threads = Math.max(1, Math.floor(settings.threads / pool.size));
    const done = await Promise.all(
      parts.map((part) =>
        pool
          .run("lint", { files: part, limits: options.limits, today: options.today, threads, python: settings.python, budgetMs: budget.remainingMs() })
          .catch(() => inner(part, options, budget)),
      ),
    );
    return done.flat();
  };
}
