// The cache under node_modules/.cache/error-kb/ only saves time: whatever sits at its paths (a FIFO,
// a folder, garbage) must neither block nor fail a run.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { entryText, validEntry } from "../helpers/entries.ts";
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
