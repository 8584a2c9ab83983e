// The output folder as the writer sees it: everything in it, listed without following links and with
// file names kept as raw bytes (a name that is not UTF-8 can still be removed), and the ownership
// check that stops a mistyped --out from ever deleting someone's files.
import { lstatSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { GENERATED_MARK } from "../model/generated-mark.ts";
import { TEMP_SUFFIX } from "../source/temp-files.ts";
import { realPathOf } from "../source/entry-path.ts";
import { readBoundedFile } from "../source/read-file.ts";


/**
 * Whether a folder is a git repository's own folder (a `.git`, a bare repository, a worktree's git
 * folder): it holds HEAD beside objects/ or, for a linked worktree, beside commondir. Writing or
 * removing anything there breaks the repository.
 */
export function isGitDirectory(dir: string | Buffer): boolean {
  const is = (name: string, kind: "file" | "directory") => {
    let stat;
    try {
      // Followed, as git follows them: HEAD or objects/ may be links. A Buffer path keeps a name that is not UTF-8.
      stat = statSync(typeof dir === "string" ? path.join(dir, name) : Buffer.concat([dir, Buffer.from(`${path.sep}${name}`)]), { throwIfNoEntry: false });
    } catch {
      return false; // not a folder, or not readable: not one git can use either
    }
    return kind === "file" ? stat?.isFile() === true : stat?.isDirectory() === true;
  };
  return is("HEAD", "file") && (is("objects", "directory") || is("commondir", "file"));
}

/** The git folder `dir` is (or is inside), links resolved; undefined when there is none up to /. */
export function gitDirectoryAround(dir: string): string | undefined {
  for (let at = realPathOf(dir); ; at = path.dirname(at)) {
    if (path.basename(at) === ".git" || isGitDirectory(at)) return at;
    if (path.dirname(at) === at) return undefined;
  }
}

/** The output folder is not one kb may manage: a usage problem (a wrong --out), not a bug. */
export class OutputFolderError extends Error {}


export interface OutputItem {
  /** Relative path as text (for messages and for matching planned outputs; undecodable bytes shown as U+FFFD). */
  readonly path: string;
  /** The exact bytes of the absolute path, for removing what cannot be named as text. */
  readonly raw: Buffer;
  readonly kind: "file" | "directory" | "link" | "other";
  /** The name is valid UTF-8 (else no planned output can have it: it is always extra). */
  readonly decodable: boolean;
}

const strict = new TextDecoder("utf-8", { fatal: true });

/** Everything under `root`, sorted by path; only real directories are entered. A missing root is empty. */
export function listOutputFolder(root: string): OutputItem[] {
  // kb build refuses a linked output folder; kb check must not vouch for what it reads through one.
  if (lstatSync(root, { throwIfNoEntry: false })?.isSymbolicLink()) throw new OutputFolderError(`${root} is a symbolic link: kb reads and writes outputs only in a folder inside the repository (replace the link with the folder)`);
  const out: OutputItem[] = [];
  const walk = (raw: Buffer, rel: string, decodable: boolean): void => {
    let names: Buffer[];
    try {
      names = readdirSync(raw, { encoding: "buffer" });
    } catch (e) {
      // A missing root is empty; a folder that went away while listed (a concurrent build removed it) holds nothing.
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
      throw unlistable(rel === "" ? root : path.join(root, rel), e);
    }
    for (const name of names) {
      let text: string;
      let ok = decodable;
      try {
        text = strict.decode(name);
      } catch {
        text = new TextDecoder().decode(name);
        ok = false;
      }
      const itemRaw = Buffer.concat([raw, Buffer.from(path.sep), name]);
      const itemRel = rel === "" ? text : `${rel}/${text}`;
      // Gone between the listing and now (a concurrent build renamed its temporary file): not there.
      let stat;
      try {
        stat = lstatSync(itemRaw, { throwIfNoEntry: false });
      } catch (e) {
        throw unlistable(path.join(root, itemRel), e);
      }
      if (!stat) continue;
      const kind = stat.isSymbolicLink() ? "link" : stat.isDirectory() ? "directory" : stat.isFile() ? "file" : "other";
      out.push({ path: itemRel, raw: itemRaw, kind, decodable: ok });
      if (kind === "directory") walk(itemRaw, itemRel, ok);
    }
  };
  walk(Buffer.from(root), "", true);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : Buffer.compare(a.raw, b.raw)));
}

