// Reading the full index like a graph: one entry by id, and its chain (what leads to it, what it leads
// to, what it is confused with), each neighbour resolved to its entry when the index has it.
import type { BundledIndex, IndexedEntry } from "../model/index-format.ts";

export function getEntry(index: BundledIndex, id: string): IndexedEntry | undefined {
  return index.entries.find((e) => e.id === id);
}

export interface ChainLink {
  readonly id: string;
  /** The neighbour's entry; undefined when the index does not hold it. */
  readonly entry: IndexedEntry | undefined;
  readonly probability?: number;
  readonly condition?: string;
  readonly distinction?: string;
}

export interface Chain {
  readonly entry: IndexedEntry;
  readonly precededBy: readonly ChainLink[];
  readonly leadsTo: readonly ChainLink[];
  readonly confusedWith: readonly ChainLink[];
}

export function chain(index: BundledIndex, id: string): Chain | undefined {
  const byId = new Map(index.entries.map((e) => [e.id, e]));
  const entry = byId.get(id);
  if (!entry) return undefined;
  const g = entry.transition_graph;
  return {
    entry,
    precededBy: g.preceded_by.map((t) => ({ id: t.error_id, entry: byId.get(t.error_id), probability: t.probability, condition: t.condition })),
    leadsTo: g.leads_to.map((t) => ({ id: t.error_id, entry: byId.get(t.error_id), probability: t.probability, condition: t.condition })),
    confusedWith: g.frequently_confused_with.map((c) => ({ id: c.error_id, entry: byId.get(c.error_id), distinction: c.distinction })),
  };
}
