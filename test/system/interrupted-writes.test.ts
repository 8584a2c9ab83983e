// Writes that survive being cut off: `kb build` and `kb fix` are killed with SIGKILL many times, at
// random moments and in the middle of writing, and every file must then be its old or its new version,
// never a torn one; the next run repairs the tree. Also: what a kill leaves behind (temporary files, a
// lock) is reported, cleaned or taken over by the next run. KB_KILLS sets the kills per command.
import { existsSync, readFileSync, utimesSync, watch } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEntry } from "../../scripts/bench/corpus.ts";
import { entryFile } from "../../scripts/bench/write-corpus.ts";
import { entryText, validEntry } from "../helpers/entries.ts";
import { runKb } from "../helpers/repo.ts";
import { expectNoCrash, parseDiagnostics, readTree, startKb, tempDir, writeFiles } from "./support.ts";

const KILLS = Number(process.env.KB_KILLS ?? 12);
/** Enough entries (about 200 outputs) that writing takes long enough to be cut in the middle. */
const SIZE = 100;
const DEAD_PID = 4_194_303; // Linux's largest pid but one: a writer's, and not running here

/** Version 1 is the bench corpus; version 2 changes every entry's fix rate, which every output shows. */
const entryOf = (i: number, v: 1 | 2) => ({ ...generateEntry(i, SIZE), ...(v === 2 ? { fix_success_rate: 0.42 } : {}) });
const entries = (v: 1 | 2): Record<string, string> => Object.fromEntries(Array.from({ length: SIZE }, (_, i) => [`entries/${entryFile(i)}`, entryText(entryOf(i, v))]));
/** Version 1 as people write it before kb fix: four-space indent, keys in any order, CRLF. */
const messy = (): Record<string, string> => Object.fromEntries(Array.from({ length: SIZE }, (_, i) => [`entries/${entryFile(i)}`, JSON.stringify(entryOf(i, 1), null, 4).replace(/\n/g, "\r\n")]));
/** A few small lint-clean entries, for the cases that need no corpus. */
const small = (): Record<string, string> => Object.fromEntries(["demo/first-error", "demo/second-error", "other/third-error"].map((id) => [`entries/${id}.json`, entryText(validEntry(id))]));
const asLatin1 = (files: Record<string, string>, under: string) => new Map(Object.entries(files).map(([rel, text]) => [path.relative(under, rel), Buffer.from(text, "utf8").toString("latin1")]));

interface Killed {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** What the kill waited for, for failure messages. */
  readonly when: string;
}

/**
 * Runs `kb <args>` and kills it with SIGKILL: `afterMs` after it started, or (with `afterTemps`) as
 * soon as the n-th temporary file appears under `watchDir`, that is in the middle of writing.
 */
function runAndKill(args: string[], cwd: string, how: { afterMs: number } | { afterTemps: number; watchDir: string }): Promise<Killed> {
  const { child, exited } = startKb(args, { cwd });
  let seen = 0;
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  const timer = "afterMs" in how ? setTimeout(kill, how.afterMs) : undefined;
  const watcher =
    "afterTemps" in how
      ? watch(how.watchDir, { recursive: true }, (_event, name) => {
          if (String(name).endsWith(".kb-tmp") && ++seen === how.afterTemps) kill();
        })
      : undefined;
  return exited.then(({ code, signal }) => {
    clearTimeout(timer);
    watcher?.close();
    return { code, signal, when: "afterMs" in how ? `${Math.round(how.afterMs)} ms after the start` : `at temporary file ${how.afterTemps} (${seen} seen)` };
  });
}

/** Every file is exactly its old or its new version (never torn), JSON parses, and a file both versions have never vanishes. */
function expectOldOrNew(after: Map<string, string>, old: Map<string, string>, next: Map<string, string>, label: string): { fromNew: number; fromOld: number } {
  let fromNew = 0;
  let fromOld = 0;
  for (const [rel, content] of after) {
    const isOld = old.get(rel) === content;
    const isNew = next.get(rel) === content;
    expect(isOld || isNew, `${label}: ${rel} is neither the old nor the new version (${content.length} bytes)`).toBe(true);
    if (rel.endsWith(".json")) expect(() => JSON.parse(Buffer.from(content, "latin1").toString("utf8")), `${label}: ${rel}`).not.toThrow();
    if (isNew && !isOld) fromNew++;
    if (isOld && !isNew) fromOld++;
  }
  for (const rel of old.keys()) if (next.has(rel)) expect(after.has(rel), `${label}: ${rel} vanished`).toBe(true);
  return { fromNew, fromOld };
}

