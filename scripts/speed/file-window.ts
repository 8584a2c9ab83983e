// Reads byte ranges of one file, mostly in order, through a window of a few megabytes: how the
// incremental decorator takes unchanged entries' text from the index written before without holding
// the whole file (a 100,000-entry index.json is ~650 MB, longer than a string can be). It opens only
// a regular file (no link followed, never blocking on a FIFO) that is still the one recorded, checked
// on the very descriptor it then reads: the same stamp, or else (a checkout, a restored cache) the
// same bytes by their digest.
import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { sameStamp, stampOf } from "../source/read-file.ts";

const WINDOW_BYTES = 4 * 1024 * 1024;
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export interface FileWindow {
  /** The UTF-8 text of bytes [start, start + bytes), or undefined when the file cannot give them. */
  text(start: number, bytes: number): string | undefined;
  /**
   * Whether the file is still as it was opened (the same stamp, on the same descriptor): text read
   * from a file that an editor rewrote in place meanwhile may mix old and new bytes.
   */
  unchanged(): boolean;
  close(): void;
}

/** The recorded file: its stamp, and the sha1 (hex) of its bytes. */
export interface RecordedFile {
  readonly stamp: readonly number[];
  readonly hash: string;
}

/** A window on the file, or undefined when it is not the recorded one or cannot be read. */
export function openFileWindow(file: string, recorded: RecordedFile): FileWindow | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, FLAGS);
    const stat = fstatSync(fd);
    if (!stat.isFile() || !(sameStamp(stampOf(stat), recorded.stamp) || (stat.size === recorded.stamp[1] && hashOf(fd) === recorded.hash))) {
      closeSync(fd);
      return undefined;
    }
  } catch {
    if (fd !== undefined) closeSync(fd);
    return undefined;
  }
  return windowOn(fd);
}

function stampNow(fd: number): readonly number[] | undefined {
  try {
    return stampOf(fstatSync(fd));
  } catch {
    return undefined;
  }
}

function hashOf(fd: number): string {
  const hash = createHash("sha1");
  const buffer = Buffer.allocUnsafe(WINDOW_BYTES);
  for (let at = 0, n = -1; n !== 0; at += n) {
    n = readSync(fd, buffer, 0, buffer.length, at);
    hash.update(buffer.subarray(0, n));
  }
  return hash.digest("hex");
}

function windowOn(fd: number): FileWindow {
  const opened = stampNow(fd);
  let open = true;
  let failed = false;
  let buffer = Buffer.alloc(0);
  let from = 0;
  let length = 0;
  return {
    text(start, bytes) {
      if (!open || failed || !Number.isSafeInteger(start) || !Number.isSafeInteger(bytes) || start < 0 || bytes < 0) return undefined;
      if (start < from || start + bytes > from + length) {
        try {
          const size = Math.max(bytes, WINDOW_BYTES);
          if (buffer.length < size) buffer = Buffer.allocUnsafe(size);
          length = 0;
          for (let n = -1; n !== 0 && length < size; length += n) n = readSync(fd, buffer, length, size - length, start + length);
          from = start;
        } catch {
          failed = true;
          return undefined;
        }
        if (bytes > length) return undefined;
      }
      return buffer.toString("utf8", start - from, start - from + bytes);
    },
    unchanged() {
      const now = open ? stampNow(fd) : undefined;
      return opened !== undefined && now !== undefined && sameStamp(opened, now);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
