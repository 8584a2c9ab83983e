// The lint cache is saved between batches only when a run's new records have doubled since its last
// save, and once more when the run ends (flush): a cold run of n files writes the file O(log n) times,
// not once per batch, and a killed run keeps at least half of its work.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { FileInput, FileVerdict, LintFiles } from "../../scripts/lint/engine.ts";
import { DEFAULT_LIMITS } from "../../scripts/model/limits.ts";
import type { RunSettings } from "../../scripts/model/run-settings.ts";
import { cacheFilePath } from "../../scripts/speed/cache-file.ts";
import { withCache } from "../../scripts/speed/lint-cache.ts";

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
