// The speed decorators of the output side, composed in one place: incremental sync (skip outputs
// whose inputs and files are unchanged) around pooled view rendering around the core writer, and the
// catalogue's cached rows. With --no-cache and --threads 1 the core runs alone; the equivalence tests
// compare the two.
import type { Catalogue } from "../outputs/plan.ts";
import type { RunSettings } from "../model/run-settings.ts";
import type { SyncOutputs } from "../write/sync.ts";
import { withCachedRows } from "./cached-rows.ts";
import { withIncremental } from "./incremental-sync.ts";
import { pooledViewRenderer } from "./view-pool.ts";

/** The catalogue with its rows cached (see cached-rows.ts) when the settings allow a cache; save() writes them. */
export function decorateCatalogue(catalogue: Catalogue, settings: RunSettings, digests: ReadonlyMap<string, string>): Catalogue & { save?(): Promise<void> } {
  return settings.cache ? withCachedRows(catalogue, settings, digests) : catalogue;
}

export function decorateSync(core: SyncOutputs, settings: RunSettings, catalogue: Catalogue): SyncOutputs {
  const renderViews = settings.threads > 1 ? pooledViewRenderer(catalogue, settings.threads) : undefined;
  const pooled: SyncOutputs = renderViews ? (outDir, planned, options) => core(outDir, planned, { ...options, renderViews }) : core;
  return settings.cache ? withIncremental(pooled, settings) : pooled;
}
