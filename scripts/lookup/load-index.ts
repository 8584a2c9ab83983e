// Reads the generated indexes for programs: index.json (every entry, every field) and match.json
// (what matching and an answer need), refusing a file that is not an error-kb index or whose format
// is of another major version. Sized and validated before use; the matcher then skips (and reports)
// any entry it cannot use instead of failing on the whole index.
import { constants } from "node:buffer";
import path from "node:path";
import { INDEX_SCHEMA_VERSION, MATCH_SCHEMA_VERSION, type BundledIndex, type MatchIndex } from "../model/index-format.ts";
import { shapeProblem } from "../model/json-shape.ts";
import { decodeUtf8, readBoundedFile } from "../source/read-file.ts";
import { DATA_DIR } from "./data-folder.ts";

/** The indexes shipped with the package (generated/ in the repository). */
export const BUNDLED_INDEX_PATH = path.join(DATA_DIR, "index.json");
export const BUNDLED_MATCH_INDEX_PATH = path.join(DATA_DIR, "match.json");

export class IndexFileError extends Error {}

/** Largest index file read by default (1 GiB). */
export const MAX_INDEX_BYTES = 1024 * 1024 * 1024;

/**
 * Most JSON values (numbers, strings, arrays, objects, literals) an index may hold. Parsing costs
 * memory per value more than per byte: 140 MB of `0,0,0,…` (70 million values) took 4.8 GB and a
 * little more crashed V8 outright. A real match.json holds about 24 values per entry (2.4 million at
 * 100,000 entries), index.json about 100 (10 million).
 */
export const MAX_INDEX_VALUES = 16_000_000;

/** Deepest nesting in an index: an entry's fields nest a few levels; 16 million nested brackets took 2.2 GB to parse. */
export const MAX_INDEX_DEPTH = 64;

/** Most keys one object of an index may have: an entry has a few dozen, and V8 parses an object of millions of keys in time that grows faster than their number (16 million did not finish in 12 minutes). */
export const MAX_OBJECT_KEYS = 10_000;

function readVersioned<T extends { schema_version: string; entries: readonly unknown[] }>(file: string, version: string, maxBytes: number): T {
  // Node's own ERR_OUT_OF_RANGE or ERR_INVALID_ARG_TYPE named none of this API (pass AN).
  if (typeof file !== "string" || file === "") throw new TypeError(`the index file must be a path (a non-empty string), not ${file === null ? "null" : typeof file}`);
  if (typeof maxBytes !== "number" || !Number.isFinite(maxBytes) || maxBytes <= 0) throw new RangeError(`maxBytes must be a positive number of bytes, not ${String(maxBytes)}`);
  // One open, then fstat and a bounded read of that descriptor: a path swapped for a FIFO or a larger
  // file between a stat and a read could hang the caller or pass the size cap (pass AM).
  const read = readBoundedFile(file, Math.min(maxBytes, constants.MAX_STRING_LENGTH), true);
  if (!read.ok) {
    if (read.reason === "not-a-file") throw new IndexFileError(`${file} is not a regular file (${read.detail})`);
    if (read.reason !== "too-large") throw new IndexFileError(`cannot read the index ${file} (${read.detail})`);
    // Past the longest text the file cannot become one: V8's error said "not valid JSON" (pass O).
    if ((read.size ?? Infinity) > maxBytes) throw new IndexFileError(`${file} is ${read.detail}, more than the limit of ${maxBytes}`);
    throw new IndexFileError(`${file} is ${read.detail}, more than the longest text Node.js can hold (${constants.MAX_STRING_LENGTH} characters); it is not read`);
  }
  let value: unknown;
  try {
    const decoded = decodeUtf8(read.bytes);
    if (!decoded.ok) throw new IndexFileError(`${file} is not UTF-8 text (byte 0x${decoded.byte.toString(16).padStart(2, "0")} at offset ${decoded.offset})`);
    const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
    const problem = shapeProblem(text, { values: MAX_INDEX_VALUES, keys: MAX_OBJECT_KEYS, depth: MAX_INDEX_DEPTH });
    if (problem) throw new IndexFileError(`${file} holds ${problem}, more than an index of any real corpus; it is not read`);
    value = JSON.parse(text);
  } catch (e) {
    if (e instanceof IndexFileError) throw e;
    throw new IndexFileError(`${file} is not valid JSON (${(e as Error).message})`);
  }
  const v = value as { schema_version?: unknown; entries?: unknown } | null;
  if (v === null || typeof v !== "object" || !Array.isArray(v.entries)) throw new IndexFileError(`${file} is not an error-kb index: it has no "entries" array`);
  const major = (s: unknown) => (typeof s === "string" ? s.split(".")[0] : undefined);
  if (major(v.schema_version) !== major(version)) throw new IndexFileError(`${file} has format version ${String(v.schema_version)}, but this reader reads ${major(version)}.x; use the matching error-kb version`);
  return value as T;
}

/** The full index: every entry with every field. Defaults to the one bundled with the package. */
export function loadIndex(file: string = BUNDLED_INDEX_PATH, maxBytes = MAX_INDEX_BYTES): BundledIndex {
  return readVersioned<BundledIndex>(file, INDEX_SCHEMA_VERSION, maxBytes);
}

/** The compact match index, about a twentieth of the full one. Defaults to the bundled match.json. */
export function loadMatchIndex(file: string = BUNDLED_MATCH_INDEX_PATH, maxBytes = MAX_INDEX_BYTES): MatchIndex {
  return readVersioned<MatchIndex>(file, MATCH_SCHEMA_VERSION, maxBytes);
}
