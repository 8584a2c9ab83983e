// Compares the outputs a build would write with what is on disk (for `kb check`) and makes the disk
// match them (for `kb build`): only changed files are rewritten, files no entry produces are removed.
import { lstat, readFile, rm, rmdir, readdir } from "node:fs/promises";
import path from "node:path";
import { VIEW_HEADER_PREFIX } from "../render/links.ts";
import { listTree } from "../load/list-tree.ts";
import { isTempFile, writeFileAtomic } from "../write/atomic.ts";
import type { Outputs } from "./outputs.ts";

/** The output folder is not one kb may manage: a usage problem (a wrong --out), not a bug. */
export class OutputFolderError extends Error {}

export interface OutputDrift {
  readonly stale: string[];
  readonly missing: string[];
  readonly extra: string[];
}

/** Everything in the output folder but folders: links and oddly named files are outputs no entry produces. */
export async function listOutputFolder(outDir: string): Promise<string[]> {
  return (await listTree(outDir)).filter((item) => !item.dirent.isDirectory()).map((item) => item.path);
}

export async function compareOutputs(outDir: string, outputs: Outputs): Promise<OutputDrift> {
  const onDisk = await listOutputFolder(outDir);
  const present = new Set(onDisk);
  const stale: string[] = [];
  const missing: string[] = [];
  await Promise.all(
    [...outputs.entries()].map(async ([rel, content]) => {
      if (!present.has(rel)) missing.push(rel);
      // A link where an output belongs is stale even if what it points at reads the same.
      else if (!(await lstat(path.join(outDir, rel))).isFile() || (await readFile(path.join(outDir, rel), "utf8").catch(() => undefined)) !== content) stale.push(rel);
    }),
  );
  const extra = onDisk.filter((f) => !outputs.has(f));
  return { stale: stale.sort(), missing: missing.sort(), extra };
}

/**
 * Refuses to manage a non-empty folder that error-kb did not write (a mistyped --out must never
 * delete someone's files): the catalogue README.md with our header marks ours.
 */
export async function assertOwnedOutputFolder(outDir: string): Promise<void> {
  if ((await lstat(outDir).catch(() => undefined))?.isSymbolicLink()) throw new OutputFolderError(`refusing to write into ${outDir}: it is a symbolic link, and kb writes only inside the repository`);
  // A first build killed before its first rename leaves only temporary files: still ours to repair.
  const files = (await readdir(outDir).catch(() => [] as string[])).filter((f) => !isTempFile(f));
  if (files.length === 0) return;
  const readme = await readFile(path.join(outDir, "README.md"), "utf8").catch(() => "");
  if (!readme.startsWith(VIEW_HEADER_PREFIX)) {
    throw new OutputFolderError(`refusing to write into ${outDir}: it is not empty and was not written by kb build (no generated README.md)`);
  }
}

export async function syncOutputs(outDir: string, outputs: Outputs): Promise<OutputDrift> {
  await assertOwnedOutputFolder(outDir);
  const drift = await compareOutputs(outDir, outputs);
  // The catalogue goes first: it marks the folder as ours, so a run cut off after it can be repaired.
  const toWrite = [...drift.missing, ...drift.stale].sort((a, b) => (a === "README.md" ? -1 : b === "README.md" ? 1 : a < b ? -1 : 1));
  // Extras go first: one may be a link to a folder outside, which a write below must never go through.
  for (const rel of drift.extra) await rm(path.join(outDir, rel), { force: true });
  for (const rel of toWrite) await writeFileAtomic(path.join(outDir, rel), outputs.get(rel)!);
  await removeEmptyFolders(outDir);
  return drift;
}

export async function removeEmptyFolders(dir: string): Promise<boolean> {
  const items = await readdir(dir, { withFileTypes: true }).catch(() => []);
  let empty = true;
  for (const item of items) {
    if (item.isDirectory() && (await removeEmptyFolders(path.join(dir, item.name)))) await rmdir(path.join(dir, item.name)).catch(() => undefined);
    else empty = false;
  }
  return empty;
}
