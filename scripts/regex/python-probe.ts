// Asks Python's re module, in one batched `python3 -I` process, whether each pattern compiles and
// what it matches, under a deadline per test: when the process stops answering, it is killed, the
// running test is recorded as a timeout, and a new process resumes after it.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { MatchJob, MatchOutcome } from "../match/guarded-runner.ts";

export type PythonCompile = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly index: number | null };

export interface PythonJobResult {
  readonly compile: PythonCompile;
  readonly matches: MatchOutcome[];
}

export type PythonProbeResult =
  | { readonly available: true; readonly jobs: PythonJobResult[] }
  | { readonly available: false; readonly reason: string };

const PYTHON_START_LIMIT_MS = 30_000;
/** How much later than planned a watchdog tick may come before this thread counts as having been busy. */
const LATE_TICK_MS = 100;
// The same path from scripts/regex/ and from dist/regex/: the script is not copied into dist/.
const SCRIPT = fileURLToPath(new URL("../../scripts/regex/python_probe.py", import.meta.url));

export interface PythonProbeOptions {
  readonly timeoutMs: number;
  readonly totalBudgetMs: number;
  readonly python?: string;
}

export interface PythonInterpreter {
  /** The interpreter's own path (sys.executable): spawning it skips wrappers such as pyenv's shims (~150 ms each). */
  readonly executable: string;
  readonly version: string;
}

let resolved: Promise<PythonInterpreter | undefined> | undefined;

/** Which Python answers `python3` here, asked once per process; undefined when there is none. */
export function resolvePython(command = "python3"): Promise<PythonInterpreter | undefined> {
  resolved ??= new Promise((resolve) => {
    const child = spawn(command, ["-I", "-c", "import sys; print(sys.executable); print(sys.version)"], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (c: string) => (out += c));
    child.on("error", () => resolve(undefined));
    child.on("close", (code) => {
      const [executable, ...version] = out.trim().split("\n");
      resolve(code === 0 && executable ? { executable, version: version.join(" ").trim() } : undefined);
    });
  });
  return resolved;
}

export async function probePython(jobs: readonly Pick<MatchJob, "pattern" | "texts">[], options: PythonProbeOptions): Promise<PythonProbeResult> {
  const interpreter = options.python === undefined ? await resolvePython() : { executable: options.python, version: "" };
  if (!interpreter) return { available: false, reason: "python3 was not found on PATH" };
  const compiles: (PythonCompile | undefined)[] = new Array(jobs.length);
  const offsets: number[] = [];
  let total = 0;
  for (const job of jobs) {
    offsets.push(total);
    total += job.texts.length;
  }
  const outcomes: (MatchOutcome | undefined)[] = new Array(total);
  const skip: number[] = [];
  const startedAt = Date.now();
  let start = 0;

  while (true) {
    const run = await runOnce(jobs, skip, start, { ...options, python: interpreter.executable }, Date.now() - startedAt, (line) => {
      const [kind, a, ...rest] = line.split(" ");
      const index = Number(a);
      if (kind === "C") {
        const parsed = JSON.parse(rest.join(" ")) as { message: string; pos: number | null } | null;
        compiles[index] = parsed ? { ok: false, message: parsed.message, index: parsed.pos } : { ok: true };
      } else if (kind === "R") {
        outcomes[index] =
          rest[0] === "none" ? { kind: "no-match" } : rest[0] === "timeout" ? { kind: "timeout" } : { kind: "match", index: Number(rest[0]), length: Number(rest[1]) };
        start = index + 1;
      }
    });
    if (run === "missing") return { available: false, reason: "python3 was not found on PATH" };
    if (run === "done") break;
    if (run === "budget") break;
    // "stalled": the test at `start` overran; record it and resume after it.
    skip.push(start);
  }

  return {
    available: true,
    jobs: jobs.map((job, j) => ({
      compile: compiles[j] ?? { ok: true },
      matches: job.texts.map((_, t) => outcomes[offsets[j]! + t] ?? (compiles[j]?.ok === false ? { kind: "no-match" } : { kind: "skipped" })),
    })),
  };
}

function runOnce(
  jobs: readonly Pick<MatchJob, "pattern" | "texts">[],
  skip: number[],
  start: number,
  options: PythonProbeOptions,
  spent: number,
  onLine: (line: string) => void,
): Promise<"done" | "stalled" | "missing" | "budget"> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (v: "done" | "stalled" | "missing" | "budget") => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      resolve(v);
    };
    const child = spawn(options.python ?? "python3", ["-I", SCRIPT], { stdio: ["pipe", "pipe", "ignore"] });
    let lastOutputAt = Date.now();
    let answered = false;
    let buffer = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      answered = true;
      lastOutputAt = Date.now();
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        onLine(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
      }
    });
    child.on("error", (e: NodeJS.ErrnoException) => settle(e.code === "ENOENT" ? "missing" : "done"));
    child.on("close", () => settle("done"));
    child.stdin.on("error", () => undefined);
    child.stdin.end(JSON.stringify({ jobs: jobs.map((j) => ({ pattern: j.pattern, texts: j.texts })), skip, start }));
    const began = Date.now();
    const tickMs = Math.max(5, Math.min(50, Math.floor(options.timeoutMs / 4)));
    let lastTick = began;
    const watchdog = setInterval(() => {
      const now = Date.now();
      // A tick this late means this thread was busy (a long collection, a big synchronous step): the
      // event loop runs timers before it reads the pipe, so output Python wrote meanwhile (then
      // blocking on the full pipe) is not counted yet. Python gets a fresh window instead of being
      // called stalled for this thread's silence (trivial regexes were reported as timeouts under load).
      const late = now - lastTick > tickMs + LATE_TICK_MS;
      lastTick = now;
      if (spent + (now - began) > options.totalBudgetMs) {
        child.kill("SIGKILL");
        settle("budget");
      } else if (late) lastOutputAt = now;
      else if (now - lastOutputAt > (answered ? options.timeoutMs : PYTHON_START_LIMIT_MS)) {
        // Before its first line, python3 is starting up, not running a regex: only a start that never ends is a stall.
        child.kill("SIGKILL");
        settle("stalled");
      }
    }, tickMs);
  });
}
