// What a view knows of the entries it links to: their signatures (in both languages) and whether they
// have a Chinese view. A view is rendered from its entry and these, nothing else, so it can be rendered
// in any thread and is stale only when it or one of them changes.
import type { Entry } from "../model/entry.ts";
import { hasChineseView } from "./localise.ts";

export interface Neighbour {
  readonly id: string;
  readonly signature: string;
  readonly signature_zh: string | undefined;
  readonly translated_signature: string | undefined;
  readonly hasChinese: boolean;
}

export type Neighbours = ReadonlyMap<string, Neighbour>;

export function neighbourOf(e: Entry): Neighbour {
  return { id: e.id, signature: e.signature, signature_zh: e.signature_zh, translated_signature: e.translated_from?.signature, hasChinese: hasChineseView(e) };
}

/** Ids an entry's transition graph names (itself excluded), sorted. */
export function linkedIds(e: Pick<Entry, "id" | "transition_graph">): string[] {
  const g = e.transition_graph;
  if (!g) return [];
  const ids = new Set([...g.leads_to, ...g.preceded_by, ...g.frequently_confused_with].map((l) => l.error_id));
  ids.delete(e.id);
  return [...ids].sort();
}
