// Runs one Node.js script as a child process and measures it: wall time, CPU time (user + system,
// threads and child processes included) and peak resident memory, read from GNU time when it is
// installed, and otherwise from the process's own resource usage through a preloaded hook.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Measurement {
  readonly wallS: number;
  readonly cpuS: number;
  readonly peakRssMb: number;
  readonly exitCode: number;
  /** The ends of the child's output, for reports of a failed step. */
  readonly stdout: string;
  readonly stderr: string;
}

const GNU_TIME = "/usr/bin/time";
const HOOK = new URL("./rusage-hook.mjs", import.meta.url).href;

export const usesGnuTime = () => existsSync(GNU_TIME);

/** Runs `node <script> [args]`; the ends of stdout and stderr are kept for reports of failures. */
export async function measureNode(script: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; stdinFile?: string }): Promise<Measurement> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "kb-bench-time-"));
  const report = path.join(scratch, "usage");
  const useGnuTime = usesGnuTime();
  const [bin, argv] = useGnuTime
    ? [GNU_TIME, ["-o", report, "-f", "%e %U %S %M", process.execPath, script, ...args]]
    : [process.execPath, ["--import", HOOK, script, ...args]];
  const env = { ...(options.env ?? process.env), KB_BENCH_RUSAGE: report };
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const stdin = options.stdinFile === undefined ? "ignore" : openSync(options.stdinFile, "r");
    const child = spawn(bin, argv, { cwd: options.cwd, env, stdio: [stdin, "pipe", "pipe"] });
    if (typeof stdin === "number") child.on("spawn", () => closeSync(stdin));
    let out = "";
    let err = "";
    child.stdout!.on("data", (c: Buffer) => (out = (out + c.toString("utf8")).slice(-4000)));
    child.stderr!.on("data", (c: Buffer) => (err = (err + c.toString("utf8")).slice(-4000)));
    child.on("error", reject);
    child.on("close", (c) => resolve({ code: c ?? -1, stdout: out, stderr: err }));
  });
  const wallOutside = (performance.now() - started) / 1000;
  const fields = readFileSync(report, "utf8").trim().split(/\s+/).slice(-4).map(Number);
  rmSync(scratch, { recursive: true, force: true });
  const [wall, user, sys, rssKb] = fields as [number, number, number, number];
  return { wallS: useGnuTime ? wall : wallOutside, cpuS: user + sys, peakRssMb: rssKb / 1024, exitCode: code, stdout, stderr };
}
