// Reading the full index like a graph: one entry by id, and its chain (what leads to it, what it leads
// to, what it is confused with), each neighbour resolved to its entry when the index has it.
import type { BundledIndex, IndexedEntry } from "../model/index-format.ts";

// An index from a file is only checked for its entries array (load-index.ts): an entry or a link of
// the wrong shape is passed over here, not a TypeError from deep inside (pass U).
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function entriesOf(index: BundledIndex, caller: string): readonly IndexedEntry[] {
  const entries = isObject(index) ? index.entries : undefined;
  if (!Array.isArray(entries)) throw new TypeError(`${caller} needs an index: an object with an entries array, as loadIndex() returns`);
  return entries.filter((e): e is IndexedEntry => isObject(e) && typeof e.id === "string");
}

export function getEntry(index: BundledIndex, id: string): IndexedEntry | undefined {
  return entriesOf(index, "getEntry").find((e) => e.id === id);
}

/** A link list of the entry's transition graph; a missing or malformed one is empty, a malformed link skipped. */
function linksOf<K extends string>(entry: IndexedEntry, key: K): Record<string, unknown>[] {
  const graph = (entry as { transition_graph?: unknown }).transition_graph;
  const list = isObject(graph) ? graph[key] : undefined;
  return Array.isArray(list) ? list.filter((l): l is Record<string, unknown> => isObject(l) && typeof l.error_id === "string") : [];
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
  // The first entry of an id, as getEntry finds it: a Map of all would keep the last (pass V).
  const byId = new Map<string, IndexedEntry>();
  for (const e of entriesOf(index, "chain")) if (!byId.has(e.id)) byId.set(e.id, e);
  const entry = byId.get(id);
  if (!entry) return undefined;
  const transition = (t: Record<string, unknown>): ChainLink => ({
    id: t.error_id as string,
    entry: byId.get(t.error_id as string),
    ...(typeof t.probability === "number" ? { probability: t.probability } : {}),
    ...(typeof t.condition === "string" ? { condition: t.condition } : {}),
  });
  return {
    entry,
    precededBy: linksOf(entry, "preceded_by").map(transition),
    leadsTo: linksOf(entry, "leads_to").map(transition),
    confusedWith: linksOf(entry, "frequently_confused_with").map((c) => ({ id: c.error_id as string, entry: byId.get(c.error_id as string), ...(typeof c.distinction === "string" ? { distinction: c.distinction } : {}) })),
  };
}
