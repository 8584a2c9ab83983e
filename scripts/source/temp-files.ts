// The temporary files kb's writer makes next to the file it replaces (.<name>.<pid>.<random>.kb-tmp)
// and who made them. The listing and `kb fix` both ask whether the writer still runs: its file is
// then about to be renamed, not left by an interrupted run (a second kb fix flagged the first's own
// file as stray and failed, pass U). A pid read from a name only says a process of that number runs,
// not that it is kb's writer, so the listing still names such a file (a warning, not an error).

export const TEMP_SUFFIX = ".kb-tmp";

/** The pid of the process that wrote a temporary file, read back from the name the writer gave it. */
export function tempFileOwner(name: string): number | undefined {
  // The whole name as the writer makes it: notes.99999.abcdef01.kb-tmp (no leading dot) is not kb's,
  // and kb fix removed it (pass X).
  const m = /^\..+\.(\d+)\.[0-9a-f]{8}\.kb-tmp$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** The largest pid Linux gives (PID_MAX_LIMIT on 64-bit); past it a name's pid is no writer's. */
const MAX_PID = 4_194_304;

/** Whether a kb writer can have had this pid: not 0, not 1 (init, or a container's entry process: pass W), not past Linux's largest. */
export const couldBeWriter = (pid: number): boolean => Number.isSafeInteger(pid) && pid > 1 && pid <= MAX_PID;

/**
 * Whether the temporary file's writer is a running process (a pid kb cannot signal still counts).
 * The name can come from a commit, so a pid no writer can have is not asked about: process.kill(0, 0)
 * signals kb's own process group, and a pid too large throws (both read as running, pass V); 1 is init.
 */
export function writerIsRunning(name: string): boolean {
  const pid = tempFileOwner(name);
  if (pid === undefined || !couldBeWriter(pid)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== "ESRCH";
  }
}
