// The cache under node_modules/.cache/error-kb/ only saves time: whatever sits at its paths (a FIFO,
// a folder, garbage) must neither block nor fail a run.
import { execFileSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { entryText, validEntry } from "../helpers/entries.ts";
import { openCache } from "../../scripts/speed/cache-file.ts";
import { makeRepo, runKb, type TempRepo } from "../helpers/repo.ts";

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

describe("a hostile cache folder", () => {
  it("a FIFO, a folder or garbage at a cache file's path: the run neither hangs nor fails", async () => {
    const repo = makeRepo({ "entries/demo/sample-error.json": entryText(validEntry("demo/sample-error")) });
    repos.push(repo);
    const cache = path.join(repo.dir, "node_modules/.cache/error-kb");
    mkdirSync(cache, { recursive: true });
    execFileSync("mkfifo", [path.join(cache, "lint.json")]);
    mkdirSync(path.join(cache, "outputs.json"));
    const lint = await runKb(["lint", "--no-python"], { cwd: repo.dir, timeoutMs: 30_000 });
    expect(lint.code).toBe(0);
    const build = await runKb(["build", "--no-python"], { cwd: repo.dir, timeoutMs: 30_000 });
    expect(build.code).toBe(0);
    expect(build.stderr).not.toContain("internal error");
    writeFileSync(path.join(cache, "garbage.json"), "\u0000".repeat(1000));
    expect((await runKb(["check", "--no-python"], { cwd: repo.dir, timeoutMs: 30_000 })).code).toBe(0);
  });
});

describe("saving between batches", () => {
  const isString = (v: unknown): v is string => typeof v === "string";
  const open = (dir: string) => openCache(dir, "lint", "ctx", isString);

  it("keeps the records a later batch will ask for (a run that saved per batch lost them: the next run re-linted a batch of 1,000)", async () => {
    const repo = makeRepo({ "node_modules/.keep": "" });
    repos.push(repo);
    const first = open(repo.dir);
    for (const g of ["a", "b", "c"]) first.set(`${g}:v1`, `record ${g}`);
    await first.save();
    const second = open(repo.dir);
    expect(second.get("a:v1")).toBe("record a"); // the first batch
    await second.save(); // saved before the later batches ask for b and c
    const third = open(repo.dir);
    expect([third.get("a:v1"), third.get("b:v1"), third.get("c:v1")]).toEqual(["record a", "record b", "record c"]);
  });

  it("rewrites the file at a save only when it would hold other records than the last write", async () => {
    const repo = makeRepo({ "node_modules/.keep": "" });
    repos.push(repo);
    const file = path.join(repo.dir, "node_modules/.cache/error-kb/lint.json");
    const first = open(repo.dir);
    first.set("a:v1", "record a");
    await first.save();
    const written = statSync(file).ino;
    expect(first.get("a:v1")).toBe("record a");
    await first.save(); // a later batch that added nothing
    expect(statSync(file).ino).toBe(written);
    first.set("b:v1", "record b");
    await first.save();
    expect(statSync(file).ino).not.toBe(written);
    const again = open(repo.dir);
    expect([again.get("a:v1"), again.get("b:v1")]).toEqual(["record a", "record b"]);
    const unchanged = statSync(file).ino;
    await again.save(true); // everything asked for: the same records
    expect(statSync(file).ino).toBe(unchanged);
    const missed = open(repo.dir);
    expect(missed.get("b:v2")).toBeUndefined(); // b's file changed, and its new verdict is not stored
    await missed.save();
    expect([open(repo.dir).get("a:v1"), open(repo.dir).get("b:v1")]).toEqual(["record a", undefined]);
  });

  it("drops a group's old record once a new one is asked for, and with complete, everything not asked for", async () => {
    const repo = makeRepo({ "node_modules/.keep": "" });
    repos.push(repo);
    const first = open(repo.dir);
    for (const g of ["a", "b"]) first.set(`${g}:v1`, `old ${g}`);
    await first.save();
    const edited = open(repo.dir);
    expect(edited.get("a:v2")).toBeUndefined();
    edited.set("a:v2", "new a");
    await edited.save();
    const after = open(repo.dir);
    expect([after.get("a:v1"), after.get("a:v2"), after.get("b:v1")]).toEqual([undefined, "new a", "old b"]);
    const once = open(repo.dir);
    once.get("a:v2");
    await once.save(true);
    const last = open(repo.dir);
    expect([last.get("a:v2"), last.get("b:v1")]).toEqual(["new a", undefined]);
  });
});
