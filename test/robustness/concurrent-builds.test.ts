// Two `kb build` at once must not corrupt generated/: the lock beside it serialises them, so the result
// is byte for byte what one build writes. Also: a lock held by a live process is waited for, and one
// left by a dead process (or by a dead run whose pid we now have) is taken over.
import { spawn } from "node:child_process";
import { cpSync, existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withLock } from "../../scripts/write/lock.ts";
import { KB_BIN, runKb, TODAY } from "../helpers/repo.ts";
import { entryFiles, expectNoStackTrace, readTree, sleep, synthIds, tempDir, writeFiles } from "./support.ts";

const ROUNDS = 3;
const IDS = synthIds(24, 4, "race");
const entries = (v: 1 | 2) => entryFiles(IDS, () => ({ root_cause: `Cause, version ${v}.`, fix_success_rate: v === 1 ? 0.8 : 0.5 }));

let work: { dir: string; cleanup: () => void };
let reference: Map<string, string>;
let stale: string;
let singleBuildMs: number;
beforeAll(async () => {
  work = tempDir("kb-race-");
  // The reference: one build, alone. And a tree built from the other version, to race from.
  const single = path.join(work.dir, "single");
  writeFiles(single, entries(1));
  const t0 = Date.now();
  const r = await runKb(["build"], { cwd: single });
  singleBuildMs = Date.now() - t0;
  expect(r.code, r.stderr).toBe(0);
  reference = readTree(path.join(single, "generated")).files;
  stale = path.join(work.dir, "stale");
  writeFiles(stale, entries(2));
  expect((await runKb(["build"], { cwd: stale })).code).toBe(0);
  writeFiles(stale, entries(1));
});
afterAll(() => work?.cleanup());

function freshCopy(name: string, withGenerated: boolean): string {
  const dir = path.join(work.dir, name);
  cpSync(stale, dir, { recursive: true });
  if (!withGenerated) rmSync(path.join(dir, "generated"), { recursive: true, force: true });
  return dir;
}

describe.concurrent("two kb build at once", () => {
  for (let round = 1; round <= ROUNDS; round++) {
    const withGenerated = round !== 1;
    it(`round ${round}: both succeed and the result equals a single build byte for byte (${withGenerated ? "stale generated/" : "no generated/ yet"})`, async () => {
      const dir = freshCopy(`round-${round}`, withGenerated);
      const [a, b] = await Promise.all([runKb(["build"], { cwd: dir }), runKb(["build"], { cwd: dir })]);
      for (const r of [a, b]) {
        expect(r.code, r.stderr).toBe(0);
        expectNoStackTrace(r);
      }
      const tree = readTree(path.join(dir, "generated"));
      expect(tree.files).toEqual(reference);
      expect(tree.temps).toEqual([]);
      expect(existsSync(path.join(dir, "generated.lock"))).toBe(false);
      // Serialised: whichever took the lock second found the first one's work already done.
      expect([a, b].filter((r) => r.stderr.includes("all up to date")).length).toBe(1);
    });
  }
});

describe("the lock", () => {
  it("a build waits while a live process holds the lock, then finishes", async () => {
    const dir = freshCopy("held", true);
    const lockFile = path.join(dir, "generated.lock");
    writeFileSync(lockFile, String(process.pid)); // this test process: alive for as long as it matters
    const before = readTree(path.join(dir, "generated")).files;
    const child = spawn(process.execPath, [KB_BIN, "build"], { cwd: dir, env: { ...process.env, KB_TODAY: TODAY, NO_COLOR: "1", GITHUB_STEP_SUMMARY: "" }, stdio: "ignore" });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      // Twice as long as a whole build took alone: it would have finished by now without the lock.
      await sleep(2 * singleBuildMs + 1_000);
      expect(child.exitCode).toBe(null);
      expect(readTree(path.join(dir, "generated")).files).toEqual(before);
      rmSync(lockFile);
      expect(await exited).toBe(0);
      expect(readTree(path.join(dir, "generated")).files).toEqual(reference);
    } finally {
      child.kill("SIGKILL");
    }
  }, 120_000);

  it("a lock left by a dead process does not block the next build", async () => {
    const dir = freshCopy("dead-owner", true);
    writeFileSync(path.join(dir, "generated.lock"), "4999999");
    const r = await runKb(["build"], { cwd: dir, timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(readTree(path.join(dir, "generated")).files).toEqual(reference);
    expect(existsSync(path.join(dir, "generated.lock"))).toBe(false);
  });

  it("a lock holding our own pid was left by a dead run whose pid we reuse, and is taken over at once", async () => {
    const dir = freshCopy("own-pid", true);
    const lockFile = path.join(dir, "generated.lock");
    writeFileSync(lockFile, String(process.pid));
    // Waiting would throw after 500 ms; taking over runs at once.
    await expect(withLock(lockFile, async () => "ran", 500)).resolves.toBe("ran");
    expect(existsSync(lockFile)).toBe(false);
  });

  it("within one process, a lock it holds is still waited for, never taken over", async () => {
    const lockFile = path.join(work.dir, "nested.lock");
    const inner = await withLock(lockFile, () => withLock(lockFile, async () => "stole it", 300).catch((e: Error) => e.message));
    expect(inner).toMatch(/another kb process holds/);
    expect(existsSync(lockFile)).toBe(false);
  });
});
