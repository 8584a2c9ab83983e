// Runs at once on one repository must not corrupt generated/: several `kb build` (and a build beside a
// `kb check` or a `kb fix`) all succeed or fail cleanly (exit 0, 1 or 2, never 3), and the tree ends
// byte for byte what one build writes. The lock beside generated/ serialises the writers: a live
// holder makes a build wait, and a holder that was killed does not block the next build.
import { cpSync, existsSync, readFileSync, rmSync, watch, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEntry } from "../../scripts/bench/corpus.ts";
import { entryFile } from "../../scripts/bench/write-corpus.ts";
import { withLock } from "../../scripts/write/lock.ts";
import { entryText } from "../helpers/entries.ts";
import { runKb, type RunResult } from "../helpers/repo.ts";
import { expectNoCrash, readTree, startKb, tempDir, writeFiles } from "./support.ts";

const SIZE = 80;
const entryOf = (i: number, v: 1 | 2) => ({ ...generateEntry(i, SIZE), ...(v === 2 ? { fix_success_rate: 0.42 } : {}) });
const entries = (v: 1 | 2): Record<string, string> => Object.fromEntries(Array.from({ length: SIZE }, (_, i) => [`entries/${entryFile(i)}`, entryText(entryOf(i, v))]));
/** Version 1 before kb fix: lint errors (kb/canonical-format) until fix rewrites it. */
const messy = (): Record<string, string> => Object.fromEntries(Array.from({ length: SIZE }, (_, i) => [`entries/${entryFile(i)}`, JSON.stringify(entryOf(i, 1), null, 4) + "\n"]));

let work: { dir: string; cleanup: () => void };
/** What one build of version 1, alone, writes. */
let reference: Map<string, string>;
/** A repository whose generated/ was built from version 2 and whose entries are now version 1. */
let stale: string;
/** Reports the lock's path each time kb finds it held (proper-lockfile's mkdir fails with EEXIST). */
let lockProbe: string;

beforeAll(async () => {
  work = tempDir("kb-race-");
  const single = path.join(work.dir, "single");
  writeFiles(single, { "package.json": "{}\n", ...entries(1) });
  const r = await runKb(["build"], { cwd: single });
  expect(r.code, r.stderr).toBe(0);
  reference = readTree(path.join(single, "generated")).files;
  stale = path.join(work.dir, "stale");
  writeFiles(stale, { "package.json": "{}\n", ...entries(2) });
  expect((await runKb(["build"], { cwd: stale })).code).toBe(0);
  writeFiles(stale, entries(1));
  expect(readTree(path.join(stale, "generated")).files).not.toEqual(reference);
  lockProbe = path.join(work.dir, "lock-probe.mjs");
  writeFileSync(
    lockProbe,
    `import fs from "node:fs";
const mkdir = fs.mkdir;
fs.mkdir = function (target, ...rest) {
  const done = rest[rest.length - 1];
  if (typeof done === "function" && String(target).endsWith(".lock")) {
    rest[rest.length - 1] = (err, ...more) => {
      if (err && err.code === "EEXIST") fs.appendFileSync(process.env.KB_LOCK_PROBE, "held\\n");
      done(err, ...more);
    };
  }
  return mkdir.call(this, target, ...rest);
};
`,
  );
});
afterAll(() => work?.cleanup());

function copyOf(name: string, withGenerated: boolean): string {
  const dir = path.join(work.dir, name);
  cpSync(stale, dir, { recursive: true });
  if (!withGenerated) rmSync(path.join(dir, "generated"), { recursive: true, force: true });
  return dir;
}

function expectReferenceTree(dir: string): void {
  const tree = readTree(path.join(dir, "generated"));
  expect(tree.temps).toEqual([]);
  expect(tree.files).toEqual(reference);
  expect(existsSync(path.join(dir, "generated.lock"))).toBe(false);
}

const changedSomething = (r: RunResult) => !r.stderr.includes("all up to date");

