// The worker-pool path (per-entry lint and view rendering shared out to worker threads) and the
// single-thread path give identical diagnostics and generated trees. KB_POOL_MIN=1 makes even a
// small corpus use the pool; --threads 1 never starts one.
import { rmSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { addErrors, addWarnings, corpusRepo, kb, outputs } from "./support.ts";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const POOL = { KB_POOL_MIN: "1" };

describe("worker pool and single thread", () => {
  it("report the same diagnostics", async () => {
    const r = corpusRepo(40, addErrors, addWarnings);
    cleanups.push(r.cleanup);
    const single = await kb(r.dir, ["lint", "--format", "json", "--no-cache", "--threads", "1"]);
    const pooled = await kb(r.dir, ["lint", "--format", "json", "--no-cache", "--threads", "2"], POOL);
    expect(JSON.parse(single.stdout).length).toBeGreaterThan(8);
    expect(pooled.stdout).toBe(single.stdout);
    expect(pooled.code).toBe(single.code);
  });

  it("write the same generated tree", async () => {
    const r = corpusRepo(60, addWarnings);
    cleanups.push(r.cleanup);
    const single = await kb(r.dir, ["build", "--format", "json", "--no-cache", "--threads", "1"]);
    expect(single.code).toBe(0);
    const singleTree = outputs(r.dir);
    rmSync(path.join(r.dir, "generated"), { recursive: true });
    const pooled = await kb(r.dir, ["build", "--format", "json", "--no-cache", "--threads", "2"], POOL);
    expect(pooled.stdout).toBe(single.stdout);
    expect(outputs(r.dir)).toEqual(singleTree);
    // Views of linked entries (leads_to, confusion pairs) are among them: the pool saw their neighbours.
    expect(Object.values(singleTree).some((text) => text.includes("```mermaid"))).toBe(true);
  });
});
