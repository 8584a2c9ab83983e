// Appends to the files GitHub hands a step ($GITHUB_STEP_SUMMARY, $GITHUB_OUTPUT). The runner makes
// them regular files; anything else at such a path (a FIFO, which blocked kb for as long as nobody
// read it, deaf to Ctrl+C; a device; a link) is refused with a clear error instead of written to.
import { closeSync, constants, fstatSync, openSync, writeSync } from "node:fs";
import { WriteError } from "./atomic.ts";

const FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Appends the text to a regular file (made if missing), or throws a WriteError naming what is there instead. */
export function appendToRegularFile(file: string, text: string, what: string): void {
  let fd: number;
  try {
    fd = openSync(file, FLAGS, 0o666);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "EUNKNOWN";
    const why = code === "ELOOP" ? "it is a symbolic link" : code === "ENXIO" ? "it is a FIFO nobody reads" : code === "EISDIR" ? "it is a folder" : (e as Error).message;
    throw new WriteError(file, code, `cannot write ${what} to ${file}: ${why} (${code})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new WriteError(file, "ENOTFILE", `cannot write ${what} to ${file}: it is ${stat.isFIFO() ? "a FIFO" : stat.isSocket() ? "a socket" : "a device"}, not a regular file`);
    const bytes = Buffer.from(text, "utf8");
    for (let offset = 0; offset < bytes.length; ) {
      const n = writeSync(fd, bytes, offset, bytes.length - offset);
      if (n <= 0) throw new WriteError(file, "ENOSPC", `cannot write ${what} to ${file}: the write made no progress (ENOSPC)`);
      offset += n;
    }
  } catch (e) {
    if (e instanceof WriteError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? "EUNKNOWN";
    throw new WriteError(file, code, `cannot write ${what} to ${file}: ${(e as Error).message}`);
  } finally {
    closeSync(fd);
  }
}
