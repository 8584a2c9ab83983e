// Serialises runs that write the same folder (two `kb build` at once) with proper-lockfile: the lock
// is a folder next to the output folder (mkdir is atomic), kept fresh by its owner every few seconds;
// a lock nobody refreshes for `STALE_MS` is a dead run's and is taken over. Its owner is known by
// that heartbeat, not by a pid (pids repeat across containers and hosts), and anything at the lock's
// path that kb did not create (a file or a non-empty folder, e.g. committed from git) is refused.
import { lstatSync, readdirSync, rmdirSync } from "node:fs";
import path from "node:path";
import { makeFolders, REASONS, WriteError } from "./atomic.ts";

export const STALE_MS = 10_000;
/** How long a run waits for another to finish before it gives up. */
export const WAIT_MS = 120_000;

export class LockError extends Error {}

/**
 * Runs `run` holding the lock. `run` gets `held`, which throws a WriteError when the lock is no longer
 * this run's: taken over after this run stopped refreshing it (paused with Ctrl+Z, a debugger, a
 * frozen container) and another run took it. Called before each change to the folder, it keeps a run
 * that wakes up from writing older outputs over a newer run's (proper-lockfile notices only at its
 * next refresh, seconds later).
 */
export async function withLock<T>(lockPath: string, run: (held: () => void) => Promise<T>): Promise<T> {
  const found = lstatOrUndefined(lockPath);
  if (found && (!found.isDirectory() || readdirSync(lockPath).length > 0)) {
    throw new LockError(`${lockPath} is in the way of kb's lock and was not made by kb (a lock is an empty folder kb creates); remove it and run again`);
  }
  let compromised: Error | undefined;
  const release = await acquire(lockPath, (e) => {
    compromised = e;
  });
  // The lock folder is known by its inode and birth time: a folder made again by a run that took the
  // lock over often gets the same inode back, never the same birth time (where the file system keeps one).
  const identity = (stat: ReturnType<typeof lstatOrUndefined>) => (stat ? `${stat.ino}:${stat.birthtimeMs}` : undefined);
  const ours = identity(lstatOrUndefined(lockPath));
  const stillOurs = () => !compromised && identity(lstatOrUndefined(lockPath)) === ours;
  const held = () => {
    if (!stillOurs()) throw new WriteError(lockPath, "ELOCKLOST", `the lock ${lockPath} was taken over while this run held it (the run was paused?), so it stopped before changing anything more; run kb build again`);
  };
  try {
    const result = await run(held);
    if (!stillOurs()) throw new LockError(`the lock ${lockPath} was taken over while this run held it${compromised ? ` (${compromised.message})` : ""}; run again`);
    return result;
  } finally {
    // A lock another run has taken over is that run's: releasing it would remove it under that run.
    if (stillOurs()) await release().catch(() => undefined);
  }
}

/**
 * Takes the lock, waiting (with backoff, up to WAIT_MS) only while another run holds it. Any other
 * failure (the folder it goes in cannot be made, no permission, a full disk) fails at once:
 * proper-lockfile's own retries would retry those too, for minutes. A lock whose time is well in the
 * future has no live owner (an owner refreshes it to the present) and is taken over like a stale one.
 */
async function acquire(lockPath: string, onCompromised: (e: Error) => void): Promise<() => Promise<void>> {
  const deadline = Date.now() + WAIT_MS;
  for (let delay = 50; ; delay = Math.min(delay * 1.5, 2_000)) {
    try {
      await makeFolders(path.dirname(lockPath));
      // Loaded only by runs that take the lock: proper-lockfile installs signal handlers (signal-exit),
      // which keep Ctrl+C from ending a run whose main thread is busy.
      const { default: lockfile } = await import("proper-lockfile");
      return await lockfile.lock(lockPath, { lockfilePath: lockPath, realpath: false, stale: STALE_MS, update: STALE_MS / 2, retries: 0, onCompromised });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ELOCKED") throw new LockError(`cannot take the lock ${lockPath}${code && REASONS[code] ? `: ${REASONS[code]} (${code}); check the output folder (--out)` : `: ${(e as Error).message}`}`);
      if (Date.now() >= deadline) throw new LockError(`another kb run holds ${lockPath} and kept it past the wait; try again when it has finished`);
      if (!fromTheFuture(lockPath)) await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** An empty lock folder dated more than STALE_MS ahead, removed: true when it was. */
function fromTheFuture(lockPath: string): boolean {
  const stat = lstatOrUndefined(lockPath);
  if (!stat?.isDirectory() || stat.mtimeMs <= Date.now() + STALE_MS) return false;
  try {
    rmdirSync(lockPath); // only an empty folder: never anything kb did not make
    return true;
  } catch {
    return false;
  }
}

function lstatOrUndefined(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}
