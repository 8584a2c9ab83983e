// How work is cut for the worker pool: by the size of its text, never near a worker's heap (V8 aborts
// the whole process when a worker runs out of it), with items too big for a worker done here, and the
// results always in item order whichever way each batch ran.
import { describe, expect, it } from "vitest";
import { BATCH_WEIGHT, HEAVY_WEIGHT, batchesOf, runBatches, textWeight } from "../../scripts/speed/share-out.ts";
import { WORKER_HEAP_MB } from "../../scripts/speed/pool.ts";

const limits = { batch: 10, heavy: 6 };

describe("batchesOf", () => {
  it("groups light items up to the batch weight, in order, and keeps each heavy item alone, here", () => {
    const batches = batchesOf([3, 3, 3, 7, 2, 5, 5, 1], (n) => n, 1, limits);
    expect(batches).toEqual([
      { items: [3, 3, 3], where: "pool" },
      { items: [7], where: "here" },
      { items: [2, 5], where: "pool" },
      { items: [5, 1], where: "pool" },
    ]);
  });

  it("gives every item to exactly one batch", () => {
    const items = Array.from({ length: 500 }, (_, i) => (i * 7919) % 13);
    expect(batchesOf(items, (n) => n, 2, limits).flatMap((b) => b.items)).toEqual(items);
  });

  it("gives every worker a share of a corpus far smaller than one batch", () => {
    const items = Array.from({ length: 1_000 }, () => 1);
    expect(batchesOf(items, (n) => n, 2).map((b) => [b.items.length, b.where])).toEqual([
      [500, "pool"],
      [500, "pool"],
    ]);
  });

  it("keeps a batch and an item far inside the worker's heap", () => {
    expect(BATCH_WEIGHT).toBeLessThanOrEqual((WORKER_HEAP_MB * 1024 * 1024) / 8);
    expect(HEAVY_WEIGHT * 20).toBeLessThanOrEqual(WORKER_HEAP_MB * 1024 * 1024);
  });
});

describe("runBatches", () => {
  it("returns results in item order; a pool batch that fails is done here; batches done here run one at a time", async () => {
    const batches = batchesOf([1, 2, 9, 3, 8, 4], (n) => n, 1, limits);
    let running = 0;
    let most = 0;
    const here = async (items: number[]) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return items.map((n) => `here ${n}`);
    };
    const inPool = async (items: number[]) => {
      if (items.includes(3)) throw new Error("worker died");
      return items.map((n) => `pool ${n}`);
    };
    expect(await runBatches(batches, inPool, here)).toEqual(["pool 1", "pool 2", "here 9", "here 3", "here 8", "pool 4"]);
    expect(most).toBe(1);
  });
});

describe("textWeight", () => {
  it("counts the text of strings and keys at any depth, without recursion", () => {
    expect(textWeight({ ab: "cde", list: ["f", { g: "hi" }] })).toBe(2 + 3 + 4 + 1 + 1 + 2);
    let deep: unknown = "x";
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(textWeight(deep)).toBe(1);
  });
});
