// Writes a synthetic corpus to disk as entries/<domain>/<slug>.json: the I/O edge of corpus.ts.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_SEED, entryText, identityOf } from "./corpus.ts";

export interface WrittenCorpus {
  readonly files: number;
  readonly bytes: number;
}

export function writeCorpus(entriesDir: string, size: number, seed: number = DEFAULT_SEED): WrittenCorpus {
  const made = new Set<string>();
  let bytes = 0;
  for (let i = 0; i < size; i++) {
    const { id } = identityOf(i, seed);
    const file = path.join(entriesDir, `${id}.json`);
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    const text = entryText(i, size, seed);
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  }
  return { files: size, bytes };
}

/** Path of entry `index` of a corpus, relative to the entries folder. */
export function entryFile(index: number, seed: number = DEFAULT_SEED): string {
  return `${identityOf(index, seed).id}.json`;
}
