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

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}${TEMP_SUFFIX}`);
  try {
    const handle = await open(tmp, "wx");
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
