// Reads byte ranges of one file, mostly in order, through a window of a few megabytes: how the
// incremental decorator takes unchanged entries' text from the index written before without holding
// the whole file (a 100,000-entry index.json is ~650 MB, longer than a string can be).
import { closeSync, openSync, readSync } from "node:fs";

const WINDOW_BYTES = 4 * 1024 * 1024;

export interface FileWindow {
  /** The UTF-8 text of bytes [start, start + bytes), or undefined when the file cannot give them. */
  text(start: number, bytes: number): string | undefined;
  close(): void;
}

export function fileWindow(file: string): FileWindow {
  let fd: number | undefined;
  let failed = false;
  let buffer = Buffer.alloc(0);
  let from = 0;
  let length = 0;
  return {
    text(start, bytes) {
      if (failed || !Number.isSafeInteger(start) || !Number.isSafeInteger(bytes) || start < 0 || bytes < 0) return undefined;
      if (start < from || start + bytes > from + length) {
        try {
          fd ??= openSync(file, "r");
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
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
