// The one writer, the lock and the sync of generated/: a short write is continued or fails (never
// renamed into place), a failed write leaves the old file and no temporary file, errors are named,
// and a lock kb did not make is refused.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lintFiles, type LintFiles } from "../../scripts/lint/engine.ts";
import { DEFAULT_LIMITS } from "../../scripts/model/limits.ts";
import type { RunSettings } from "../../scripts/model/run-settings.ts";
import { runBuild } from "../../scripts/runner/build-run.ts";
import { SourceError } from "../../scripts/source/list-entries.ts";
import { describeWriteError, makeFolders, writeAll, writeFileAtomic, WriteError } from "../../scripts/write/atomic.ts";
import { syncOutputs } from "../../scripts/write/sync.ts";
import { GENERATED_MARK } from "../../scripts/model/generated-mark.ts";
import type { PlannedOutput } from "../../scripts/outputs/plan.ts";
import { LockError, withLock } from "../../scripts/write/lock.ts";
import { removeStaleTempFiles } from "../../scripts/write/leftovers.ts";
import { assertOwnedOutputFolder, listOutputFolder, OutputFolderError } from "../../scripts/write/output-folder.ts";
import { entryText, validEntry } from "../helpers/entries.ts";
import { KB_BIN, makeRepo, runKb, type TempRepo } from "../helpers/repo.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), "kb-write-"));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
};

describe("writeAll", () => {
  it("continues after short writes until every byte is down", async () => {
    const written: number[] = [];
    const handle = {
      write: async (buf: Uint8Array, offset: number, length: number) => {
        const n = Math.min(length, 7); // the system takes 7 bytes at a time
        written.push(...buf.subarray(offset, offset + n));
        return { bytesWritten: n, buffer: buf };
      },
    };
    await writeAll(handle as never, "a text longer than seven bytes, written in pieces");
    expect(Buffer.from(written).toString()).toBe("a text longer than seven bytes, written in pieces");
  });

  it("fails when the system stops taking bytes (a full disk), instead of looping", async () => {
    let calls = 0;
    const handle = { write: async (buf: Uint8Array) => ((calls++ === 0 ? { bytesWritten: 3, buffer: buf } : { bytesWritten: 0, buffer: buf })) };
    await expect(writeAll(handle as never, "0123456789")).rejects.toMatchObject({ code: "ENOSPC" });
  });
});

describe("writeFileAtomic", () => {
  it("names the problem: a folder in the way, and a file where a folder is needed", async () => {
    const d = tmp();
    mkdirSync(path.join(d, "index.json"));
    await expect(writeFileAtomic(path.join(d, "index.json"), "x")).rejects.toThrow(/a folder is in the way where a file is needed \(EISDIR\)/);
    writeFileSync(path.join(d, "out"), "mine");
    const e = await writeFileAtomic(path.join(d, "out/index.json"), "x").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WriteError);
    expect((e as WriteError).message).toMatch(/a file is in the way where a folder is needed \((EEXIST|ENOTDIR)\)/);
    expect(readFileSync(path.join(d, "out"), "utf8")).toBe("mine");
  });

  it("describes ENOSPC, EACCES and EROFS in words, keeping the code", () => {
    for (const [code, words] of [["ENOSPC", "no space left"], ["EACCES", "permission denied"], ["EROFS", "read-only"]] as const) {
      const e = describeWriteError("generated/index.json", Object.assign(new Error(code), { code }));
      expect(e.message).toContain(words);
      expect(e.message).toContain(`(${code}); the previous file, if any, is unchanged`);
    }
  });
});

describe("a link or FIFO where an output belongs", () => {
  it("is replaced by the rename, never removed first: README.md, the folder's mark, is never missing, and the link's target is untouched", async () => {
    const base = tmp();
    const out = path.join(base, "generated");
    mkdirSync(path.join(out, "git"), { recursive: true });
    writeFileSync(path.join(out, "git/README.md"), `${GENERATED_MARK} a domain page -->`);
    symlinkSync("git/README.md", path.join(out, "README.md")); // e.g. committed as a link
    spawnSync("mkfifo", [path.join(out, "pipe.json")]);
    const seen: boolean[] = [];
    function* readme() {
      // Written while the old README.md must still be there: a kill now must leave the folder kb's.
      seen.push(lstatSync(path.join(out, "README.md"), { throwIfNoEntry: false }) !== undefined);
      yield `${GENERATED_MARK} new -->`;
    }
    const planned = (rel: string, content: () => Iterable<string>): PlannedOutput => ({ path: rel, inputs: { kind: "static" }, content });
    await syncOutputs(out, [planned("README.md", readme), planned("git/README.md", () => [`${GENERATED_MARK} a domain page -->`]), planned("pipe.json", () => ["{}"])], { write: true });
    expect(seen).toEqual([true]);
    expect(lstatSync(path.join(out, "README.md")).isFile()).toBe(true);
    expect(readFileSync(path.join(out, "README.md"), "utf8")).toBe(`${GENERATED_MARK} new -->`);
    expect(readFileSync(path.join(out, "git/README.md"), "utf8")).toBe(`${GENERATED_MARK} a domain page -->`);
    expect(readFileSync(path.join(out, "pipe.json"), "utf8")).toBe("{}");
  });
});

