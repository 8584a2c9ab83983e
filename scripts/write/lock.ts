// Serialises runs that write the same folder (two `kb build` at once): an exclusive lock file next to
// it, holding the owner's pid; a lock whose owner is dead is taken over.
import { open, readFile, rm } from "node:fs/promises";

/** Locks this process holds right now, so that its own pid in a lock file can be told apart. */
const heldHere = new Set<string>();

export async function withLock<T>(lockFile: string, run: () => Promise<T>, waitMs = 120_000): Promise<T> {
  const started = Date.now();
  while (true) {
    try {
      const handle = await open(lockFile, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      heldHere.add(lockFile);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      if (await ownerIsDead(lockFile)) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() - started > waitMs) throw new Error(`another kb process holds ${lockFile}; remove it if no kb is running`);
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 50));
    }
  }
  try {
    return await run();
  } finally {
    heldHere.delete(lockFile);
    await rm(lockFile, { force: true });
  }
}

async function ownerIsDead(lockFile: string): Promise<boolean> {
  const pid = Number((await readFile(lockFile, "utf8").catch(() => "")).trim());
  if (!Number.isInteger(pid) || pid <= 0) {
    // A lock being written right now has no pid yet; only a lock that stays empty is stale.
    await new Promise((r) => setTimeout(r, 200));
    const again = Number((await readFile(lockFile, "utf8").catch(() => "")).trim());
    return !Number.isInteger(again) || again <= 0;
  }
  // Our own pid in a lock this process does not hold is a dead run's, reused (fresh containers repeat pids).
  if (pid === process.pid) return !heldHere.has(lockFile);
  return !processIsAlive(pid);
}

/** Whether a process with this pid exists (one owned by another user counts as alive). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== "ESRCH";
  }
}
