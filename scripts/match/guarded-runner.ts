// Runs regexes against texts with a deadline per test, so that no regex can hang the pipeline or a
// consumer: tests run in worker threads, a watchdog reads each worker's shared progress counter and
// terminates a worker whose current test overruns, records that test as a timeout and resumes the
// rest of the batch in a fresh worker. A total budget bounds the whole run. Zero dependencies.
import { Worker } from "node:worker_threads";
import { MATCH_WORKER } from "./worker-file.ts";

export type MatchOutcome =
  | { readonly kind: "match"; readonly index: number; readonly length: number }
  | { readonly kind: "no-match" }
  | { readonly kind: "timeout" }
  | { readonly kind: "skipped" }
  | { readonly kind: "invalid"; readonly message: string };

export interface MatchJob {
  readonly pattern: string;
  readonly flags: string;
  readonly texts: readonly string[];
  /** After one timeout, the job's remaining texts time out too, unrun: a regex that overran once on a log will on its next hundred lines. */
  readonly stopAtTimeout?: boolean;
}

export interface MatcherOptions {
  readonly timeoutMs: number;
  readonly totalBudgetMs: number;
  readonly threads: number;
}

type WorkerResult = { invalid: string } | { matches: (number[] | null | "timeout")[] };

interface Batch {
  readonly id: number;
  readonly jobIndexes: number[];
  readonly jobs: MatchJob[];
  readonly skip: number[];
}

const TESTS_PER_BATCH = 2_000;
const NOT_STARTED = -1;
const WORKER_START_LIMIT_MS = 30_000;
const TEXT_UNITS_PER_BATCH = 4_000_000;

interface IdleWorker {
  readonly worker: Worker;
  readonly progress: Int32Array;
}

/** Workers kept between calls: starting one costs tens of milliseconds, and lint and lookup call often. */
const idle: IdleWorker[] = [];
const MAX_IDLE = 4;

function takeWorker(): IdleWorker {
  const reused = idle.pop();
  if (reused) return reused;
  const shared = new SharedArrayBuffer(4);
  const worker = new Worker(MATCH_WORKER, { workerData: { progress: shared } });
  const entry = { worker, progress: new Int32Array(shared) };
  // An idle worker that dies (out of memory, killed) is simply forgotten.
  worker.on("exit", () => {
    const at = idle.indexOf(entry);
    if (at >= 0) idle.splice(at, 1);
  });
  return entry;
}

function returnWorker(entry: IdleWorker): void {
  // An idle worker never keeps the process alive.
  entry.worker.unref();
  if (idle.length < MAX_IDLE) idle.push(entry);
  else void entry.worker.terminate();
}

