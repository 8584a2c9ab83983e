// A run killed between writing a temporary file and renaming it leaves the temporary file behind;
// `kb fix` removes those whose writer is gone (a live writer is still about to rename its own).
import { lstatSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { couldBeWriter, TEMP_SUFFIX, tempFileOwner, writerIsRunning } from "../source/temp-files.ts";

export interface TempCleanup {
  /** Removed, relative to the folder. */
  readonly removed: string[];
  /** Left because removing failed (a read-only folder: EACCES, EPERM, EROFS), with the system's code. */
  readonly failed: { readonly file: string; readonly code: string }[];
}

/** Removes dead writers' temporary files in the domain folders of `dir` (links not followed); paths relative to it, sorted. */
export function removeStaleTempFiles(dir: string, remove: (file: string) => void = (file) => rmSync(file, { force: true })): TempCleanup {
  const removed: string[] = [];
  const failed: { file: string; code: string }[] = [];
  // A linked entries/ is reported by the listing; nothing behind the link is ours to remove.
  if (lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink()) return { removed, failed };
  const walk = (rel: string) => {
    let items;
    try {
      items = readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const item of items) {
      const itemRel = rel === "" ? item.name : `${rel}/${item.name}`;
      // kb writes entries/<domain>/<slug>.json: its temporary files are never deeper, nor in a hidden
      // folder (a .git/objects/.pack.<pid>.<hex>.kb-tmp under --entries was deleted, pass Y).
      if (item.isDirectory()) {
        if (rel === "" && !item.name.startsWith(".")) walk(itemRel);
      }
      else if (item.isFile() && item.name.endsWith(TEMP_SUFFIX)) {
        // Only a file named by kb's writer (a pid a writer can have), whose writer has stopped, in a
        // domain folder: kb writes nothing else (root files and pids 0 or 99999999 were deleted, pass Z).
        const pid = tempFileOwner(item.name);
        if (rel !== "" && pid !== undefined && couldBeWriter(pid) && !writerIsRunning(item.name)) {
          // A folder kb may not write in crashed kb fix as an internal error (pass AA2): the file is left and named.
          try {
            remove(path.join(dir, itemRel));
            removed.push(itemRel);
          } catch (e) {
            failed.push({ file: itemRel, code: (e as NodeJS.ErrnoException).code ?? String(e) });
          }
        }
      }
    }
  };
  walk("");
  return { removed: removed.sort(), failed: failed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) };
}
