// The speed decorators of lint, composed in one place: the cache around the worker pool around the
// core lintFiles. Each has lintFiles' own signature; with both off (--no-cache, --threads 1) the core
// runs alone, and the equivalence tests check that the outputs are byte-identical either way.
import type { LintFiles } from "../lint/engine.ts";
import type { RunSettings } from "../model/run-settings.ts";
import { withCache } from "./lint-cache.ts";
import { withPool } from "./lint-pool.ts";

export function decorateLintFiles(core: LintFiles, settings: RunSettings): LintFiles {
  const pooled = settings.threads > 1 ? withPool(core, settings) : core;
  return settings.cache ? withCache(pooled, settings) : pooled;
}
