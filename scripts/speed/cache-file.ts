// The on-disk cache: one file per kind of result under node_modules/.cache/error-kb/: a header line
// (format, and a context key: tool fingerprint and every setting that changes results), one line per
// record ("<key> <json>"), and a last line with the checksum of everything before it. A file that is
// truncated, edited, of another format or another context is ignored. Records stay JSON text until
// asked for, so a 100,000-entry cache costs little memory.
import { existsSync } from "node:fs";
import path from "node:path";
import { digest } from "../model/digest.ts";
import { readBoundedFile } from "../source/read-file.ts";
import { writeFileAtomic } from "../write/atomic.ts";
export const CACHE_DIR = path.join("node_modules", ".cache", "error-kb");
const FORMAT = 2;
/** About the longest text V8 holds; a larger file could not be read as one anyway. */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;

export interface CacheFile<R> {
  get(key: string): R | undefined;
  set(key: string, record: R): void;
  /**
   * Writes the records used or added so far, and the loaded ones not asked for yet (a run may save
   * between batches: what a later batch will ask for must survive). A key may name its group before a
   * ":" (the lint cache: the file's path): a loaded record is dropped once another key of its group
   * was asked for, so an edited file's old versions go. `complete`: this run asked for everything it
   * will ever need (one save at its end), so only the records used or added are kept.
   */
  save(complete?: boolean): Promise<void>;
}

export function cacheFilePath(cwd: string, kind: string): string {
  return path.join(cwd, CACHE_DIR, `${kind}.json`);
}

/** A cache that remembers nothing: `--no-cache`, and runs that must not write. */
export function noCache<R>(): CacheFile<R> {
  return { get: () => undefined, set: () => undefined, save: async () => undefined };
}

/**
 * Opens the cache of one kind. Records are used only when the stored context equals `context`, the
 * checksum matches and `isRecord` accepts them. Where the folder has no node_modules (a checkout
 * without installed packages), there is no cache: kb never creates files outside the ignored folder.
 */
export function openCache<R>(cwd: string, kind: string, context: string, isRecord: (value: unknown) => value is R): CacheFile<R> {
  if (!existsSync(path.join(cwd, "node_modules"))) return noCache();
  const file = cacheFilePath(cwd, kind);
  const lines = readLines(file, context);
  const used = new Map<string, string>();
  /** The groups asked for in this run: their loaded records not in `used` are superseded. */
  const asked = new Set<string>();
  /** Records set since the last write; and the keys that write (or the file as loaded) holds. */
  let dirty = false;
  let written: ReadonlySet<string> = new Set(lines.keys());
  /** Per group, the keys loaded: a get of another key of the group supersedes them (see save). */
  const loadedKeys = new Map<string, string[]>();
  for (const key of lines.keys()) {
    const group = groupOf(key);
    const keys = loadedKeys.get(group);
    if (keys) keys.push(key);
    else loadedKeys.set(group, [key]);
  }
  let superseded = false;
  return {
    get(key) {
      const group = groupOf(key);
      asked.add(group);
      if (!superseded && loadedKeys.get(group)?.some((k) => k !== key)) superseded = true;
      const line = used.get(key) ?? lines.get(key);
      if (line === undefined) return undefined;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return undefined;
      }
      if (!isRecord(value)) return undefined;
      used.set(key, line);
      return value;
    },
    set(key, record) {
      const group = groupOf(key);
      asked.add(group);
      if (loadedKeys.get(group)?.some((k) => k !== key)) superseded = true;
      used.set(key, JSON.stringify(record));
      dirty = true;
    },
    async save(complete = false) {
      // Between writes, a partial save's records change only by a set or a superseded record: the
      // quick answer for the save after each batch of a run that changes nothing.
      if (!complete && !dirty && !superseded) return;
      const kept = new Map(used);
      if (!complete) for (const [key, line] of lines) if (!kept.has(key) && !asked.has(groupOf(key))) kept.set(key, line);
      // A run saves after every batch: rewrite the file only when it would hold other records than the
      // last write (a 10,000-entry lint cache is 18 MB; rewriting it per batch was most of a one-change build).
      if (!dirty && kept.size === written.size && [...kept.keys()].every((key) => written.has(key))) return;
      const body = [`${JSON.stringify({ format: FORMAT, context })}\n`, ...[...kept.keys()].sort().map((key) => `${key} ${kept.get(key)}\n`)].join("");
      dirty = false;
      superseded = false;
      written = new Set(kept.keys());
      // The cache only saves time: a full disk or a read-only node_modules must not fail the run.
      await writeFileAtomic(file, `${body}${digest(body)}\n`).catch(() => {
        dirty = true;
      });
    },
  };
}

/** The group a key names before its first ":", or the key itself. */
function groupOf(key: string): string {
  const colon = key.indexOf(":");
  return colon < 0 ? key : key.slice(0, colon);
}

/** Record lines by key, or none when the file is missing, damaged or from another context. */
function readLines(file: string, context: string): Map<string, string> {
  const lines = new Map<string, string>();
  // Through the bounded reader: a FIFO or device at the cache's path must not block the run.
  const read = readBoundedFile(file, MAX_CACHE_BYTES);
  if (!read.ok) return lines;
  let text: string;
  try {
    text = Buffer.from(read.bytes).toString("utf8");
  } catch {
    return lines;
  }
  const last = text.lastIndexOf("\n", text.length - 2);
  if (!text.endsWith("\n") || last < 0 || digest(text.slice(0, last + 1)) !== text.slice(last + 1, -1)) return lines;
  const firstEnd = text.indexOf("\n");
  try {
    const header = JSON.parse(text.slice(0, firstEnd)) as { format?: unknown; context?: unknown };
    if (header?.format !== FORMAT || header.context !== context) return lines;
  } catch {
    return lines;
  }
  for (let start = firstEnd + 1; start <= last; ) {
    const end = text.indexOf("\n", start);
    const space = text.indexOf(" ", start);
    if (space > start && space < end) lines.set(text.slice(start, space), text.slice(space + 1, end));
    start = end + 1;
  }
  return lines;
}
