// The one writer: every file kb writes (generated/, `kb fix`, `kb new`, docs, the cache) goes through a
// temporary file in the same folder, written in full (a short write is continued until every byte is
// down or the system refuses), fsynced, then renamed over the target, so a reader or a crash sees the
// old file or the new one, never a torn one. write-file-atomic was weighed and not used: it issues a
// single fs.write and ignores a short count (lib/index.js, v5-v8), the exact defect that put a
// truncated index.json in place on a full disk, and its current major needs Node 22.
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { link, lstat, mkdir, open, rename, rm, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { TEMP_SUFFIX } from "../source/temp-files.ts";
import { currentStamp, type FileStamp } from "../source/read-file.ts";

/** Why a write failed, in words, with the system's code: a usage-level problem (exit 2), not a bug. */
export class WriteError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** The same error naming the file as people see it (relative to where kb runs). */
  shownAs(shown: string): WriteError {
    return new WriteError(this.file, this.code, this.message.split(this.file).join(shown));
  }
}

/** What an error code means, in words (for messages about writing, and about the lock). */
export const REASONS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exhausted",
  EACCES: "permission denied",
  EPERM: "the operation is not permitted",
  EROFS: "the file system is read-only",
  EEXIST: "a file is in the way where a folder is needed",
  ENOTDIR: "a file is in the way where a folder is needed",
  EISDIR: "a folder is in the way where a file is needed",
  EMFILE: "too many open files",
  EIO: "an input/output error",
  EFBIG: "the file would exceed the size limit (ulimit -f, or the file system's)",
  ENOENT: "a folder on its path cannot be made there",
};

export function describeWriteError(file: string, e: unknown): WriteError {
  if (e instanceof WriteError) return e;
  const code = (e as NodeJS.ErrnoException)?.code ?? "EUNKNOWN";
  return new WriteError(file, code, `cannot write ${file}: ${REASONS[code] ?? (e as Error)?.message ?? String(e)} (${code}); the previous file, if any, is unchanged`);
}

export interface WriteOptions {
  /** Checked once the content is written: false leaves the target as it was (for "write only if changed" on streamed content). */
  readonly keep?: () => boolean;
  /** Keep the mode of the file being replaced (entries a contributor made executable or read-only stay so). */
  readonly preserveMode?: boolean;
  /** Create the file only if nothing is at its path (`kb new`): one made meanwhile is never replaced (EEXIST). */
  readonly exclusive?: boolean;
  /** The new file's permissions, exactly (the umask does not apply): `kb hooks install` writes an executable hook. */
  readonly mode?: number;
}

/**
 * mkdir -p, one level at a time from the nearest folder that exists. Node 20's recursive mkdir loops
 * forever where a level cannot be made and yet reports ENOENT (any path under /proc: `kb lint -o
 * /proc/a/b` spun at full CPU); here a level that cannot be made is an error, so the loop is bounded
 * by the path's depth.
 */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    const stat = await lstat(at).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? undefined : Promise.reject(e)));
    if (stat !== undefined) break;
    missing.push(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing.reverse()) await mkdir(folder).catch((e: NodeJS.ErrnoException) => (e.code === "EEXIST" ? undefined : Promise.reject(e)));
}

/**
 * Writes a string, bytes, or string pieces (for content longer than one string can be). Returns the
 * stamp of the file it put in place, taken after the rename and only if the file there is still the
 * one written (same inode, size and mtime as the written file had): undefined when `keep` declined,
 * or when something replaced or changed the file at once (an editor saving it), so that no one
 * records another's file as the one kb wrote.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array | Iterable<string>, options: WriteOptions = {}): Promise<FileStamp | undefined> {
  const dir = path.dirname(file);
  try {
    await makeFolders(dir);
  } catch (e) {
    throw describeWriteError(file, e);
  }
  const existing = await lstat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new WriteError(file, "EISDIR", `cannot write ${file}: a folder is in the way where a file is needed (EISDIR)`);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}${TEMP_SUFFIX}`);
  let handle: FileHandle | undefined;
  let written: { ino: number; size: number; mtimeMs: number } | undefined;
  try {
    handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, options.preserveMode && existing?.isFile() ? existing.mode & 0o777 : 0o666);
    if (options.mode !== undefined) await handle.chmod(options.mode);
    if (typeof content === "string" || content instanceof Uint8Array) await writeAll(handle, content);
    else {
      // Many small pieces are gathered into writes of about a megabyte.
      let pending = "";
      for (const piece of content) {
        pending += piece;
        if (pending.length >= 1 << 20) {
          await writeAll(handle, pending);
          pending = "";
        }
      }
      if (pending !== "") await writeAll(handle, pending);
    }
    await handle.sync();
    written = await handle.stat();
    await handle.close();
    handle = undefined;
    if (options.keep && !options.keep()) {
      await rm(tmp, { force: true });
      return undefined;
    }
    if (options.exclusive) {
      // link, unlike rename, fails when anything (even a dangling link) is at the target.
      await link(tmp, file);
      await rm(tmp, { force: true });
    } else await rename(tmp, file);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await rm(tmp, { force: true }).catch(() => undefined);
    throw describeWriteError(file, e);
  }
  // The rename changes the ctime, so the stamp is taken now; inode, size and mtime show it is ours.
  const stamp = currentStamp(file);
  await syncFolder(dir);
  return stamp && written && stamp[0] === written.ino && stamp[1] === written.size && stamp[2] === written.mtimeMs ? stamp : undefined;
}

/** Writes every byte: fs.write may write fewer than asked (a nearly full disk) without failing. */
export async function writeAll(handle: Pick<FileHandle, "write">, content: string | Uint8Array): Promise<void> {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    if (bytesWritten <= 0) throw Object.assign(new Error("the write made no progress"), { code: "ENOSPC" });
    offset += bytesWritten;
  }
}

/** Makes the rename durable; a folder that cannot be opened for syncing (some file systems) is not an error. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY).catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}