/** A folder or item of the output folder that cannot be listed: named (shortened when very long), with the way out. */
function unlistable(where: string, e: unknown): OutputFolderError {
  const code = (e as NodeJS.ErrnoException).code ?? String(e);
  const shown = where.length > 200 ? `${where.slice(0, 120)}…${where.slice(-60)} (${where.length} characters)` : where;
  const why = code === "ENAMETOOLONG" ? "its path is longer than the system allows; remove it by hand" : "it cannot be read; check its permissions";
  return new OutputFolderError(`cannot list ${shown}: ${why} (${code}); nothing was changed`);
}

/**
 * Refuses to manage a folder kb did not write: a symbolic link, a file, or a non-empty folder without
 * our catalogue README (a mistyped --out must never delete someone's files).
 */
export function assertOwnedOutputFolder(outDir: string): void {
  // A folder inside an output folder (generated/git: its README is a domain page, marked as ours too)
  // belongs to that folder's build: writing a tree there would wipe the domain's views.
  for (let dir = path.dirname(path.resolve(outDir)); ; dir = path.dirname(dir)) {
    if (isMarkedOutputFolder(dir)) throw new OutputFolderError(`refusing to write into ${outDir}: it is inside ${dir}, a folder kb build writes (check --out)`);
    if (path.dirname(dir) === dir) break;
  }
  let stat;
  try {
    stat = lstatSync(outDir);
  } catch {
    return; // does not exist yet: kb creates it
  }
  if (stat.isSymbolicLink()) throw new OutputFolderError(`refusing to write into ${outDir}: it is a symbolic link, and kb writes only inside the repository`);
  if (!stat.isDirectory()) throw new OutputFolderError(`refusing to write into ${outDir}: it is a file, not a folder (check --out)`);
  // A first build killed before its README's rename leaves only temporary files and the domain
  // folders it made: still ours to repair (an empty generated/api made every later build refuse, pass AN).
  if (holdsOnlyLeftovers(outDir)) return;
  if (!isMarkedOutputFolder(outDir)) throw new OutputFolderError(`refusing to write into ${outDir}: it is not empty and was not written by kb build (no README.md starting with kb's generated mark); check --out, or if it is kb's folder and its README.md was deleted or edited, restore it (git checkout -- README.md in that folder) or remove the folder, and build again`);
}

/** How deep and how many items a folder of leftovers may hold: a first build makes domain folders one level down. */
const LEFTOVER_DEPTH = 2;
const MOST_LEFTOVERS = 10_000;

/**
 * Whether the folder holds nothing but the writer's temporary files and folders holding only those
 * (or nothing), as a first build killed early leaves it. Links, other files, a deeper or larger tree,
 * or a folder that cannot be listed: not leftovers.
 */
function holdsOnlyLeftovers(dir: string): boolean {
  let seen = 0;
  const only = (at: string, depth: number): boolean => {
    let items;
    try {
      items = readdirSync(at, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const item of items) {
      if (++seen > MOST_LEFTOVERS) return false;
      if (item.isFile() && item.name.endsWith(TEMP_SUFFIX)) continue;
      if (!item.isDirectory() || depth >= LEFTOVER_DEPTH || !only(path.join(at, item.name), depth + 1)) return false;
    }
    return true;
  };
  return only(dir, 1);
}

/** Whether the folder's README.md carries kb build's mark. */
function isMarkedOutputFolder(dir: string): boolean {
  // Through the bounded reader: a FIFO or device named README.md must not block the run. Only the
  // mark's bytes are read (every ancestor's README.md is asked, up to /).
  const mark = Buffer.from(GENERATED_MARK);
  const read = readBoundedFile(path.join(dir, "README.md"), mark.length, true, true);
  return read.ok && mark.equals(read.bytes);
}
