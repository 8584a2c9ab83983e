// Writes that survive being cut off: `kb build` and `kb fix` are killed (SIGKILL) at random moments,
// many times, and every file must then be its old or its new version, never a torn one; the next run
// repairs the tree. Also: both commands write only through the one atomic writer, and what a kill
// leaves behind (temporary files, a lock) is reported or cleaned by the next run.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, watch } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderOutputs } from "../../scripts/build/outputs.ts";
import { DEFAULT_LIMITS } from "../../scripts/core/limits.ts";
import { canonicalText } from "../../scripts/fix/canonical.ts";
import { lintFiles } from "../../scripts/lint/engine.ts";
import { loadEntries } from "../../scripts/load/loader.ts";
import { KB_BIN, ROOT, runKb, TODAY, validEntry } from "../helpers/repo.ts";
import { entryFiles, expectNoStackTrace, parseDiagnostics, readTree, synthIds, tempDir, writeFiles } from "./support.ts";

const KILLS_PER_COMMAND = 15;
const IDS = synthIds(24, 4, "cut");
/** Two versions of every entry that differ in what every output shows (fix rate, root cause). */
const changes = (v: 1 | 2) => (id: string) => ({ fix_success_rate: v === 1 ? 0.8 : 0.6, root_cause: `Version ${v} of the cause of ${id}.` });
const version = (v: 1 | 2) => (id: string) => validEntry(id, changes(v)(id));
const files = (v: 1 | 2, count = IDS.length) => entryFiles(IDS.slice(0, count), changes(v));
const DEAD_PID = 4_999_999; // above Linux's largest pid, so never alive

interface Outcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly killedAfterMs: number | undefined;
}

/**
 * Runs `kb <args>` and kills it: after `delayMs` from the start, or (when `afterFirstTemp`) that long
 * after the first temporary file appears under `watchDir`, i.e. in the middle of writing.
 */
function runAndKill(args: string[], cwd: string, delayMs: number, afterFirstTemp: string | undefined): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [KB_BIN, ...args], { cwd, env: { ...process.env, KB_TODAY: TODAY, NO_COLOR: "1", GITHUB_STEP_SUMMARY: "" }, stdio: "ignore" });
    let killedAfterMs: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) {
        killedAfterMs = Date.now() - started;
        child.kill("SIGKILL");
      }
    };
    const watcher = afterFirstTemp
      ? watch(afterFirstTemp, { recursive: true }, (_event, name) => {
          if (timer === undefined && String(name).endsWith(".kb-tmp")) timer = setTimeout(kill, delayMs);
        })
      : undefined;
    if (!afterFirstTemp) timer = setTimeout(kill, delayMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      watcher?.close();
      resolve({ code, signal, killedAfterMs });
    });
  });
}

/** Every file is exactly its old or its new version; a file present in both may never vanish. */
function expectOldOrNew(after: Map<string, string>, old: Map<string, string>, next: Map<string, string>, label: string): { fromNew: number; fromOld: number } {
  let fromNew = 0;
  let fromOld = 0;
  for (const [rel, content] of after) {
    const isOld = old.get(rel) === content;
    const isNew = next.get(rel) === content;
    expect(isOld || isNew, `${label}: ${rel} is neither the old nor the new version (${content.length} bytes)`).toBe(true);
    if (isNew && !isOld) fromNew++;
    if (isOld && !isNew) fromOld++;
  }
  for (const rel of old.keys()) if (next.has(rel)) expect(after.has(rel), `${label}: ${rel} vanished`).toBe(true);
  return { fromNew, fromOld };
}

