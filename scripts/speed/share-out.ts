// How work is cut into batches for the worker pool. V8 aborts the whole process (exit 134) when a
// worker runs out of heap while it builds or hands back a result, instead of failing the worker, so
// no batch may come near the worker's heap: batches are cut by the size of their text, not by count,
// and an item too big for a worker's share is done in this thread, whose heap is many times larger.
import { WORKER_HEAP_MB } from "./pool.ts";

/** Most text (UTF-16 units or bytes) in one batch: a small share of the worker's heap. */
export const BATCH_WEIGHT = (WORKER_HEAP_MB * 1024 * 1024) / 16;
/** An item heavier than this (its transient copies can take twenty times its size) is done in this thread. */
export const HEAVY_WEIGHT = (WORKER_HEAP_MB * 1024 * 1024) / 64;

export interface Batch<T> {
  readonly items: T[];
  /** Whether the batch is given to the pool or done in this thread. */
  readonly where: "pool" | "here";
}

/**
 * Consecutive batches of `items` in order: each heavy item alone and kept here, the light ones grouped
 * into at least `workers` batches (so every worker gets a share) of at most `limits.batch` each.
 */
export function batchesOf<T>(items: readonly T[], weight: (item: T) => number, workers: number, limits = { batch: BATCH_WEIGHT, heavy: HEAVY_WEIGHT }): Batch<T>[] {
  const weights = items.map(weight);
  const light = weights.reduce((sum, w) => (w > limits.heavy ? sum : sum + w), 0);
  const most = Math.min(limits.batch, Math.max(1, Math.ceil(light / Math.max(1, workers))));
  const batches: Batch<T>[] = [];
  let open: T[] = [];
  let openWeight = 0;
  const close = () => {
    if (open.length > 0) batches.push({ items: open, where: "pool" });
    open = [];
    openWeight = 0;
  };
  items.forEach((item, i) => {
    const w = weights[i]!;
    if (w > limits.heavy) {
      close();
      batches.push({ items: [item], where: "here" });
      return;
    }
    if (open.length > 0 && openWeight + w > most) close();
    open.push(item);
    openWeight += w;
  });
  close();
  return batches;
}

/**
 * Runs each batch where batchesOf put it and returns the results in item order. The batches done in
 * this thread (heavy ones, and pool batches that failed) run one after another, so that no more than
 * one heavy item is held at a time.
 */
export async function runBatches<T, R>(batches: readonly Batch<T>[], inPool: (items: T[]) => Promise<R[]>, here: (items: T[]) => R[] | Promise<R[]>): Promise<R[]> {
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = (items: T[]): Promise<R[]> => {
    const turn = queue.then(() => here(items));
    queue = turn.catch(() => undefined);
    return turn;
  };
  const done = await Promise.all(batches.map((b) => (b.where === "pool" ? inPool(b.items).catch(() => inTurn(b.items)) : inTurn(b.items))));
  return done.flat();
}

/** The text a value holds: the sum of its strings' lengths, walked without recursion (entries can nest deeply). */
export function textWeight(value: unknown): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") total += v.length;
    else if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) (total += k.length), stack.push(x);
    else total += 8;
  }
  return total;
}