/** A killed build holds the lock folder until it goes stale (10 s unrefreshed); aging it stands for that wait. */
function ageLock(lock: string): void {
  if (!existsSync(lock)) return;
  const old = new Date(Date.now() - 60_000);
  utimesSync(lock, old, old);
}

let work: { dir: string; cleanup: () => void };
/** generated/ of each version, as one uninterrupted build writes it. */
const expected = new Map<1 | 2, Map<string, string>>();
let fullBuildMs = 0;
beforeAll(async () => {
  work = tempDir("kb-cut-");
  for (const v of [1, 2] as const) {
    const dir = path.join(work.dir, `reference-${v}`);
    writeFiles(dir, { "package.json": '{"private": true}\n', ...entries(v) });
    const started = Date.now();
    const r = await runKb(["build"], { cwd: dir });
    fullBuildMs = Math.max(fullBuildMs, Date.now() - started);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expected.set(v, readTree(path.join(dir, "generated")).files);
  }
  // The versions differ in every view and index, so a mix of them shows.
  expect(expected.get(1)!.size).toBeGreaterThan(150);
  expect(expected.get(1)!.get("index.json")).not.toBe(expected.get(2)!.get("index.json"));
});
afterAll(() => work?.cleanup());

describe.concurrent("SIGKILL at random moments", () => {
  it("kb build killed KB_KILLS times (default 12) leaves every output old or new, never torn, and the next build repairs the tree so kb check passes", async () => {
    const dir = path.join(work.dir, "build");
    const generated = path.join(dir, "generated");
    const lock = `${generated}.lock`;
    writeFiles(dir, { "package.json": '{"private": true}\n', ...entries(2) });
    expect((await runKb(["build"], { cwd: dir })).code).toBe(0);
    let current: 1 | 2 = 2;
    let midWrite = 0;
    let locksLeft = 0;
    for (let i = 0; i < KILLS; i++) {
      const next: 1 | 2 = current === 1 ? 2 : 1;
      writeFiles(dir, entries(next));
      const old = readTree(generated).files;
      // Half the kills land at any moment of the run, half while outputs are being written.
      const how = i % 2 === 0 ? { afterTemps: 1 + Math.floor(Math.random() * 40), watchDir: generated } : { afterMs: Math.random() * fullBuildMs };
      const killed = await runAndKill(["build"], dir, how);
      const label = `kill ${i + 1} ${killed.when} (${killed.signal ?? `exit ${killed.code}`})`;
      if (killed.signal === null) expect(killed.code, label).toBe(0); // it finished before the kill: cleanly
      const after = readTree(generated);
      const { fromNew, fromOld } = expectOldOrNew(after.files, old, expected.get(next)!, label);
      if ((fromNew > 0 && fromOld > 0) || after.temps.length > 0) midWrite++;
      if (existsSync(lock)) locksLeft++;
      ageLock(lock);
      current = next;
    }
    // The kills really did cut writes in the middle: old and new outputs together, or a temporary file.
    console.log(`kb build: ${KILLS} kills, ${midWrite} of them while writing, ${locksLeft} left the lock`);
    expect(midWrite, `${midWrite} of ${KILLS} kills landed while writing`).toBeGreaterThan(0);
    expect(locksLeft, "no kill left the lock behind").toBeGreaterThan(0);

    // The last kill's lock is left fresh: the repairing build must take it over by itself.
    writeFiles(dir, entries(current));
    const killed = await runAndKill(["build"], dir, { afterTemps: 5, watchDir: generated });
    expect(killed.signal).toBe("SIGKILL");
    expect(existsSync(lock)).toBe(true);
    const repaired = await runKb(["build"], { cwd: dir, timeoutMs: 180_000 });
    expect(repaired.code, repaired.stderr).toBe(0);
    expectNoCrash(repaired);
    const tree = readTree(generated);
    expect(tree.temps).toEqual([]);
    expect(tree.files).toEqual(expected.get(current));
    expect(existsSync(lock)).toBe(false);
    const check = await runKb(["check"], { cwd: dir });
    expect(check.code, check.stdout).toBe(0);
  });

  it("kb fix killed KB_KILLS times (default 12) leaves every entry old or new, never torn, and the next fix repairs them so kb lint passes", async () => {
    const dir = path.join(work.dir, "fix");
    const entriesDir = path.join(dir, "entries");
    const canonical = asLatin1(entries(1), "entries");
    writeFiles(dir, { "package.json": '{"private": true}\n', ...messy() });
    const started = Date.now();
    const first = await runKb(["fix"], { cwd: dir });
    const fixMs = Date.now() - started;
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(readTree(entriesDir).files).toEqual(canonical);

    let midWrite = 0;
    for (let i = 0; i < KILLS; i++) {
      writeFiles(dir, messy());
      const old = readTree(entriesDir).files;
      const how = i % 2 === 0 ? { afterTemps: 1 + Math.floor(Math.random() * 40), watchDir: entriesDir } : { afterMs: Math.random() * fixMs };
      const killed = await runAndKill(["fix"], dir, how);
      const label = `kill ${i + 1} ${killed.when} (${killed.signal ?? `exit ${killed.code}`})`;
      if (killed.signal === null) expect(killed.code, label).toBe(0);
      const after = readTree(entriesDir);
      expect([...after.files.keys()], label).toEqual([...old.keys()]);
      const { fromNew, fromOld } = expectOldOrNew(after.files, old, canonical, label);
      if ((fromNew > 0 && fromOld > 0) || after.temps.length > 0) midWrite++;
    }
    console.log(`kb fix: ${KILLS} kills, ${midWrite} of them while writing`);
    expect(midWrite, `${midWrite} of ${KILLS} kills landed while writing`).toBeGreaterThan(0);

    // The next run removes what the killed ones left behind and finishes the job.
    const repaired = await runKb(["fix"], { cwd: dir });
    expectNoCrash(repaired);
    expect(repaired.code, repaired.stderr + repaired.stdout).toBe(0);
    const tree = readTree(entriesDir);
    expect(tree.temps).toEqual([]);
    expect(tree.files).toEqual(canonical);
    const lint = await runKb(["lint"], { cwd: dir });
    expect(lint.code, lint.stdout).toBe(0);
  });
});

