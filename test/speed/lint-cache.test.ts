// The lint cache is saved between batches only when a run's new records have doubled since its last
// save, and once more when the run ends (flush): a cold run of n files writes the file O(log n) times,
// not once per batch, and a killed run keeps at least half of its work. With --no-cache, kb neither
// reads nor writes it: what a checkout of an untrusted branch relies on (SECURITY.md, threat 10).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { FileInput, FileVerdict, LintFiles } from "../../scripts/lint/engine.ts";
import { DEFAULT_LIMITS } from "../../scripts/model/limits.ts";
import type { RunSettings } from "../../scripts/model/run-settings.ts";
import { cacheFilePath } from "../../scripts/speed/cache-file.ts";
import { withCache } from "../../scripts/speed/lint-cache.ts";
import { withCollectionCache } from "../../scripts/speed/collection-cache.ts";
import { COLLISIONS_STOPPED } from "../../scripts/lint/rules/regex-collision.ts";
import type { LintCollection } from "../../scripts/lint/engine.ts";
import { digest } from "../../scripts/model/digest.ts";
import { createDiagnostic } from "../../scripts/model/diagnostic.ts";
import { entryText, validEntry } from "../helpers/entries.ts";
import { makeRepo, runKb } from "../helpers/repo.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("the lint cache's saves", () => {
  it("wait until the run's new records double, and flush writes the rest", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "kb-lint-cache-"));
    dirs.push(root);
    mkdirSync(path.join(root, "node_modules"));
    const settings = { root, limits: DEFAULT_LIMITS, today: "2026-12-01", python: false } as RunSettings;
    let linted = 0;
    const inner: LintFiles = async (files) => {
      linted += files.length;
      return files.map((f): FileVerdict => ({ file: f.file, pathId: undefined, diagnostics: [], summary: undefined, contentDigest: f.file }));
    };
    const files = (from: number, n: number): FileInput[] => Array.from({ length: n }, (_, i) => ({ file: `entries/d/e${from + i}.json`, pathId: undefined, pathProblem: undefined, bytes: Buffer.from(`${from + i}`) }));
    const records = () => {
      try {
        return readFileSync(cacheFilePath(root, "lint"), "utf8").split("\n").length - 3; // header, checksum, final newline
      } catch {
        return 0;
      }
    };
    const run = withCache(inner, settings);
    const budget = undefined as never;
    await run(files(0, 600), undefined as never, budget);
    expect(records()).toBe(0); // fewer than 1,000 new records: not yet
    await run(files(600, 600), undefined as never, budget);
    expect(records()).toBe(1_200);
    await run(files(1_200, 1_000), undefined as never, budget);
    expect(records()).toBe(1_200); // 1,000 new, fewer than the 1,200 saved
    await run(files(2_200, 300), undefined as never, budget);
    expect(records()).toBe(2_500);
    await run(files(2_500, 10), undefined as never, budget);
    expect(records()).toBe(2_500);
    await run.flush();
    expect(records()).toBe(2_510);

    const again = withCache(inner, settings);
    linted = 0;
    await again(files(0, 2_510), undefined as never, budget);
    await again.flush();
    expect(linted).toBe(0);
    expect(records()).toBe(2_510);
  });
});

describe("the lint cache's records", () => {
  it("leave out a file with more problems than the per-file cap: stored as text, the one diagnostic standing for each of the rest was written once per problem (pass N: 106 MB for a file)", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "kb-lint-cache-"));
    dirs.push(root);
    mkdirSync(path.join(root, "node_modules"));
    const settings = { root, limits: { ...DEFAULT_LIMITS, maxDiagnosticsPerFile: 3 }, today: "2026-12-01", python: false } as RunSettings;
    const problem = (file: string) => createDiagnostic({ file, severity: "error", rule: "kb/json-syntax", message: "invalid JSON: comma expected" });
    const inner: LintFiles = async (files) =>
      files.map((f): FileVerdict => ({ file: f.file, pathId: undefined, diagnostics: f.file.includes("broken") ? Array(10_000).fill(problem(f.file)) : [problem(f.file)], summary: undefined, contentDigest: f.file }));
    const files: FileInput[] = ["entries/d/broken.json", "entries/d/fine.json"].map((file) => ({ file, pathId: undefined, pathProblem: undefined, bytes: Buffer.from(file) }));
    const run = withCache(inner, settings);
    await run(files, undefined as never, undefined as never);
    await run.flush();
    const text = readFileSync(cacheFilePath(root, "lint"), "utf8");
    expect(text.split("\n").length - 3).toBe(1);
    expect(text).toContain("fine.json");
    expect(text).not.toContain("broken.json");
  });
});

