// Shared pieces of the system tier's robustness suites: the real CLI started (and killed) as a child,
// its peak memory, the checks every hostile run must pass (located diagnostics, no stack trace, exit
// never 3), and snapshots of a folder that notice any write.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { KB_BIN, TODAY, type RunResult } from "../helpers/repo.ts";

export interface JsonDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly pointer: string;
  readonly severity: "error" | "warning";
  readonly rule: string;
  readonly message: string;
  readonly hint?: string;
}

/** A stack frame as V8 prints it ("    at fn (file:1:2)"); a hint line ("    hint: …") is not one. */
const STACK_FRAME = /^\s+at (?:.+ \()?(?:file:|node:|\/|[A-Za-z]:\\).*:\d+:\d+\)?$/m;

/** Exit 3 is an internal error (a bug): no hostile input may cause one, nor print a stack trace. */
export function expectNoCrash(r: { code: number | null; stdout: string; stderr: string }, label = ""): void {
  expect(r.code, `${label} exit ${r.code}: ${r.stderr.slice(0, 500)}`).not.toBe(3);
  expect(r.code, `${label} killed by a signal or crashed: ${r.stderr.slice(0, 500)}`).not.toBe(null);
  expect(r.stderr, label).not.toContain("internal error");
  expect(r.stderr, label).not.toMatch(STACK_FRAME);
  expect(r.stdout, label).not.toMatch(STACK_FRAME);
}

export function parseDiagnostics(stdout: string): JsonDiagnostic[] {
  const parsed: unknown = JSON.parse(stdout);
  expect(Array.isArray(parsed)).toBe(true);
  return parsed as JsonDiagnostic[];
}

/**
 * Every diagnostic is located: a file, a 1-based line and column (within the file when its text is
 * known) and a kb/ rule id.
 */
export function expectAllLocated(diagnostics: readonly Omit<JsonDiagnostic, "pointer">[], linesOf: (file: string) => number | undefined = () => undefined): void {
  for (const d of diagnostics) {
    const shown = JSON.stringify(d).slice(0, 400);
    expect(d.file, shown).toMatch(/\S/);
    expect(Number.isInteger(d.line) && d.line >= 1, shown).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1, shown).toBe(true);
    expect(d.rule, shown).toMatch(/^kb\/[a-z0-9-]+$/);
    const lines = linesOf(d.file);
    if (lines !== undefined) expect(d.line, shown).toBeLessThanOrEqual(lines);
  }
}

/** Lines in a text as editors count them (LF, CRLF, lone CR). */
export const lineCount = (bytes: Buffer | string): number => (typeof bytes === "string" ? bytes : bytes.toString("utf8")).split(/\r\n|\r|\n/).length;

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** A temporary folder; the caller removes it with the returned cleanup. */
export function tempDir(prefix = "kb-system-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Every file, folder and link under `dir` with what would betray a write: content hash, size, inode
 * (a rename changes it) and modification time. Links are recorded, never followed.
 */
export function fingerprintTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = path.join(d, name);
      const rel = path.relative(dir, abs).split(path.sep).join("/");
      const st = lstatSync(abs);
      if (st.isSymbolicLink()) out[rel] = `link -> ${readlinkSync(abs)}`;
      else if (st.isDirectory()) {
        out[`${rel}/`] = "dir";
        walk(abs);
      } else if (st.isFile()) out[rel] = `${st.size} ${st.ino} ${st.mtimeMs} ${createHash("sha256").update(readFileSync(abs)).digest("hex")}`;
      else out[rel] = "other";
    }
  };
  walk(dir);
  return out;
}

/** Files under `dir` with their bytes (as latin1 text, so any byte compares), temporary files listed apart. */
export function readTree(dir: string): { files: Map<string, string>; temps: string[] } {
  const files = new Map<string, string>();
  const temps: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const abs = path.join(d, name);
      const rel = path.relative(dir, abs).split(path.sep).join("/");
      const st = lstatSync(abs, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(abs);
      else if (name.endsWith(".kb-tmp")) temps.push(rel);
      else files.set(rel, readFileSync(abs, "latin1"));
    }
  };
  walk(dir);
  return { files, temps };
}

export interface KbChild {
  readonly child: ChildProcess;
  /** Resolves when the process has exited, with its code or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts the real CLI as a child (optionally with node options before it, e.g. --import of a probe). */
export function startKb(args: readonly string[], options: { cwd: string; env?: Record<string, string>; nodeArgs?: readonly string[] }): KbChild {
  const env: NodeJS.ProcessEnv = { ...process.env, KB_TODAY: TODAY, NO_COLOR: "1", GITHUB_STEP_SUMMARY: "", ...options.env };
  delete env.FORCE_COLOR;
  delete env.GITHUB_ACTIONS;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), KB_BIN, ...args], { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, exited };
}

/** Preloaded into kb: writes the process's peak resident memory (KiB) and CPU time (µs), worker threads included, to $KB_RSS_FILE at exit. */
const RSS_PROBE = 'data:text/javascript,import fs from "node:fs";process.on("exit",()=>{try{const u=process.resourceUsage();fs.writeFileSync(process.env.KB_RSS_FILE,`${u.maxRSS} ${u.userCPUTime+u.systemCPUTime}`)}catch{}})';

export interface MeasuredRun extends RunResult {
  /** Peak resident memory of the kb process in MiB, or undefined when it died before it could say. */
  readonly peakMiB: number | undefined;
  /** CPU time of the kb process (all its threads) in ms: unlike wall time, barely changed by a busy machine. */
  readonly cpuMs: number | undefined;
  readonly ms: number;
}

/** Runs the real CLI and measures its wall time and peak memory; a generous deadline ends a hang as a failure. */
export async function runKbMeasured(args: readonly string[], options: { cwd: string; env?: Record<string, string>; input?: string; timeoutMs?: number }): Promise<MeasuredRun> {
  const probe = tempDir("kb-rss-");
  try {
    const rssFile = path.join(probe.dir, "rss");
    const started = Date.now();
    const env: NodeJS.ProcessEnv = { ...process.env, KB_TODAY: TODAY, NO_COLOR: "1", GITHUB_STEP_SUMMARY: "", KB_RSS_FILE: rssFile, ...options.env };
    delete env.FORCE_COLOR;
    delete env.GITHUB_ACTIONS;
    const child = spawn(process.execPath, ["--import", RSS_PROBE, KB_BIN, ...args], { cwd: options.cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
    const timeoutMs = options.timeoutMs ?? 300_000;
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`kb ${args.join(" ")} did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      child.on("close", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    let peakMiB: number | undefined;
    let cpuMs: number | undefined;
    try {
      const [rss, cpu] = readFileSync(rssFile, "utf8").split(" ").map(Number);
      peakMiB = Math.round(rss! / 1024);
      cpuMs = Math.round(cpu! / 1000);
    } catch {
      peakMiB = undefined;
    }
    return { code, stdout, stderr, peakMiB, cpuMs, ms: Date.now() - started };
  } finally {
    probe.cleanup();
  }
}
