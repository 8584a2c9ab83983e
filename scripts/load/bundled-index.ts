// Reads the generated indexes for programs that use error-kb as a package: the bundled index.json
// (every field) and match.json (just what matching needs), refusing a format of another major version.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { INDEX_SCHEMA_VERSION, type BundledIndex } from "../build/bundle.ts";
import { MATCH_SCHEMA_VERSION, type MatchIndex } from "../lookup/match-index.ts";

/** The indexes shipped with the package (this file sits one folder below the package root, in scripts/ or dist/). */
export const BUNDLED_INDEX_PATH = fileURLToPath(new URL("../../generated/index.json", import.meta.url));
export const BUNDLED_MATCH_INDEX_PATH = fileURLToPath(new URL("../../generated/match.json", import.meta.url));

export class IndexFileError extends Error {}

async function readVersioned<T extends { schema_version: string; entries: readonly unknown[] }>(file: string, version: string): Promise<T> {
  let value: T;
  try {
    value = JSON.parse(await readFile(file, "utf8")) as T;
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new IndexFileError(`cannot read the index ${file} (${reason}); run npx kb build first`);
  }
  const major = (v: unknown) => (typeof v === "string" ? v.split(".")[0] : undefined);
  if (value === null || typeof value !== "object" || !Array.isArray(value.entries)) throw new IndexFileError(`${file} is not an error-kb index: it has no "entries" array`);
  value.entries.forEach((e, i) => {
    const x = (e ?? {}) as Record<string, unknown>;
    if (typeof x.id !== "string" || typeof x.regex !== "string" || typeof x.signature !== "string" || typeof x.fix_success_rate !== "number") {
      throw new IndexFileError(`${file}: entries[${i}] lacks id, regex, signature or fix_success_rate`);
    }
  });
  if (major(value.schema_version) !== major(version)) {
    throw new IndexFileError(`${file} has format version ${String(value.schema_version)}, but this error-kb reads ${major(version)}.x; use the matching error-kb version`);
  }
  return value;
}

/** The full index: every entry with every field. Defaults to the one bundled with the package. */
export function loadIndex(file: string = BUNDLED_INDEX_PATH): Promise<BundledIndex> {
  return readVersioned<BundledIndex>(file, INDEX_SCHEMA_VERSION);
}

/** The compact match index, about a twentieth of the full one. Defaults to the bundled match.json. */
export function loadMatchIndex(file: string = BUNDLED_MATCH_INDEX_PATH): Promise<MatchIndex> {
  return readVersioned<MatchIndex>(file, MATCH_SCHEMA_VERSION);
}
