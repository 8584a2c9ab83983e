// The temporary files kb's writer makes next to the file it replaces (.<name>.<pid>.<random>.kb-tmp)
// and who made them. The listing and `kb fix` both ask whether the writer still runs: its file is
// then about to be renamed, not left by an interrupted run (a second kb fix flagged the first's own
// file as stray and failed, pass U).

export const TEMP_SUFFIX = ".kb-tmp";

/** The pid of the process that wrote a temporary file, read back from the name the writer gave it. */
export function tempFileOwner(name: string): number | undefined {
  const m = /\.(\d+)\.[0-9a-f]{8}\.kb-tmp$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Whether the temporary file's writer is a running process (a pid kb cannot signal still counts). */
export function writerIsRunning(name: string): boolean {
  const pid = tempFileOwner(name);
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== "ESRCH";
  }
}
