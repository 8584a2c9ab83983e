// Serialises runs that write the same folder (two `kb build` at once) with proper-lockfile: the lock
// is a folder next to the output folder (mkdir is atomic), kept fresh by its owner every few seconds;
// a lock nobody refreshes for `STALE_MS` is a dead run's and is taken over. Its owner is known by
// that heartbeat, not by a pid (pids repeat across containers and hosts), and anything at the lock's
// path that kb did not create (a file or a non-empty folder, e.g. committed from git) is refused.
import { lstatSync, readdirSync } from "node:fs";
import lockfile from "proper-lockfile";

export const STALE_MS = 10_000;

export class LockError extends Error {}

export async function withLock<T>(lockPath: string, run: () => Promise<T>): Promise<T> {
  const found = lstatOrUndefined(lockPath);
  if (found && (!found.isDirectory() || readdirSync(lockPath).length > 0)) {
    throw new LockError(`${lockPath} is in the way of kb's lock and was not made by kb (a lock is an empty folder kb creates); remove it and run again`);
  }
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(lockPath, {
      lockfilePath: lockPath,
      realpath: false,
      stale: STALE_MS,
      update: STALE_MS / 2,
      retries: { retries: 80, factor: 1.2, minTimeout: 50, maxTimeout: 2_000 },
      onCompromised: (e) => {
        compromised = e;
      },
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ELOCKED") throw new LockError(`another kb run holds ${lockPath} and kept it past the wait; try again when it has finished`);
    throw new LockError(`cannot take the lock ${lockPath}: ${(e as Error).message}`);
  }
  try {
    const result = await run();
    if (compromised) throw new LockError(`the lock ${lockPath} was taken over while this run held it (${compromised.message}); run again`);
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}

function lstatOrUndefined(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}