// The build loop and the fix loop each get their own repository, so they can run side by side.
let buildRepo: { dir: string; cleanup: () => void };
let fixRepo: { dir: string; cleanup: () => void };
let expected: Record<1 | 2, Map<string, string>>;
beforeAll(async () => {
  buildRepo = tempDir("kb-cut-build-");
  fixRepo = tempDir("kb-cut-fix-");
  // The outputs of each version, computed in-process; the CLI's must be byte-identical.
  expected = { 1: new Map(), 2: new Map() };
  for (const v of [1, 2] as const) {
    writeVersion(buildRepo.dir, v);
    const loaded = await loadEntries(path.join(buildRepo.dir, "entries"), { limits: DEFAULT_LIMITS, cwd: buildRepo.dir });
    const result = await lintFiles(loaded, { limits: DEFAULT_LIMITS, today: TODAY, threads: 1, python: false });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // readTree reads latin1; compare outputs the same way.
    expected[v] = new Map([...renderOutputs(result.docs.map((d) => d.entry))].map(([rel, text]) => [rel, Buffer.from(text, "utf8").toString("latin1")]));
  }
});
afterAll(() => {
  buildRepo?.cleanup();
  fixRepo?.cleanup();
});

const writeVersion = (dir: string, v: 1 | 2) => writeFiles(dir, files(v));

