// Shared pieces of the robustness suite: small valid corpora written in canonical form, the checks a
// hostile run must pass (located diagnostics, no stack trace) and snapshots that notice any write.
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { canonicalText } from "../../scripts/fix/canonical.ts";
import { validEntry, type RunResult } from "../helpers/repo.ts";

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
export const STACK_FRAME = /^\s+at (?:.+ \()?(?:file:|node:|\/|[A-Za-z]:\\).*:\d+:\d+\)?$/m;

export function expectNoStackTrace(r: RunResult): void {
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect(r.stdout).not.toMatch(STACK_FRAME);
  expect(r.stderr).not.toContain("internal error");
}

export function parseDiagnostics(stdout: string): JsonDiagnostic[] {
  const parsed: unknown = JSON.parse(stdout);
  expect(Array.isArray(parsed)).toBe(true);
  return parsed as JsonDiagnostic[];
}

/** Every diagnostic is located: a file, a 1-based line and column, and a kb/ rule id. */
export function expectAllLocated(diagnostics: readonly JsonDiagnostic[]): void {
  for (const d of diagnostics) {
    expect(d.file, JSON.stringify(d)).toMatch(/\S/);
    expect(Number.isInteger(d.line) && d.line >= 1, JSON.stringify(d)).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1, JSON.stringify(d)).toBe(true);
    expect(d.rule, JSON.stringify(d)).toMatch(/^kb\/[a-z0-9-]+$/);
  }
}

/** `count` entry ids spread over `domains` domains, each lint-clean with validEntry's defaults. */
export function synthIds(count: number, domains = 4, prefix = "case"): string[] {
  return Array.from({ length: count }, (_, i) => `dom${i % domains}/${prefix}-${i}-entry`);
}

/** Entry files (path relative to the repository → canonical text) for these ids. */
export function entryFiles(ids: readonly string[], overrides: (id: string, i: number) => Record<string, unknown> = () => ({})): Record<string, string> {
  return Object.fromEntries(ids.map((id, i) => [`entries/${id}.json`, canonicalText(validEntry(id, overrides(id, i)))]));
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** A temporary folder; the caller removes it with the returned cleanup. */
export function tempDir(prefix = "kb-robust-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Where kb caches results between runs (node_modules/.cache/error-kb): written on purpose, never an output. */
const KB_CACHE = /(?:^|\/)node_modules(?:\/|$)/;

/**
 * Every file, folder and link under `dir` with what would betray a write: content hash, size, inode
 * (a rename changes it) and modification time. Links are recorded, never followed; kb's own cache
 * folder is left out.
 */
export function fingerprintTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = path.join(d, name);
      const rel = path.relative(dir, abs).split(path.sep).join("/");
      if (KB_CACHE.test(rel)) continue;
      const st = lstatSync(abs);
      if (st.isSymbolicLink()) out[rel] = `link -> ${readlinkSync(abs)}`;
      else if (st.isDirectory()) {
        out[`${rel}/`] = "dir";
        walk(abs);
      } else out[rel] = `${st.size} ${st.ino} ${st.mtimeMs} ${createHash("sha256").update(readFileSync(abs)).digest("hex")}`;
    }
  };
  walk(dir);
  return out;
}

/** Files under `dir` with their content (links and temporary files listed apart), for old/new comparisons. */
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

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