describe("builds at once", () => {
  const rounds = [
    ["three kb build at once with no generated/ yet all succeed, one writes and the others find it done, and the tree equals a single build byte for byte", false],
    ["three kb build at once over a stale generated/ all succeed, one writes and the others find it done, and the tree equals a single build byte for byte", true],
  ] as const;
  for (const [title, withGenerated] of rounds) {
    it(title, async () => {
      const dir = copyOf(`three-${withGenerated}`, withGenerated);
      const runs = await Promise.all([1, 2, 3].map(() => runKb(["build"], { cwd: dir, timeoutMs: 300_000 })));
      for (const r of runs) {
        expectNoCrash(r);
        expect(r.code, r.stderr).toBe(0);
      }
      // Serialised by the lock: whichever took it first wrote; the others then found nothing to do.
      expect(runs.filter(changedSomething).length, runs.map((r) => r.stderr).join("\n")).toBe(1);
      expectReferenceTree(dir);
    });
  }

  it("kb build and kb check at once: build succeeds, check exits 0 or 1 (never 2 or 3), and check passes afterwards", async () => {
    const dir = copyOf("build-check", true);
    const [build, check] = await Promise.all([runKb(["build"], { cwd: dir }), runKb(["check", "--format", "json"], { cwd: dir })]);
    expectNoCrash(build);
    expectNoCrash(check);
    expect(build.code, build.stderr).toBe(0);
    expect([0, 1], check.stderr).toContain(check.code);
    expect(() => JSON.parse(check.stdout)).not.toThrow();
    expectReferenceTree(dir);
    expect((await runKb(["check"], { cwd: dir })).code).toBe(0);
  });

  it("kb build and kb fix at once: fix succeeds, build succeeds or fails cleanly without writing, and the next build gives the single build's tree", async () => {
    const dir = copyOf("build-fix", true);
    writeFiles(dir, messy());
    const before = readTree(path.join(dir, "generated")).files;
    const [build, fix] = await Promise.all([runKb(["build"], { cwd: dir }), runKb(["fix"], { cwd: dir })]);
    expectNoCrash(build);
    expectNoCrash(fix);
    expect(fix.code, fix.stderr + fix.stdout).toBe(0);
    // 1: it linted entries fix had not rewritten yet; 2: one changed after it was linted.
    expect([0, 1, 2], build.stderr).toContain(build.code);
    const tree = readTree(path.join(dir, "generated"));
    expect(tree.temps).toEqual([]);
    if (build.code === 0) expect(tree.files).toEqual(reference);
    else expect(tree.files).toEqual(before);
    expect(existsSync(path.join(dir, "generated.lock"))).toBe(false);
    expect((await runKb(["build"], { cwd: dir })).code).toBe(0);
    expectReferenceTree(dir);
    expect((await runKb(["check"], { cwd: dir })).code).toBe(0);
  });
});

describe("the lock", () => {
  it("a build waits while a live process holds the lock, then finishes", async () => {
    const dir = copyOf("held", true);
    const before = readTree(path.join(dir, "generated")).files;
    const probe = path.join(dir, "..", "held-probe.log");
    writeFileSync(probe, "");
    const holding = await withLock(path.join(dir, "generated.lock"), async () => {
      const { exited } = startKb(["build"], { cwd: dir, env: { KB_LOCK_PROBE: probe }, nodeArgs: ["--import", lockProbe] });
      // Event-driven: wait until the build has found the lock held three times (it retries), or has exited.
      let over = false;
      const early = await Promise.race([exited.then((r) => r), waitForLines(probe, 3, () => over).then(() => undefined)]).finally(() => (over = true));
      expect(early, "the build finished while another process held the lock").toBeUndefined();
      expect(readTree(path.join(dir, "generated")).files).toEqual(before);
      return { exited }; // wrapped: returning the promise itself would hold the lock until the build gave up
    });
    const outcome = await holding.exited;
    expectNoCrash(outcome);
    expect(outcome.code, outcome.stderr).toBe(0);
    expectReferenceTree(dir);
  });

  it("a lock left by a build killed while holding it does not block the next build", async () => {
    const dir = copyOf("dead-holder", true);
    const lock = path.join(dir, "generated.lock");
    const { child, exited } = startKb(["build"], { cwd: dir });
    // Killed the moment it takes the lock: the lock folder stays, fresh, with nobody to refresh it.
    const watcher = watch(dir, (_event, name) => {
      if (name === "generated.lock" && existsSync(lock)) child.kill("SIGKILL");
    });
    const killed = await exited;
    watcher.close();
    expect(killed.signal).toBe("SIGKILL");
    expect(existsSync(lock)).toBe(true);
    const next = await runKb(["build"], { cwd: dir, timeoutMs: 180_000 });
    expectNoCrash(next);
    expect(next.code, next.stderr).toBe(0);
    expectReferenceTree(dir);
  });
});

/** Resolves once `file` has at least `count` lines (polled: the writer is another process), or once `stop` says so. */
async function waitForLines(file: string, count: number, stop: () => boolean): Promise<void> {
  while (!stop()) {
    if (readFileSync(file, "utf8").split("\n").filter(Boolean).length >= count) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}
