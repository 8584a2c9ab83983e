// Test helpers for end-to-end runs: a temporary copy of a small repository and the real `kb` CLI
// run in it as a child process, with its exit code and output.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const KB_BIN = path.join(ROOT, "bin/kb.mjs");
export const FIXTURES = path.join(ROOT, "test/fixtures");
export const TODAY = "2026-11-22";

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runKb(args: readonly string[], options: { cwd: string; env?: Record<string, string>; input?: string; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KB_BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, KB_TODAY: TODAY, NO_COLOR: "1", FORCE_COLOR: "", GITHUB_STEP_SUMMARY: "", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`kb ${args.join(" ")} did not finish within ${options.timeoutMs ?? 60_000} ms`));
    }, options.timeoutMs ?? 60_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** A temporary repository with the given files (paths relative to it); removed by the returned cleanup. */
export function makeRepo(files: Record<string, string | Buffer> = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kb-test-"));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A temporary copy of the shipped entries/ (and generated/ when asked). */
export function copyShippedRepo(withGenerated = false): { dir: string; cleanup: () => void } {
  const repo = makeRepo();
  cpSync(path.join(ROOT, "entries"), path.join(repo.dir, "entries"), { recursive: true });
  if (withGenerated) cpSync(path.join(ROOT, "generated"), path.join(repo.dir, "generated"), { recursive: true });
  return repo;
}

/** Every file under a folder with its content, for byte-for-byte comparisons. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    let items: import("node:fs").Dirent[] = [];
    try {
      items = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const item of items) {
      const abs = path.join(d, item.name);
      if (item.isDirectory()) walk(abs);
      else out[path.relative(dir, abs).split(path.sep).join("/")] = readFileSync(abs, "latin1");
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function readJson<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/** A minimal valid entry for `id`, as a canonical JSON value, with overrides. */
export function validEntry(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const [domain, slug] = id.split("/");
  const words = slug!.replace(/-/g, " ");
  return {
    id,
    signature: `Error: ${words} happened`,
    regex: `Error: ${words} happened`,
    domain,
    category: "test_error",
    root_cause: `The ${words} condition was met.`,
    dead_ends: [{ action: "Restart the machine", why_fails: "The condition survives a restart.", fail_rate: 0.9, condition: "", sources: [] }],
    workarounds: [{ action: "Remove the condition", success_rate: 0.8, how: "Delete the offending file and run the command again.", condition: "", sources: [] }],
    verification_tier: "human_reviewed",
    confidence: 0.8,
    fix_success_rate: 0.8,
    resolvable: "true",
    last_updated: "2025-01-01",
    locale: "en",
    ...overrides,
  };
}