describe.concurrent("kills, and what they leave behind", () => {
  it(`${KILLS_PER_COMMAND} kills leave every output old or new, and the next build repairs the tree`, async () => {
    const repo = buildRepo;
    const generated = () => path.join(repo.dir, "generated");
    // Two complete builds; the second rewrites every file and is timed to spread the kills over.
    writeVersion(repo.dir, 1);
    expect((await runKb(["build"], { cwd: repo.dir })).code).toBe(0);
    expect(readTree(generated()).files).toEqual(expected[1]);
    writeVersion(repo.dir, 2);
    const t0 = Date.now();
    expect((await runKb(["build"], { cwd: repo.dir })).code).toBe(0);
    const runMs = Date.now() - t0;
    expect(readTree(generated()).files).toEqual(expected[2]);

    // Each kill interrupts a build of the other version, then lock and temporary files stay behind.
    let current: 1 | 2 = 2;
    let midWrite = 0;
    for (let i = 0; i < KILLS_PER_COMMAND; i++) {
      const next: 1 | 2 = current === 1 ? 2 : 1;
      writeVersion(repo.dir, next);
      const old = readTree(generated()).files;
      // Half the kills land at any moment of the run, half while files are being written.
      const duringWrites = i % 2 === 0;
      const outcome = await runAndKill(["build"], repo.dir, duringWrites ? Math.random() * 60 : Math.random() * runMs, duringWrites ? generated() : undefined);
      const after = readTree(generated());
      const { fromNew, fromOld } = expectOldOrNew(after.files, old, expected[next], `kill ${i + 1} (${duringWrites ? "while writing" : "any time"}, ${outcome.killedAfterMs ?? "not"} ms)`);
      if ((fromNew > 0 && fromOld > 0) || after.temps.length > 0) midWrite++;
      current = next;
      if (i === KILLS_PER_COMMAND / 2 - 1) {
        const repaired = await runKb(["build"], { cwd: repo.dir });
        expect(repaired.code, repaired.stderr).toBe(0);
        const tree = readTree(generated());
        expect(tree.files).toEqual(expected[current]);
        expect(tree.temps).toEqual([]);
      }
    }
    // The kills really did cut writes in the middle (a mix of old and new files, or a temporary file).
    console.log(`kb build: ${KILLS_PER_COMMAND} kills, ${midWrite} of them in the middle of writing`);
    expect(midWrite).toBeGreaterThan(0);

    const repaired = await runKb(["build"], { cwd: repo.dir });
    expect(repaired.code, repaired.stderr).toBe(0);
    expectNoStackTrace(repaired);
    const tree = readTree(generated());
    expect(tree.files).toEqual(expected[current]);
    expect(tree.temps).toEqual([]);
    expect(existsSync(`${generated()}.lock`)).toBe(false);
    const check = await runKb(["check"], { cwd: repo.dir });
    expect(check.code, check.stdout).toBe(0);
  }, 300_000);

  it(`${KILLS_PER_COMMAND} kills leave every entry old or new, and the next fix repairs them`, async () => {
    const repo = fixRepo;
    const entries = path.join(repo.dir, "entries");
    const canonical = new Map(IDS.map((id) => [`${id}.json`, Buffer.from(canonicalText(version(1)(id)), "utf8").toString("latin1")]));
    // Not canonical: 4-space indent and CRLF, so fix rewrites every file.
    const messy = () => writeFiles(entries, Object.fromEntries(IDS.map((id) => [`${id}.json`, JSON.stringify(version(1)(id), null, 4).replace(/\n/g, "\r\n")])));

    messy();
    const t0 = Date.now();
    expect((await runKb(["fix"], { cwd: repo.dir })).code).toBe(0);
    const runMs = Date.now() - t0;
    expect(readTree(entries).files).toEqual(canonical);

    let midWrite = 0;
    for (let i = 0; i < KILLS_PER_COMMAND; i++) {
      messy();
      const old = readTree(entries).files;
      const duringWrites = i % 2 === 0;
      const outcome = await runAndKill(["fix"], repo.dir, duringWrites ? Math.random() * 40 : Math.random() * runMs, duringWrites ? entries : undefined);
      const after = readTree(entries);
      expect([...after.files.keys()]).toEqual([...old.keys()]);
      const { fromNew, fromOld } = expectOldOrNew(after.files, old, canonical, `kill ${i + 1} (${duringWrites ? "while writing" : "any time"}, ${outcome.killedAfterMs ?? "not"} ms)`);
      if ((fromNew > 0 && fromOld > 0) || after.temps.length > 0) midWrite++;
    }
    console.log(`kb fix: ${KILLS_PER_COMMAND} kills, ${midWrite} of them in the middle of writing`);
    expect(midWrite).toBeGreaterThan(0);

    // The next run removes what the killed ones left behind and finishes the job.
    const repaired = await runKb(["fix"], { cwd: repo.dir });
    expect(repaired.code, repaired.stderr + repaired.stdout).toBe(0);
    expectNoStackTrace(repaired);
    const tree = readTree(entries);
    expect(tree.files).toEqual(canonical);
    expect(tree.temps).toEqual([]);
    const lint = await runKb(["lint"], { cwd: repo.dir });
    expect(lint.code, lint.stdout).toBe(0);
  }, 300_000);

  it("a temporary file in generated/ is extra for kb check and removed by the next kb build", async () => {
    const r = tempDir();
    try {
      writeFiles(r.dir, files(1, 3));
      expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
      const leftover = `dom0/.cut-0-entry.md.${DEAD_PID}.deadbeef.kb-tmp`;
      writeFiles(r.dir, { [`generated/${leftover}`]: "<!-- generated by error-kb from entries/dom0/cut-0-entry.json; do not" });
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
      writeFiles(r.dir, {
        ...files(1, 2),
        [`generated/.README.md.${DEAD_PID}.0badf00d.kb-tmp`]: "<!-- generated by",
      });
      const build = await runKb(["build"], { cwd: r.dir });
      expect(build.code, build.stderr).toBe(0);
      expect(readTree(path.join(r.dir, "generated")).temps).toEqual([]);
      expect((await runKb(["check"], { cwd: r.dir })).code).toBe(0);
    } finally {
      r.cleanup();
    }
  });

  it("a temporary file in entries/ is reported by lint and removed by kb fix, unless its writer is alive", async () => {
    const r = tempDir();
    try {
      const stale = `entries/dom0/.cut-0-entry.json.${DEAD_PID}.deadbeef.kb-tmp`;
      const live = `entries/dom0/.cut-0-entry.json.${process.pid}.0badf00d.kb-tmp`;
      writeFiles(r.dir, { ...files(1, 2), [stale]: "{", [live]: "{" });
      const lint = await runKb(["lint", "--format", "json"], { cwd: r.dir });
      expect(lint.code).toBe(1);
      const reported = parseDiagnostics(lint.stdout).filter((d) => d.rule === "kb/stray-file");
      expect(reported.map((d) => d.file).sort()).toEqual([stale, live].sort());
      expect(reported[0]!.message).toMatch(/temporary file left by an interrupted kb fix/);

      const fix = await runKb(["fix", "--format", "json"], { cwd: r.dir });
      expect(fix.stderr).toContain("removed 1 temporary file left by an interrupted run");
      expect(existsSync(path.join(r.dir, stale))).toBe(false);
      expect(existsSync(path.join(r.dir, live))).toBe(true); // a running writer is about to rename it
      expect(fix.code).toBe(1);
      expect(parseDiagnostics(fix.stdout).map((d) => d.file)).toEqual([live]);
    } finally {
      r.cleanup();
    }
  });
});

