// What a change does to the knowledge base, for people reviewing it: the entries added, removed and
// changed (with the fields that changed), found by comparing two bundled indexes (generated/index.json).
import { isDeepStrictEqual } from "node:util";
import { compareText } from "../model/diagnostic.ts";
import type { BundledIndex } from "../model/index-format.ts";
import { shapeProblem } from "../model/json-shape.ts";
import { MAX_INDEX_DEPTH, MAX_INDEX_VALUES, MAX_OBJECT_KEYS } from "../lookup/load-index.ts";

export type IndexedRecord = Readonly<Record<string, unknown>> & { readonly id: string };

export interface ChangedEntry {
  readonly id: string;
  /** Top-level fields whose value differs, in the head entry's (canonical) key order. */
  readonly fields: string[];
}

export interface IndexDiff {
  readonly added: IndexedRecord[];
  readonly removed: IndexedRecord[];
  readonly changed: ChangedEntry[];
}

/**
 * The entries of an index file's text. The base side comes from an older commit, so only the shape
 * every version shares is required: `entries`, an array of objects with a string `id`. The text is
 * counted before it is parsed (model/json-shape.ts).
 */
export function parseIndexEntries(text: string): { entries: IndexedRecord[] } | { problem: string } {
  // Held to the caps kb lookup --index uses: a 300 MB index took 5 GB and over 170 s to parse (pass N),
  // and 3,000 levels of nesting overflowed the stack of the comparison below (pass O).
  const tooBig = shapeProblem(text, { values: MAX_INDEX_VALUES, keys: MAX_OBJECT_KEYS, depth: MAX_INDEX_DEPTH });
  if (tooBig) return { problem: `holds ${tooBig}, more than an index of any real corpus` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { problem: `is not valid JSON: ${(e as Error).message}` };
  }
  const entries = (value as Partial<BundledIndex> | null)?.entries;
  if (!Array.isArray(entries)) return { problem: `has no "entries" array` };
  const bad = entries.findIndex((e) => e === null || typeof e !== "object" || typeof (e as { id?: unknown }).id !== "string");
  if (bad >= 0) return { problem: `entries[${bad}] is not an object with a string "id"` };
  return { entries: entries as IndexedRecord[] };
}

export function diffIndexes(base: readonly IndexedRecord[], head: readonly IndexedRecord[]): IndexDiff {
  const before = new Map(base.map((e) => [e.id, e]));
  const after = new Map(head.map((e) => [e.id, e]));
  const byId = (a: { id: string }, b: { id: string }) => compareText(a.id, b.id);
  const added = head.filter((e) => !before.has(e.id)).sort(byId);
  const removed = base.filter((e) => !after.has(e.id)).sort(byId);
  const changed: ChangedEntry[] = [];
  for (const entry of head) {
    const old = before.get(entry.id);
    if (!old) continue;
    const keys = [...Object.keys(entry), ...Object.keys(old).filter((k) => !Object.hasOwn(entry, k))];
    const fields = keys.filter((k) => !isDeepStrictEqual(entry[k], old[k]));
    if (fields.length > 0) changed.push({ id: entry.id, fields });
  }
  return { added, removed, changed: changed.sort(byId) };
}

export const isEmptyDiff = (diff: IndexDiff): boolean => diff.added.length + diff.removed.length + diff.changed.length === 0;
