// The one writer: every file error-kb writes (generated/ and `kb fix`) goes through a temporary
// file in the same directory, fsync, then rename, so a reader or a crash sees the old or the new
// version, never a truncated one.
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";

export const TEMP_SUFFIX = ".kb-tmp";

export function isTempFile(name: string): boolean {
  return name.endsWith(TEMP_SUFFIX);
}

/** The pid of the process that wrote a temporary file, read back from the name writeFileAtomic gave it. */
export function tempFileOwner(name: string): number | undefined {
  const m = /\.(\d+)\.[0-9a-f]{8}\.kb-tmp$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/**
 * Writes `content` (a string, bytes, or string pieces for contents too long for one string). When
 * `keep` is given and returns false once the content is written, the file is left as it was.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array | Iterable<string>, keep?: () => boolean): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}${TEMP_SUFFIX}`);
  try {
    const handle = await open(tmp, "wx");
    try {
      if (typeof content === "string" || content instanceof Uint8Array) await handle.writeFile(content);
      else {
        // Many small pieces are gathered into writes of about a megabyte.
        let pending = "";
        for (const piece of content) {
          pending += piece;
          if (pending.length >= 1 << 20) {
            await handle.write(pending);
            pending = "";
          }
        }
        if (pending !== "") await handle.write(pending);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (keep && !keep()) await rm(tmp, { force: true });
    else await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
