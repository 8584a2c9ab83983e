// The speed decorators of lint, composed in one place: the cache around the worker pool around the
// core lintFiles, and the cache around the core lintCollection. Each keeps its core's signature; with
// all off (--no-cache, --threads 1) the core runs alone, and the equivalence tests check that the
// outputs are byte-identical either way.
import type { LintCollection, LintFiles } from "../lint/engine.ts";
import type { RunSettings } from "../model/run-settings.ts";
import { withCollectionCache } from "./collection-cache.ts";
import { withCache } from "./lint-cache.ts";
import { withPool } from "./lint-pool.ts";

/** The decorated lintFiles; the run calls flush() after its last batch (the cache saves then). */
export function decorateLintFiles(core: LintFiles, settings: RunSettings): LintFiles & { flush?(): Promise<void> } {
  const pooled = settings.threads > 1 ? withPool(core, settings) : core;
  return settings.cache ? withCache(pooled, settings) : pooled;
}

export function decorateLintCollection(core: LintCollection, settings: RunSettings): LintCollection {
  return settings.cache ? withCollectionCache(core, settings) : core;
}
