// bin/kb.mjs in a checkout without node_modules (a fresh worktree, a clone before npm ci) says to run
// npm ci, with exit 2: it printed Node's stack trace, and the pre-commit hook then blamed the entries (pass W).
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/repo.ts";

describe("bin/kb.mjs", () => {
  it("says to run npm ci when a package it needs is missing, instead of a stack trace", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kb-bin-"));
    try {
      mkdirSync(path.join(dir, "bin"));
      mkdirSync(path.join(dir, "scripts"));
      copyFileSync(path.join(ROOT, "bin/kb.mjs"), path.join(dir, "bin/kb.mjs"));
      const run = await promisify(execFile)(process.execPath, [path.join(dir, "bin/kb.mjs"), "lint"], { cwd: dir }).then(
        () => ({ code: 0, stderr: "" }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`kb: a package kb needs is not installed (Cannot find package 'tsx' imported from ${path.join(dir, "bin/kb.mjs")}); run npm ci in ${dir}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