describe("kb lint --no-cache", () => {
  it("neither reads nor updates a planted cache: a forged verdict is trusted without it and ignored with it", async () => {
    const file = "entries/demo/sample-error.json";
    const repo = makeRepo({ [file]: entryText(validEntry("demo/sample-error", { regex: "" })), "node_modules/.keep": "" });
    dirs.push(repo.dir);
    const lint = (...flags: string[]) => runKb(["lint", "--no-python", ...flags], { cwd: repo.dir });
    expect((await lint()).code).toBe(1); // the broken entry's verdict is recorded
    const cacheFile = cacheFilePath(repo.dir, "lint");
    const badRecord = readFileSync(cacheFile, "utf8").split("\n")[1]!.replace(/^\S+ /, "");
    writeFileSync(path.join(repo.dir, file), entryText(validEntry("demo/sample-error")));
    expect((await lint()).code).toBe(0); // the fixed entry's verdict replaces it

    // Plant the broken verdict under the fixed entry's key, with a checksum that makes the file valid.
    const lines = readFileSync(cacheFile, "utf8").split("\n");
    const key = lines[1]!.split(" ")[0]!;
    const body = `${[lines[0], `${key} ${badRecord}`].join("\n")}\n`;
    writeFileSync(cacheFile, `${body}${digest(body)}\n`);
    const planted = readFileSync(cacheFile);

    const cacheFolder = path.dirname(cacheFile);
    const snapshot = () => readdirSync(cacheFolder).map((f) => `${f} ${digest(readFileSync(path.join(cacheFolder, f)).toString("latin1"))}`);
    const before = snapshot();
    const without = await lint("--no-cache");
    expect(without.code).toBe(0);
    expect((await runKb(["build", "--no-python", "--no-cache"], { cwd: repo.dir })).code).toBe(0);
    expect(readFileSync(cacheFile)).toEqual(planted); // not updated either,
    expect(snapshot()).toEqual(before); // nor any other cache file made or changed by the build
    expect((await runKb(["build", "--no-python"], { cwd: repo.dir })).code).toBe(1);
    const trusted = await lint();
    expect(trusted.code).toBe(1); // the forgery is well formed: a run with the cache believes it
    expect(trusted.stdout).toContain(file);
  });
});

describe("the collection cache", () => {
  it("never stores a run whose collision checks were stopped by the budget, and stores one that finished (pass AN: the stop would come back on a run with time to finish)", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "kb-collection-cache-"));
    dirs.push(root);
    mkdirSync(path.join(root, "node_modules"));
    const settings = { root, limits: DEFAULT_LIMITS, today: "2026-12-01", python: false } as RunSettings;
    const verdicts = [{ file: "entries/d/e.json", pathId: "d/e", diagnostics: [], summary: undefined, contentDigest: "x" }];
    let runs = 0;
    let stopped = true;
    const inner: LintCollection = async () => {
      runs++;
      return stopped ? [createDiagnostic({ file: "entries/d/e.json", severity: "error", rule: "kb/regex-collision", message: `${COLLISIONS_STOPPED} when the run's time budget (totalBudgetMs) ran out or a test timed out; 3 tests did not run` })] : [];
    };
    const run = withCollectionCache(inner, settings);
    const call = () => run(verdicts, undefined as never, undefined as never, undefined as never);
    expect(await call()).toHaveLength(1);
    stopped = false;
    expect(await call()).toEqual([]); // run again, not the stop read back
    expect(await call()).toEqual([]);
    expect(runs).toBe(2); // the finished run was stored and read back
  });
});
