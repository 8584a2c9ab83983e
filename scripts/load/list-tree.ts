// Lists everything under a folder without following links, names with line breaks and links
// included: fast-glob's patterns skip the former and its file listing hides the latter, and a hostile
// pull request can commit both into entries/ or generated/.
import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";

export interface ListedItem {
  /** Relative to the root, with forward slashes. */
  readonly path: string;
  readonly dirent: Dirent;
}

/** Every item under `root`, sorted by path; only real directories are entered. */
export async function listTree(root: string): Promise<ListedItem[]> {
  const out: ListedItem[] = [];
  const walk = async (rel: string): Promise<void> => {
    const items = await readdir(path.join(root, rel), { withFileTypes: true }).catch(() => [] as Dirent[]);
    for (const dirent of items) {
      const itemPath = rel === "" ? dirent.name : `${rel}/${dirent.name}`;
      out.push({ path: itemPath, dirent });
      if (dirent.isDirectory()) await walk(itemPath);
    }
  };
  await walk("");
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