describe("folders on the way to a file", () => {
  it("are made one level at a time; where a level cannot be made (under /proc), the write fails instead of spinning", async () => {
    const base = tmp();
    await makeFolders(path.join(base, "a/b/c"));
    expect(existsSync(path.join(base, "a/b/c"))).toBe(true);
    await makeFolders(path.join(base, "a/b/c")); // made already: nothing to do
    writeFileSync(path.join(base, "file"), "x");
    await expect(makeFolders(path.join(base, "file/d"))).rejects.toMatchObject({ code: "ENOTDIR" });
    if (process.platform !== "linux") return;
    // Node 20's mkdir({ recursive: true }) never returns here; the CLI's deadline turns a spin into a failure.
    const e = await writeFileAtomic("/proc/kb-no-such/a/b/report.txt", "x").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WriteError);
    expect((e as WriteError).message).toBe("cannot write /proc/kb-no-such/a/b/report.txt: a folder on its path cannot be made there (ENOENT); the previous file, if any, is unchanged");
    const r = makeRepo({ "entries/demo/sample-error.json": entryText(validEntry()) });
    cleanups.push(r.cleanup);
    const res = await runKb(["lint", "--no-python", "-o", "/proc/kb-no-such/a/b/report.txt"], { cwd: r.dir, timeoutMs: 60_000 });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("a folder on its path cannot be made there (ENOENT)");
  });
});

describe("a build on a disk that fills up", () => {
  it("exits 2 with a clear message, keeps the old files whole and leaves no temporary file", async () => {
    const repo = makeRepo(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`entries/demo/error-${i}.json`, entryText(validEntry(`demo/error-${i}`, { root_cause: `Cause ${i}. ${"Long text. ".repeat(120)}` }))])));
    cleanups.push(repo.cleanup);
    expect((await runKb(["build"], { cwd: repo.dir })).code).toBe(0);
    const index = path.join(repo.dir, "generated/index.json");
    const before = readFileSync(index, "utf8");
    expect(before.length).toBeGreaterThan(40 * 1024);
    for (let i = 0; i < 30; i++) writeFileSync(path.join(repo.dir, `entries/demo/error-${i}.json`), entryText(validEntry(`demo/error-${i}`, { root_cause: `Changed cause ${i}. ${"Long text. ".repeat(120)}` })));
    // ulimit -f makes a write past 40 KiB short, then EFBIG: a full disk without root. Node resets an
    // ignored SIGXFSZ at start-up, so a preloaded handler keeps the signal from killing the process.
    const ignoreXfsz = 'data:text/javascript,process.on("SIGXFSZ",()=>{})';
    const res = spawnSync("sh", ["-c", `ulimit -f 80; exec "${process.execPath}" --import '${ignoreXfsz}' "${KB_BIN}" build --no-cache`], { cwd: repo.dir, env: { ...process.env, KB_TODAY: "2026-12-01", NO_COLOR: "1" }, encoding: "utf8" });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/kb: cannot write generated\/[a-z./]+: the file would exceed the size limit .+ \(EFBIG\); the previous file, if any, is unchanged/);
    const after = readFileSync(index, "utf8");
    expect(() => JSON.parse(after)).not.toThrow();
    expect([before]).toContain(after);
    const leftovers = readdirSync(path.join(repo.dir, "generated"), { recursive: true }).filter((f) => String(f).endsWith(".kb-tmp"));
    expect(leftovers).toEqual([]);
  });
});