/** Runs every job; the result has one outcome per text, in job and text order. Never rejects. */
export async function runMatchJobs(jobs: readonly MatchJob[], options: MatcherOptions): Promise<MatchOutcome[][]> {
  const results: (MatchOutcome[] | undefined)[] = new Array(jobs.length);
  const queue = planBatches(jobs);
  if (queue.length === 0) return jobs.map(() => []);
  const startedAt = Date.now();
  const slots = Math.max(1, Math.min(options.threads, queue.length));

  await new Promise<void>((resolveAll) => {
    let running = 0;
    let finished = false;
    const active = new Set<Slot>();

    interface Slot {
      worker: Worker;
      progress: Int32Array;
      batch: Batch;
      lastProgress: number;
      lastChangeAt: number;
    }

    const finishIfIdle = () => {
      if (!finished && running === 0 && queue.length === 0) {
        finished = true;
        clearInterval(watchdog);
        resolveAll();
      }
    };

    const start = (batch: Batch) => {
      const { worker, progress } = takeWorker();
      Atomics.store(progress, 0, NOT_STARTED);
      const slot: Slot = { worker, progress, batch, lastProgress: NOT_STARTED, lastChangeAt: Date.now() };
      active.add(slot);
      running++;
      worker.ref();
      worker.on("message", (msg: { id: number; results: WorkerResult[] }) => {
        if (!active.has(slot)) return;
        storeBatch(slot.batch, msg.results);
        const next = queue.shift();
        if (next) {
          slot.batch = next;
          Atomics.store(slot.progress, 0, NOT_STARTED);
          slot.lastProgress = NOT_STARTED;
          slot.lastChangeAt = Date.now();
          worker.postMessage(next);
        } else retire(slot, true);
      });
      worker.on("error", () => {
        // A test that exhausts the worker (memory, stack) is treated like one that overran.
        if (active.has(slot)) restartAfterStuckTest(slot);
      });
      worker.postMessage(batch);
    };

    /** A worker that finished its batches cleanly goes back to the idle set; any other is ended. */
    const retire = (slot: Slot, healthy = false) => {
      active.delete(slot);
      running--;
      slot.worker.removeAllListeners("message");
      slot.worker.removeAllListeners("error");
      if (healthy) returnWorker({ worker: slot.worker, progress: slot.progress });
      else void slot.worker.terminate();
      finishIfIdle();
    };

    const restartAfterStuckTest = (slot: Slot) => {
      const stuck = Math.max(0, Atomics.load(slot.progress, 0));
      const b = slot.batch;
      queue.unshift({ ...b, skip: [...b.skip, ...testsToSkip(b, stuck)] });
      retire(slot);
      start(queue.shift()!);
    };

    const storeBatch = (batch: Batch, raw: WorkerResult[]) => {
      raw.forEach((r, i) => {
        const jobIndex = batch.jobIndexes[i]!;
        const job = batch.jobs[i]!;
        results[jobIndex] =
          "invalid" in r
            ? job.texts.map(() => ({ kind: "invalid", message: r.invalid }))
            : r.matches.map((m) =>
                m === "timeout" ? { kind: "timeout" } : m === null ? { kind: "no-match" } : { kind: "match", index: m[0]!, length: m[1]! },
              );
      });
    };

    const watchdog = setInterval(() => {
      const now = Date.now();
      if (now - startedAt > options.totalBudgetMs) {
        for (const slot of [...active]) retire(slot);
        queue.length = 0;
        finishIfIdle();
        return;
      }
      for (const slot of [...active]) {
        const p = Atomics.load(slot.progress, 0);
        if (p === NOT_STARTED) {
          // Starting a worker is not running a regex: only a start that never ends is a failure.
          if (now - slot.lastChangeAt > WORKER_START_LIMIT_MS) restartAfterStuckTest(slot);
        } else if (p !== slot.lastProgress) {
          slot.lastProgress = p;
          slot.lastChangeAt = now;
        } else if (now - slot.lastChangeAt > options.timeoutMs) restartAfterStuckTest(slot);
      }
    }, Math.max(5, Math.min(50, Math.floor(options.timeoutMs / 4))));

    for (let i = 0; i < slots; i++) start(queue.shift()!);
  });

  return jobs.map((job, i) => results[i] ?? job.texts.map(() => ({ kind: "skipped" }) as const));
}

/** The stuck test, and when its job stops at its first timeout, the job's remaining tests. */
function testsToSkip(batch: Batch, stuck: number): number[] {
  let start = 0;
  for (const job of batch.jobs) {
    const end = start + job.texts.length;
    if (stuck < end) return job.stopAtTimeout ? Array.from({ length: end - stuck }, (_, k) => stuck + k) : [stuck];
    start = end;
  }
  return [stuck];
}

function planBatches(jobs: readonly MatchJob[]): Batch[] {
  const batches: Batch[] = [];
  let current: Batch | undefined;
  let tests = 0;
  let units = 0;
  jobs.forEach((job, index) => {
    if (job.texts.length === 0) return;
    const size = job.texts.reduce((n, t) => n + t.length, 0);
    if (!current || tests + job.texts.length > TESTS_PER_BATCH || units + size > TEXT_UNITS_PER_BATCH) {
      current = { id: batches.length, jobIndexes: [], jobs: [], skip: [] };
      batches.push(current);
      tests = 0;
      units = 0;
    }
    current.jobIndexes.push(index);
    current.jobs.push(job);
    tests += job.texts.length;
    units += size;
  });
  return batches;
}