describe("the one writer", () => {
  /** Modules `kb build` and `kb fix` load, following relative imports from their command files. */
  function importGraph(start: string[]): string[] {
    const seen = new Set<string>();
    const queue = [...start];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file) || !existsSync(file)) continue;
      seen.add(file);
      const source = readFileSync(file, "utf8");
      for (const m of source.matchAll(/(?:import|export)[^;]*?from\s+"(\.[^"]+)"|import\("(\.[^"]+)"\)/g)) queue.push(path.resolve(path.dirname(file), (m[1] ?? m[2])!));
    }
    return [...seen].map((f) => path.relative(ROOT, f).split(path.sep).join("/")).sort();
  }

  /** Where writing is expected: the writer itself, the lock file beside generated/, the CI job summary. */
  const ALLOWED = new Map([
    ["scripts/write/atomic.ts", "the one writer: temporary file, fsync, rename"],
    ["scripts/write/lock.ts", "the lock file next to the output folder, not an output"],
    ["scripts/cli/report.ts", "appends the report to $GITHUB_STEP_SUMMARY, outside the repository"],
  ]);
  const WRITE_APIS = new Set(["writeFile", "writeFileSync", "appendFile", "appendFileSync", "createWriteStream", "copyFile", "copyFileSync", "cp", "cpSync", "rename", "renameSync", "truncate", "truncateSync", "write", "writeSync", "open", "openSync", "link", "symlink"]);

  /** Whether a module can write files: it imports a writing function from node:fs, or uses one on the whole module. */
  function writesFiles(source: string): boolean {
    for (const m of source.matchAll(/import\s+(?:type\s+)?([^;]*?)\s+from\s+"(?:node:)?fs(?:\/promises)?"/g)) {
      const clause = m[1]!;
      const named = /\{([^}]*)\}/.exec(clause)?.[1] ?? "";
      if (named.split(",").some((n) => WRITE_APIS.has(n.trim().split(/\s+as\s+/)[0]!.trim()))) return true;
      const whole = /(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s*(?:,|$)/.exec(clause.replace(/\{[^}]*\}/, "").trim())?.[1];
      if (whole && [...WRITE_APIS].some((api) => source.includes(`${whole}.${api}(`))) return true;
    }
    return false;
  }

  it("no module that kb build or kb fix loads writes a file except through scripts/write/atomic.ts", () => {
    const graph = importGraph([path.join(ROOT, "scripts/cli/commands/build.ts"), path.join(ROOT, "scripts/cli/commands/fix.ts")]);
    expect(graph).toEqual(expect.arrayContaining(["scripts/write/atomic.ts", "scripts/build/sync.ts", "scripts/cli/commands/fix.ts"]));
    const writers = graph.filter((f) => writesFiles(readFileSync(path.join(ROOT, f), "utf8")));
    expect(writers.filter((f) => !ALLOWED.has(f))).toEqual([]);
    expect(writers).toEqual(expect.arrayContaining(["scripts/write/atomic.ts", "scripts/write/lock.ts"]));
  });

  it("the write detector itself sees named, renamed and whole-module imports of writing functions", () => {
    expect(writesFiles('import { readFile, writeFile } from "node:fs/promises";')).toBe(true);
    expect(writesFiles('import { appendFileSync as add } from "fs";')).toBe(true);
    expect(writesFiles('import fs from "node:fs";\nfs.writeFileSync(a, b);')).toBe(true);
    expect(writesFiles('import * as fsp from "node:fs/promises";\nawait fsp.rename(a, b);')).toBe(true);
    expect(writesFiles('import { readFile, rm } from "node:fs/promises";\nconst truncate = (s) => s;')).toBe(false);
  });
});
