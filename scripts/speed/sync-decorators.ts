// The speed decorators of the output writer, composed in one place: incremental sync (skip outputs
// whose inputs and files are unchanged) around pooled view rendering around the core writer. With
// --no-cache and --threads 1 the core runs alone; the equivalence tests compare the two.
import type { Catalogue } from "../outputs/plan.ts";
import type { RunSettings } from "../model/run-settings.ts";
import type { SyncOutputs } from "../write/sync.ts";
import { withIncremental } from "./incremental-sync.ts";
import { pooledViewRenderer } from "./view-pool.ts";

export function decorateSync(core: SyncOutputs, settings: RunSettings, catalogue: Catalogue): SyncOutputs {
  const renderViews = settings.threads > 1 ? pooledViewRenderer(catalogue, settings.threads) : undefined;
  const pooled: SyncOutputs = renderViews ? (outDir, planned, options) => core(outDir, planned, { ...options, renderViews }) : core;
  return settings.cache ? withIncremental(pooled, settings) : pooled;
}