describe("listing generated/ while another run writes it", () => {
  it("skips files and folders that vanish between readdir and lstat (kb check during kb build), instead of crashing", async () => {
    const d = tmp();
    // Another process creates and removes temporary files and a folder as fast as it can, as a build does.
    const churn = spawn("sh", ["-c", "while :; do for i in 1 2 3 4 5 6 7 8 9 10; do : > f$i.kb-tmp; done; mkdir -p sub; : > sub/x; rm -rf f*.kb-tmp sub; done"], { cwd: d, stdio: "ignore" });
    cleanups.unshift(() => churn.kill("SIGKILL"));
    const failures: string[] = [];
    const until = Date.now() + 2_500;
    while (Date.now() < until) {
      try {
        for (const item of listOutputFolder(d)) expect(["file", "directory"]).toContain(item.kind);
      } catch (e) {
        failures.push(String(e));
      }
      await new Promise((r) => setImmediate(r));
    }
    expect(failures.slice(0, 3)).toEqual([]);
  });
});

describe("a generated/ that is a symbolic link", () => {
  it("is refused by kb check as by kb build, not reported up to date through the link", async () => {
    const repo = makeRepo({ "entries/demo/sample-error.json": entryText(validEntry("demo/sample-error")) });
    cleanups.push(repo.cleanup);
    expect((await runKb(["build", "--no-python", "--out", "real"], { cwd: repo.dir })).code).toBe(0);
    symlinkSync("real", path.join(repo.dir, "generated"));
    const check = await runKb(["check", "--no-python"], { cwd: repo.dir });
    expect(check.stderr).toContain("is a symbolic link");
    expect(check.code).toBe(2);
    expect((await runKb(["build", "--no-python"], { cwd: repo.dir })).code).toBe(2);
  });
});

describe("temporary files left by a killed kb fix", () => {
  it("are removed only inside entries/: never through an entries/ that is a link", () => {
    const outside = tmp();
    mkdirSync(path.join(outside, "demo"));
    const leftover = path.join(outside, "demo/.x.json.999999.deadbeef.kb-tmp");
    writeFileSync(leftover, "someone else's file");
    const repo = tmp();
    symlinkSync(outside, path.join(repo, "entries"));
    expect(removeStaleTempFiles(path.join(repo, "entries")).removed).toEqual([]);
    expect(existsSync(leftover)).toBe(true);
    expect(removeStaleTempFiles(outside)).toEqual({ removed: ["demo/.x.json.999999.deadbeef.kb-tmp"], failed: [] });
  });

  it("one that cannot be removed (a read-only folder) is named with the system's code, and the others are still removed (pass AA: EACCES crashed kb fix as an internal error)", () => {
    const root = tmp();
    mkdirSync(path.join(root, "demo"));
    for (const slug of ["a", "b"]) writeFileSync(path.join(root, "demo", `.${slug}.json.999999.deadbeef.kb-tmp`), "x");
    const denied = (file: string) => {
      if (file.includes(".a.json")) throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
      rmSync(file);
    };
    expect(removeStaleTempFiles(root, denied)).toEqual({ removed: ["demo/.b.json.999999.deadbeef.kb-tmp"], failed: [{ file: "demo/.a.json.999999.deadbeef.kb-tmp", code: "EACCES" }] });
    expect(existsSync(path.join(root, "demo/.a.json.999999.deadbeef.kb-tmp"))).toBe(true);
  });

  it("are removed only where kb writes: the domain folders of entries/, not the root, deeper or a hidden folder, and only with a pid a writer can have (pass Y, Z: one in .git/objects was deleted)", () => {
    const root = tmp();
    const name = ".x.json.4194303.deadbeef.kb-tmp";
    for (const folder of ["demo", "demo/deeper", ".git/objects"]) {
      mkdirSync(path.join(root, folder), { recursive: true });
      writeFileSync(path.join(root, folder, name), "x");
    }
    // Nor at the root, nor with a pid no writer can have (pass Z: both were deleted).
    writeFileSync(path.join(root, name), "x");
    for (const pid of ["0", "1", "99999999"]) writeFileSync(path.join(root, "demo", `.y.json.${pid}.deadbeef.kb-tmp`), "x");
    expect(removeStaleTempFiles(root)).toEqual({ removed: [`demo/${name}`], failed: [] });
    expect(existsSync(path.join(root, name))).toBe(true);
    expect(existsSync(path.join(root, "demo/deeper", name))).toBe(true);
    expect(existsSync(path.join(root, ".git/objects", name))).toBe(true);
  });
});

describe("a FIFO in generated/", () => {
  it("named README.md, where the ownership check reads: the build refuses the folder instead of hanging", async () => {
    const repo = makeRepo({ "entries/demo/sample-error.json": entryText(validEntry("demo/sample-error")), "generated/other.md": "someone's file" });
    cleanups.push(repo.cleanup);
    spawnSync("mkfifo", [path.join(repo.dir, "generated/README.md")]);
    const res = await runKb(["build", "--no-python"], { cwd: repo.dir, timeoutMs: 30_000 });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("was not written by kb build");
    expect(readFileSync(path.join(repo.dir, "generated/other.md"), "utf8")).toBe("someone's file");
  });
});

