// Reads one file kb was told to read, without ever blocking or reading unbounded data: it opens
// with O_NOFOLLOW and O_NONBLOCK (a FIFO or a device cannot stall the run), checks the open file is
// a regular file within the size limit, and reads exactly that many bytes.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from "node:fs";

export type ReadOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly stamp: FileStamp }
  | { readonly ok: false; readonly reason: "missing" | "not-a-file" | "too-large" | "unreadable"; readonly detail: string; readonly size?: number };

/**
 * What identifies a file's state without reading it: inode, size, mtime and ctime (any write changes
 * the ctime), taken before the bytes were read. The same stamp later means the same bytes.
 */
export type FileStamp = readonly [ino: number, size: number, mtimeMs: number, ctimeMs: number];

export function stampOf(stat: { ino: number; size: number; mtimeMs: number; ctimeMs: number }): FileStamp {
  return [stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs];
}

/** The stamp of the regular file at a path (links not followed), or undefined for anything else. */
export function currentStamp(file: string): FileStamp | undefined {
  try {
    const stat = lstatSync(file);
    return stat.isFile() ? stampOf(stat) : undefined;
  } catch {
    return undefined;
  }
}

export function sameStamp(a: FileStamp | readonly number[], b: FileStamp | readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * `followLinks`: allow the final path component to be a symbolic link (config files); entries never are.
 * `prefix`: read at most the first maxBytes of a larger file instead of refusing it (a mark at its start).
 */
export function readBoundedFile(file: string, maxBytes: number, followLinks = false, prefix = false): ReadOutcome {
  let fd: number;
  try {
    fd = openSync(file, followLinks ? constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) : FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    if (code === "ENOENT") return { ok: false, reason: "missing", detail: code };
    if (code === "ELOOP") return { ok: false, reason: "not-a-file", detail: "a symbolic link" };
    return { ok: false, reason: code === "EISDIR" ? "not-a-file" : "unreadable", detail: code === "EISDIR" ? "a directory" : code };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: "not-a-file", detail: stat.isDirectory() ? "a directory" : stat.isFIFO() ? "a FIFO" : stat.isSocket() ? "a socket" : "a device" };
    if (stat.size > maxBytes && !prefix) return { ok: false, reason: "too-large", detail: `${stat.size} bytes`, size: stat.size };
    // Read past the size seen, up to one byte over the limit: a file that grows while it is read, or
    // one whose size says less than it holds (/proc), is read whole or refused, never cut short.
    const cap = prefix ? maxBytes : maxBytes + 1;
    let buffer = Buffer.allocUnsafe(Math.min(cap, stat.size + 1));
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) {
        if (buffer.length === cap) break;
        const larger = Buffer.allocUnsafe(Math.min(cap, buffer.length * 2 + 4096));
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
      }
      const n = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    if (filled > maxBytes) return { ok: false, reason: "too-large", detail: `more than ${maxBytes} bytes`, size: filled };
    return { ok: true, bytes: buffer.subarray(0, filled), stamp: stampOf(stat) };
  } catch (e) {
    return { ok: false, reason: "unreadable", detail: (e as NodeJS.ErrnoException).code ?? String(e) };
  } finally {
    closeSync(fd);
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** Decodes UTF-8 strictly; on an invalid byte, its offset and the text before it (for a position). */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; offset: number; byte: number; prefix: string } {
  try {
    return { ok: true, text: strictUtf8.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return { ok: false, offset, byte: bytes[offset] ?? 0, prefix: lenientUtf8.decode(bytes.subarray(0, offset)) };
  }
}

/** Index of the first byte that starts an invalid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    if (need > 0) {
      try {
        strictUtf8.decode(b.subarray(i, i + need + 1));
      } catch {
        return i;
      }
    }
    i += need + 1;
  }
  return Math.max(0, b.length - 1);
}
