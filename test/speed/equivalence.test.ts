// The speed decorators change nothing but time: the cache, the worker pool and the incremental writer
// wrap the core with the same signatures, and a run with all of them gives the same diagnostics and
// byte-identical generated/ as the bare core, cold, warm, and after one entry changed.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SEED } from "../../scripts/bench/corpus.ts";
import { entryFile, writeCorpus } from "../../scripts/bench/write-corpus.ts";
import { lintFiles } from "../../scripts/lint/engine.ts";
import { canonicalText } from "../../scripts/model/canonical.ts";
import { DEFAULT_LIMITS } from "../../scripts/model/limits.ts";
import type { RunSettings } from "../../scripts/model/run-settings.ts";
import { runBuild } from "../../scripts/runner/build-run.ts";
import { syncOutputs } from "../../scripts/write/sync.ts";

/** Small in npm test; test/system/equivalence-scale.test.ts runs the same suite on a corpus ten times larger. */
const SIZE = Number(process.env.KB_EQUIVALENCE_SIZE ?? 40);
let dir: string;

function settings(root: string, out: string, fast: boolean): RunSettings {
  return { cwd: root, root, entriesDir: path.join(root, "entries"), outDir: path.join(root, out), limits: DEFAULT_LIMITS, today: "2026-12-01", threads: fast ? 2 : 1, cache: fast, python: true, severities: new Map() };
}

/** Every file under a folder with its bytes, by relative path. */
function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(folder, { recursive: true }) as string[]) {
    try {
      out[f] = readFileSync(path.join(folder, f), "utf8");
    } catch {
      // a folder
    }
  }
  return out;
}

beforeAll(() => {
  process.env.KB_POOL_MIN = "20"; // small enough that this corpus goes through the pool
  dir = mkdtempSync(path.join(os.tmpdir(), "kb-equivalence-"));
  writeCorpus(path.join(dir, "entries"), SIZE, DEFAULT_SEED);
  mkdirSync(path.join(dir, "node_modules"));
});
afterAll(() => {
  delete process.env.KB_POOL_MIN;
  rmSync(dir, { recursive: true, force: true });
});

describe("decorated and bare runs", () => {
  it("agree cold, warm and after one change, byte for byte", async () => {
    const bare = () => runBuild(settings(dir, "bare", false), { write: true, lintFiles, sync: syncOutputs });
    const fast = () => runBuild(settings(dir, "fast", true), { write: true });

    const coldBare = await bare();
    const coldFast = await fast();
    expect(coldBare.drift).toBeDefined();
    expect(coldFast.lint.diagnostics).toEqual(coldBare.lint.diagnostics);
    expect(snapshot(path.join(dir, "fast"))).toEqual(snapshot(path.join(dir, "bare")));
    expect(Object.keys(snapshot(path.join(dir, "fast"))).length).toBeGreaterThan(SIZE);

    const warm = await fast();
    expect(warm.lint.diagnostics).toEqual(coldBare.lint.diagnostics);
    expect(warm.drift).toEqual({ stale: [], missing: [], extra: [] });

    const changed = path.join(dir, "entries", entryFile(Math.floor(SIZE / 2), DEFAULT_SEED));
    const value = JSON.parse(readFileSync(changed, "utf8")) as { root_cause: string };
    value.root_cause += " One more sentence.";
    writeFileSync(changed, canonicalText(value));
    const afterBare = await bare();
    const afterFast = await fast();
    expect(afterFast.drift!.stale.length).toBeGreaterThan(0);
    expect(afterFast.drift).toEqual(afterBare.drift);
    expect(snapshot(path.join(dir, "fast"))).toEqual(snapshot(path.join(dir, "bare")));
  });

  it("ignore a corrupt cache and give the same answer", async () => {
    const cacheDir = path.join(dir, "node_modules/.cache/error-kb");
    for (const f of readdirSync(cacheDir)) writeFileSync(path.join(cacheDir, f), "garbage\n");
    const copy = path.join(dir, "fast-copy");
    cpSync(path.join(dir, "fast"), copy, { recursive: true });
    const again = await runBuild(settings(dir, "fast", true), { write: true });
    expect(again.drift).toEqual({ stale: [], missing: [], extra: [] });
    expect(snapshot(path.join(dir, "fast"))).toEqual(snapshot(copy));
  });
});