describe("the ownership check on an output folder without kb's README", () => {
  it("owns what a first build killed early leaves (empty domain folders, temporary files), and nothing more (pass AN: an empty generated/api made every later build refuse)", () => {
    const temp = ".index.json.99999.0badf00d.kb-tmp";
    const owned = tmp();
    mkdirSync(path.join(owned, "api"));
    mkdirSync(path.join(owned, "git"));
    writeFileSync(path.join(owned, "git", temp), "");
    writeFileSync(path.join(owned, temp), "");
    expect(() => assertOwnedOutputFolder(owned)).not.toThrow();

    const refused = (make: (dir: string) => void) => {
      const dir = tmp();
      make(dir);
      expect(() => assertOwnedOutputFolder(dir)).toThrow(OutputFolderError);
    };
    refused((d) => { mkdirSync(path.join(d, "api")); writeFileSync(path.join(d, "api", "notes.txt"), "someone's"); });
    refused((d) => { mkdirSync(path.join(d, "api")); symlinkSync(os.tmpdir(), path.join(d, "api", "link")); });
    refused((d) => mkdirSync(path.join(d, "a", "b", "c"), { recursive: true }));
    refused((d) => writeFileSync(path.join(d, "notes.txt"), ""));
  });
});

describe("a sync that fails half way", () => {
  it("says the folder now holds new and old outputs together and counts every output it changed, not only that the failed file is unchanged", async () => {
    const out = path.join(tmp(), "generated");
    mkdirSync(out);
    writeFileSync(path.join(out, "README.md"), `${GENERATED_MARK} old -->`);
    writeFileSync(path.join(out, "gone.md"), "no entry produces this any more");
    const planned = (rel: string, text: string): PlannedOutput => ({ path: rel, inputs: { kind: "static" }, content: () => [text] });
    // A name too long fails at once, early in the first batch of writes, while the views beside it are still being written.
    const outputs = [planned("README.md", `${GENERATED_MARK} new -->`), planned(`${"x".repeat(300)}.json`, "{}"), ...Array.from({ length: 12 }, (_, i) => planned(`view-${i}.md`, `view ${i}`))];
    const e = await syncOutputs(out, outputs, { write: true }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WriteError);
    expect((e as WriteError).message).toMatch(/^cannot write .+x\.json: .+; the previous file, if any, is unchanged; [0-9]+ other outputs were already written or removed, so the folder holds new and old outputs together until kb build succeeds \(kb check lists what differs\)$/);
    // The count is what really changed: every write that ran beside the failure is counted once it has finished.
    const stated = Number(/; ([0-9]+) other outputs/.exec((e as WriteError).message)![1]);
    const written = readdirSync(out).filter((f) => f.startsWith("view-")).length;
    const changed = written + 1 /* README.md */ + 1 /* gone.md removed */;
    expect(existsSync(path.join(out, "gone.md"))).toBe(false);
    expect(readFileSync(path.join(out, "README.md"), "utf8")).toContain("new");
    expect(stated).toBe(changed);
    expect(written).toBeLessThan(12); // no write starts after the failure
  });
});

describe("an entry saved while kb build runs", () => {
  it("is refused, not built unlinted: nothing is written", async () => {
    const repo = makeRepo({ "entries/demo/sample-error.json": entryText(validEntry("demo/sample-error")), "entries/demo/other-error.json": entryText(validEntry("demo/other-error")) });
    cleanups.push(repo.cleanup);
    const settings: RunSettings = { cwd: repo.dir, root: repo.dir, entriesDir: path.join(repo.dir, "entries"), outDir: path.join(repo.dir, "generated"), limits: DEFAULT_LIMITS, today: "2026-12-01", threads: 1, cache: false, python: false, severities: new Map() };
    for (const saved of ['{ "id": "demo/sample-error", "regex": ', entryText(validEntry("demo/sample-error", { regex: "" }))]) {
      // The contributor's editor saves the file just after lint read it.
      const lintThenSave: LintFiles = async (...args) => {
        const verdicts = await lintFiles(...args);
        writeFileSync(path.join(repo.dir, "entries/demo/sample-error.json"), saved);
        return verdicts;
      };
      const e = await runBuild(settings, { write: true, lintFiles: lintThenSave, sync: syncOutputs }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SourceError);
      expect((e as Error).message).toBe("entries/demo/sample-error.json changed while kb ran, after it was linted; run kb build again");
      expect(existsSync(path.join(repo.dir, "generated"))).toBe(false);
      writeFileSync(path.join(repo.dir, "entries/demo/sample-error.json"), entryText(validEntry("demo/sample-error")));
    }
  });
});

