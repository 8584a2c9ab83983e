// The one listing of entries/: every item under the folder, without following links, each judged as
// an entry file to read or a stray item to report. A folder that cannot be read is never silently
// empty: the root is a usage error, a folder inside it a located diagnostic (and the run is
// incomplete, so no output is ever deleted on the strength of it).
import type { Dirent } from "node:fs";
import { lstatSync, readdirSync } from "node:fs";
import path from "node:path";
import { compareText, createDiagnostic, type Diagnostic } from "../model/diagnostic.ts";
import type { EntryRef } from "./entry-file.ts";
import { displayPath, idFromRelativePath } from "./entry-path.ts";
import { couldBeWriter, TEMP_SUFFIX, tempFileOwner, writerIsRunning } from "./temp-files.ts";

/** The folder to read is missing or is not a folder: a usage problem (exit 2), never "no problems". */
export class SourceError extends Error {}

export interface Listing {
  readonly root: string;
  readonly refs: readonly EntryRef[];
  /** Stray items, links and unreadable folders, already judged. */
  readonly problems: readonly Diagnostic[];
  /** Folders (relative to root) that could not be read: the listing is incomplete. */
  readonly unreadable: readonly string[];
}

export interface ListOptions {
  readonly cwd: string;
  /** Only these paths (files or folders, absolute or relative to cwd); each must exist under the root. */
  readonly only?: readonly string[];
}

export function listEntries(rootDir: string, options: ListOptions): Listing {
  const { cwd } = options;
  const root = path.resolve(cwd, rootDir);
  const shownRoot = displayPath(root, cwd);
  const rootStat = lstatOrError(root);
  if ("error" in rootStat) {
    throw new SourceError(rootStat.error === "ENOENT" ? `the entries folder ${shownRoot} does not exist` : `the entries folder ${shownRoot} cannot be read (${rootStat.error})`);
  }
  const problems: Diagnostic[] = [];
  const stray = (file: string, message: string, hint: string, rule: "kb/stray-file" | "kb/unreadable-path" = "kb/stray-file", severity: "error" | "warning" = "error") =>
    problems.push(createDiagnostic({ file, severity, rule, message, hint }));
  if (rootStat.stat.isSymbolicLink()) {
    stray(shownRoot, "the entries folder is a symbolic link; kb reads and fixes entries only inside the repository", "replace the link with the folder itself");
    return { root, refs: [], problems, unreadable: [] };
  }
  if (!rootStat.stat.isDirectory()) throw new SourceError(`the entries folder ${shownRoot} is not a folder`);

  const selected = options.only?.map((p) => selection(root, path.resolve(cwd, p), cwd));
  const refs: EntryRef[] = [];
  const unreadable: string[] = [];
  const walk = (rel: string): void => {
    let items: Dirent[];
    try {
      items = readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch (e) {
      if (rel === "") throw new SourceError(`the entries folder ${shownRoot} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      unreadable.push(rel);
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      stray(displayPath(path.join(root, rel), cwd), `this folder cannot be read (${code}); its entries were not checked`, "fix its permissions: kb neither checks nor builds a domain it cannot read", "kb/unreadable-path");
      return;
    }
    items.sort((a, b) => compareText(a.name, b.name));
    for (const dirent of items) {
      const itemRel = rel === "" ? dirent.name : `${rel}/${dirent.name}`;
      const absolute = path.join(root, itemRel);
      if (selected && !selected.some((s) => s === absolute || absolute.startsWith(s + path.sep) || s.startsWith(absolute + path.sep))) continue;
      const file = displayPath(absolute, cwd);
      // A name that is not UTF-8 reaches us with U+FFFD in it, and no file has that name.
      if (dirent.name.includes("\uFFFD") && !lstatSync(absolute, { throwIfNoEntry: false })) stray(file, "its name is not valid UTF-8 (shown with �), so it cannot be an entry", "rename it: ids are lowercase a-z, 0-9 and hyphens");
      else if (dirent.isSymbolicLink()) stray(file, "is a symbolic link; entries must be regular files inside entries/", "replace the link with the file itself");
      else if (dirent.isDirectory()) {
        if (itemRel.endsWith(".json")) stray(file, "is a directory named like an entry file", "rename the directory; entries are files");
        walk(itemRel);
      } else if (!dirent.isFile()) stray(file, "is not a regular file", "remove it from entries/");
      else if (itemRel.endsWith(TEMP_SUFFIX)) {
        // A running writer's file is about to be renamed over its entry: a warning, so a kb run beside
        // it does not fail; still named, since the pid in a committed name can be any running process's.
        // kb fix removes only files named as kb's writer names them: the hint said it would remove any (pass W).
        const owner = tempFileOwner(dirent.name);
        if (owner === undefined || !couldBeWriter(owner)) stray(file, "is named like a kb temporary file, but kb's writer did not name it", "delete it, or rename it if it is an entry");
        else if (!writerIsRunning(dirent.name)) stray(file, "is a temporary file left by an interrupted kb run", "run npx kb fix, which removes it, or delete it");
        else stray(file, `is a temporary file whose writer (pid ${tempFileOwner(dirent.name)}) is running: a kb run about to rename it, or a file left under that name`, "if no kb run is writing entries, delete it", "kb/stray-file", "warning");
      }
      else if (selected && !selected.some((s) => s === absolute || absolute.startsWith(s + path.sep))) continue;
      else if (!itemRel.endsWith(".json")) stray(file, "is not a .json file; entries/ holds only entries", "move it out of entries/ (docs belong in docs/)");
      else {
        const implied = idFromRelativePath(itemRel);
        refs.push({ file, absolute, pathId: "id" in implied ? implied.id : undefined, pathProblem: "problem" in implied ? implied.problem : undefined });
      }
    }
  };
  walk("");
  return { root, refs, problems, unreadable };
}

/** A path named on the command line: it must exist and lie inside the entries folder. */
function selection(root: string, absolute: string, cwd: string): string {
  const shown = displayPath(absolute, cwd);
  const stat = lstatOrError(absolute);
  // argv is decoded as UTF-8: bytes that are not become U+FFFD, which names another file ("does not
  // exist" for a file that does, pass AB).
  if ("error" in stat && stat.error === "ENOENT" && absolute.includes("\uFFFD")) throw new SourceError(`${shown}: the name is not valid UTF-8 (shown with \uFFFD), so kb cannot name that file; rename it`);
  if ("error" in stat) throw new SourceError(stat.error === "ENOENT" ? `${shown} does not exist` : `${shown} cannot be read (${stat.error})`);
  if (absolute !== root && !absolute.startsWith(root + path.sep)) throw new SourceError(`${shown} is not inside the entries folder ${displayPath(root, cwd)}`);
  return absolute;
}

function lstatOrError(p: string): { stat: import("node:fs").Stats } | { error: string } {
  try {
    return { stat: lstatSync(p) };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
}
