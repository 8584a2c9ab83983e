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
export const WORKER_HEAP_MB = 256;

interface Queued {
  readonly kind: TaskKind;
  /** Made when a worker takes the task, so that it reflects the run as it is then (e.g. the budget left). */
  readonly payload: () => unknown;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  /** The one task this worker holds; a worker never holds two, so its heap holds one batch at a time. */
  current: (Queued & { readonly id: number }) | undefined;
  /** Exited or failed (e.g. past its heap limit): never given work again, since a message to it is lost. */
  dead: boolean;
}

export class WorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Queued[] = [];
  private nextId = 0;
  private closed = false;

  constructor(size: number) {
    this.slots = Array.from({ length: size }, () => {
      // A bounded heap makes a worker collect garbage early instead of growing; callers keep each batch
      // well inside it (share-out.ts), since V8 aborts the whole process when a worker runs out of it.
      const slot: Slot = { worker: new Worker(WORKER_URL, { workerData: { typescript: FROM_TYPESCRIPT }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }), current: undefined, dead: false };
      slot.worker.on("message", (msg: { id?: number; result?: unknown; error?: string; ready?: boolean }) => {
        const task = slot.current;
        if (msg.id === undefined || task === undefined || msg.id !== task.id) return;
        slot.current = undefined;
        slot.worker.unref();
        if (msg.error !== undefined) task.reject(new Error(msg.error));
        else task.resolve(msg.result);
        this.pump();
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

  /** Queues a task for the next idle live worker; rejects (the caller does the work itself) when none is left. */
  run<K extends TaskKind>(kind: K, payload: () => TaskPayload<K>): Promise<TaskResult<K>> {
    if (this.closed) return Promise.reject(new Error("the worker pool is closed"));
    if (this.slots.every((s) => s.dead)) return Promise.reject(new Error("no worker of the pool is left"));
    return new Promise<TaskResult<K>>((resolve, reject) => {
      this.queue.push({ kind, payload, resolve: (v) => resolve(v as TaskResult<K>), reject });
      this.pump();
    });
  }

  /** Hands queued tasks to idle live workers, in order. */
  private pump(): void {
    for (;;) {
      const slot = this.slots.find((s) => !s.dead && s.current === undefined);
      const task = slot === undefined ? undefined : this.queue.shift();
      if (slot === undefined || task === undefined) return;
      const id = this.nextId++;
      slot.current = { ...task, id };
      // A worker with work keeps the process alive; an idle one never holds up its exit.
      slot.worker.ref();
      try {
        slot.worker.postMessage({ id, kind: task.kind, payload: task.payload() });
      } catch (e) {
        // A payload that cannot be made or cloned: the caller does the work itself.
        slot.current = undefined;
        slot.worker.unref();
        task.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
  }

  private fail(slot: Slot, e: Error): void {
    if (slot.dead) return;
    slot.dead = true;
    const task = slot.current;
    slot.current = undefined;
    task?.reject(e);
    if (this.slots.every((s) => s.dead)) {
      for (const queued of this.queue.splice(0)) queued.reject(new Error("no worker of the pool is left"));
    } else this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queued of this.queue.splice(0)) queued.reject(new Error("the worker pool is closed"));
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