describe("the lock", () => {
  it("serialises two runs on one folder", async () => {
    const d = tmp();
    const order: string[] = [];
    const run = (name: string) =>
      withLock(path.join(d, "generated.lock"), async () => {
        order.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 50));
        order.push(`${name} out`);
      });
    await Promise.all([run("a"), run("b")]);
    expect(order).toEqual(order[0] === "a in" ? ["a in", "a out", "b in", "b out"] : ["b in", "b out", "a in", "a out"]);
    expect(existsSync(path.join(d, "generated.lock"))).toBe(false);
  });

  it("a run whose lock was taken over while it was paused changes nothing more: held() throws, the sync stops before its next rename, and the other run's lock stays", async () => {
    const d = tmp();
    const lock = path.join(d, "generated.lock");
    const out = path.join(d, "generated");
    mkdirSync(out);
    writeFileSync(path.join(out, "README.md"), `${GENERATED_MARK} old -->`);
    writeFileSync(path.join(out, "view.md"), "the newer run's view");
    const planned = (rel: string, text: string): PlannedOutput => ({ path: rel, inputs: { kind: "static" }, content: () => [text] });
    const e = await withLock(lock, async (held) => {
      held(); // still ours
      // Another run found the lock stale (this one was stopped) and took it: a new folder at the path.
      rmSync(lock, { recursive: true });
      // Real takeovers come 10 s later; the file system's clock (a few ms coarse) must move on to date the new folder.
      await new Promise((r) => setTimeout(r, 50));
      mkdirSync(lock);
      expect(() => held()).toThrow(/was taken over while this run held it/);
      return syncOutputs(out, [planned("README.md", `${GENERATED_MARK} old -->`), planned("view.md", "this run's older view")], { write: true, stillHeld: held });
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WriteError);
    expect((e as WriteError).code).toBe("ELOCKLOST");
    expect(readFileSync(path.join(out, "view.md"), "utf8")).toBe("the newer run's view");
    expect(readdirSync(out).sort()).toEqual(["README.md", "view.md"]);
    // The lock is the other run's now: leaving, this run must not remove it from under that run.
    expect(existsSync(lock)).toBe(true);
  });

  it("refuses a file or a non-empty folder at the lock's path (e.g. committed to git)", async () => {
    const d = tmp();
    writeFileSync(path.join(d, "generated.lock"), "1\n");
    await expect(withLock(path.join(d, "generated.lock"), async () => 1)).rejects.toBeInstanceOf(LockError);
    const e = tmp();
    mkdirSync(path.join(e, "generated.lock"));
    writeFileSync(path.join(e, "generated.lock/pid"), "1");
    await expect(withLock(path.join(e, "generated.lock"), async () => 1)).rejects.toThrow("was not made by kb");
  });

  it("takes over a lock nobody refreshes (a killed run's)", async () => {
    const d = tmp();
    const lock = path.join(d, "generated.lock");
    mkdirSync(lock);
    const old = new Date(Date.now() - 60_000);
    const { utimesSync } = await import("node:fs");
    utimesSync(lock, old, old);
    await expect(withLock(lock, async () => "ran")).resolves.toBe("ran");
  });

  it("takes over at once an empty lock dated in the future, which no live run refreshes to", async () => {
    const lock = path.join(tmp(), "generated.lock");
    mkdirSync(lock);
    const future = new Date(Date.now() + 365 * 24 * 3600 * 1000);
    utimesSync(lock, future, future);
    await expect(withLock(lock, async () => "ran")).resolves.toBe("ran"); // it waited 2 minutes, then failed
  });

  it("fails at once when the lock cannot be made for another reason than a holder (it retried for 2 minutes)", async () => {
    const d = tmp();
    writeFileSync(path.join(d, "file"), "x");
    const e = await withLock(path.join(d, "file/out/generated.lock"), async () => 1).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LockError);
    expect((e as Error).message).toMatch(/^cannot take the lock .+: a file is in the way where a folder is needed \(ENOTDIR\)/);
    // Missing folders on the way are made, so --out into a new nested folder works.
    await expect(withLock(path.join(d, "new/a/b/generated.lock"), async () => "ran")).resolves.toBe("ran");
  });
});

export type { TempRepo };
