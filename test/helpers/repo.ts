// Test helpers for end-to-end runs: a temporary repository with the given files and the real `kb`
// CLI run in it as a child process, with its exit code and output.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const KB_BIN = path.join(ROOT, "bin/kb.mjs");
export const FIXTURES = path.join(ROOT, "test/fixtures");
export const TODAY = "2026-12-01";

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real CLI; a generous deadline (tests must pass on a busy machine) ends a hung run as a failure. */
export function runKb(args: readonly string[], options: { cwd: string; env?: Record<string, string | undefined>; input?: string; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, KB_TODAY: TODAY, NO_COLOR: "1", FORCE_COLOR: undefined, GITHUB_STEP_SUMMARY: "", GITHUB_ACTIONS: undefined, ...options.env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const child = spawn(process.execPath, [KB_BIN, ...args], { cwd: options.cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`kb ${args.join(" ")} did not finish within ${options.timeoutMs ?? 120_000} ms`));
    }, options.timeoutMs ?? 120_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
  });
}

export interface TempRepo {
  readonly dir: string;
  cleanup(): void;
}

/** A temporary repository with the given files (paths relative to it) and a package.json, so kb finds its root there. */
export function makeRepo(files: Record<string, string | Buffer> = {}): TempRepo {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kb-test-"));
  writeFileSync(path.join(dir, "package.json"), '{"name": "kb-test-repo", "private": true}\n');
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A temporary copy of the shipped entries/ (and generated/ when asked). */
export function copyShippedRepo(withGenerated = false): TempRepo {
  const repo = makeRepo();
  cpSync(path.join(ROOT, "entries"), path.join(repo.dir, "entries"), { recursive: true });
  if (withGenerated) cpSync(path.join(ROOT, "generated"), path.join(repo.dir, "generated"), { recursive: true });
  return repo;
}

/**
 * Temporary repositories for one test file, each removed after its test: `repo(files)` makes one
 * holding `base()` and `files` (a file given undefined is left out), `repo.keep(r)` removes one made otherwise.
 */
export function useRepos(base: () => Record<string, string | Buffer> = () => ({})): ((files?: Record<string, string | Buffer | undefined>) => TempRepo) & { keep(r: TempRepo): TempRepo } {
  const made: TempRepo[] = [];
  afterEach(() => {
    for (const r of made.splice(0)) r.cleanup();
  });
  const keep = (r: TempRepo) => (made.push(r), r);
  const repo = (files: Record<string, string | Buffer | undefined> = {}) =>
    keep(makeRepo(Object.fromEntries(Object.entries({ ...base(), ...files }).filter((e): e is [string, string | Buffer] => e[1] !== undefined))));
  return Object.assign(repo, { keep });
}
