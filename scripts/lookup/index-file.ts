// Reads the entries lookup needs from a bundled index file (generated/index.json or match.json),
// checking the shape so a wrong or truncated file gives a clear message instead of a crash.
import { readFile } from "node:fs/promises";
import type { LookupEntry } from "./lookup.ts";

export class IndexFileError extends Error {}

export async function readLookupEntries(file: string): Promise<LookupEntry[]> {
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch (e) {
    throw new IndexFileError(`cannot read the index ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}; run npx kb build first`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    throw new IndexFileError(`${file} is not valid JSON (${(e as Error).message}); run npx kb build`);
  }
  const entries = (parsed as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) throw new IndexFileError(`${file} has no "entries" array; is it an error-kb index?`);
  return entries.map((e, i) => {
    const x = e as Record<string, unknown>;
    if (typeof x.id !== "string" || typeof x.regex !== "string" || typeof x.signature !== "string" || typeof x.fix_success_rate !== "number") {
      throw new IndexFileError(`${file}: entries[${i}] lacks id, regex, signature or fix_success_rate`);
    }
    return { id: x.id, regex: x.regex, signature: x.signature, fix_success_rate: x.fix_success_rate };
  });
}