describe("what a killed run leaves behind", () => {
  it("a temporary file in generated/ is extra for kb check and removed by the next kb build", async () => {
    const r = tempDir();
    try {
      writeFiles(r.dir, { "package.json": "{}\n", ...small() });
      expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
      const leftover = `.index.json.${DEAD_PID}.deadbeef.kb-tmp`;
      writeFiles(r.dir, { [`generated/${leftover}`]: '{"schema_version": "2.0.0", "cou' });
      const check = await runKb(["check", "--format", "json"], { cwd: r.dir });
      expect(check.code).toBe(1);
      expect(parseDiagnostics(check.stdout).map((d) => [d.file, d.rule])).toEqual([[`generated/${leftover}`, "kb/generated-up-to-date"]]);
      expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
      expect(existsSync(path.join(r.dir, "generated", leftover))).toBe(false);
      expect((await runKb(["check"], { cwd: r.dir })).code).toBe(0);
    } finally {
      r.cleanup();
    }
  });

  it("a first build killed before its first rename leaves only a temporary file, and the next build still owns the folder", async () => {
    const r = tempDir();
    try {
      writeFiles(r.dir, { "package.json": "{}\n", ...small(), [`generated/.README.md.${DEAD_PID}.0badf00d.kb-tmp`]: "<!-- generated by" });
      const build = await runKb(["build"], { cwd: r.dir });
      expect(build.code, build.stderr).toBe(0);
      expect(readTree(path.join(r.dir, "generated")).temps).toEqual([]);
      expect((await runKb(["check"], { cwd: r.dir })).code).toBe(0);
    } finally {
      r.cleanup();
    }
  });

  it("a temporary file in entries/ is reported by lint and removed by kb fix, unless its writer is alive (then a warning: it is about to be renamed, pass U)", async () => {
    const r = tempDir();
    try {
      const stale = `entries/demo/.first-error.json.${DEAD_PID}.deadbeef.kb-tmp`;
      const live = `entries/demo/.first-error.json.${process.pid}.0badf00d.kb-tmp`;
      writeFiles(r.dir, { "package.json": "{}\n", ...small(), [stale]: "{", [live]: "{" });
      const lint = await runKb(["lint", "--format", "json"], { cwd: r.dir });
      expect(lint.code).toBe(1);
      const reported = parseDiagnostics(lint.stdout).filter((d) => d.rule === "kb/stray-file");
      expect(reported.map((d) => [d.file, d.severity])).toEqual([[live, "warning"], [stale, "error"]].sort());
      expect(reported.find((d) => d.file === stale)!.message).toMatch(/temporary file left by an interrupted kb run/);

      const fix = await runKb(["fix", "--format", "json"], { cwd: r.dir });
      expect(fix.stderr).toContain("removed 1 temporary file left by an interrupted run");
      expect(existsSync(path.join(r.dir, stale))).toBe(false);
      expect(readFileSync(path.join(r.dir, live), "utf8")).toBe("{"); // a running writer is about to rename it
      expect(fix.code, fix.stdout).toBe(0);
      expect(parseDiagnostics(fix.stdout).map((d) => [d.file, d.severity])).toEqual([[live, "warning"]]);
    } finally {
      r.cleanup();
    }
  });
});
