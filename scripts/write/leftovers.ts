// A run killed between writing a temporary file and renaming it leaves the temporary file behind;
// `kb fix` removes those whose writer is dead (a live writer is still about to rename its own).
import { rm } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import { processIsAlive } from "./lock.ts";
import { TEMP_SUFFIX, tempFileOwner } from "./atomic.ts";

/** Removes dead writers' temporary files under `dir`; returns their paths relative to it. */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  const found = await fg(`**/*${TEMP_SUFFIX}`, { cwd: dir, dot: true, onlyFiles: true, followSymbolicLinks: false });
  const stale = found.filter((rel) => {
    const pid = tempFileOwner(path.basename(rel));
    return pid !== undefined && !processIsAlive(pid);
  });
  await Promise.all(stale.map((rel) => rm(path.join(dir, rel), { force: true })));
  return stale.sort();
}
