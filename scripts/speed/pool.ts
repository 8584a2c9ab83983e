// A pool of worker threads for per-file work (lint of files the cache does not know, rendering views),
// so both cores of a small CI machine work on a cold run. Tasks are named and implemented in
// pool-tasks.ts; a task that fails rejects its promise with the worker's message, and the caller
// falls back to doing the work itself.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { TaskKind, TaskPayload, TaskResult } from "./pool-tasks.ts";

const WORKER_URL = new URL("./pool-worker.mjs", import.meta.url);
/** Run from the TypeScript sources (not dist/): the worker must register the loader itself. */
const FROM_TYPESCRIPT = import.meta.url.endsWith(".ts");
const WORKER_HEAP_MB = 256;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  /** Exited or failed (e.g. past its heap limit): never given work again, since a message to it is lost. */
  dead: boolean;
}

export class WorkerPool {
  private readonly slots: Slot[];
  private nextId = 0;
  private closed = false;

  constructor(size: number) {
    this.slots = Array.from({ length: size }, () => {
      // A worker holds one batch at a time; a bounded heap makes it collect garbage early instead of growing.
      const slot: Slot = { worker: new Worker(WORKER_URL, { workerData: { typescript: FROM_TYPESCRIPT }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }), pending: new Map(), dead: false };
      slot.worker.on("message", (msg: { id?: number; result?: unknown; error?: string; ready?: boolean }) => {
        if (msg.id === undefined) return;
        const p = slot.pending.get(msg.id);
        slot.pending.delete(msg.id);
        if (msg.error !== undefined) p?.reject(new Error(msg.error));
        else p?.resolve(msg.result);
      });
      slot.worker.on("error", (e) => this.fail(slot, e));
      slot.worker.on("exit", () => this.fail(slot, new Error("worker exited")));
      slot.worker.unref();
      return slot;
    });
  }

  get size(): number {
    return this.slots.length;
  }

  /** Runs a task on the least busy live worker; rejects (the caller does the work itself) when none is left. */
  run<K extends TaskKind>(kind: K, payload: TaskPayload<K>): Promise<TaskResult<K>> {
    if (this.closed) return Promise.reject(new Error("the worker pool is closed"));
    const live = this.slots.filter((s) => !s.dead);
    if (live.length === 0) return Promise.reject(new Error("no worker of the pool is left"));
    const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    // A worker with work keeps the process alive; an idle one never holds up its exit.
    if (slot.pending.size === 0) slot.worker.ref();
    return new Promise<TaskResult<K>>((resolve, reject) => {
      const settle = () => {
        if (slot.pending.size === 0) slot.worker.unref();
      };
      slot.pending.set(id, {
        resolve: (v) => {
          settle();
          resolve(v as TaskResult<K>);
        },
        reject: (e) => {
          settle();
          reject(e);
        },
      });
      slot.worker.postMessage({ id, kind, payload });
    });
  }

  private fail(slot: Slot, e: Error): void {
    slot.dead = true;
    const pending = [...slot.pending.values()];
    slot.pending.clear();
    for (const p of pending) p.reject(e);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** Fewest tasks worth starting workers for (each takes a few hundred ms to load the code). */
export function poolThreshold(): number {
  const fromEnv = Number(process.env.KB_POOL_MIN);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 300;
}

let shared: WorkerPool | undefined;

/**
 * The process's pool, started on first use when there are at least poolThreshold() tasks and more
 * than one thread; undefined means: do the work in this thread. `--threads 1` never starts one.
 */
export function poolFor(tasks: number, threads: number): WorkerPool | undefined {
  if (threads <= 1) return undefined;
  if (tasks < poolThreshold()) return shared;
  shared ??= new WorkerPool(Math.min(threads, availableParallelism()));
  return shared;
}
