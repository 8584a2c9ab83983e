// Runs the static backtracking analysis (redos.ts) under a deadline. scslre's analysis grows fast with
// a pattern's repeats and alternatives: a lint-clean 1,400-character regex took 32 s to analyse, in
// lint's own thread, and a hundred of them would have held a CI run for most of an hour (found after
// pass N). Each pattern is analysed in a worker thread that is terminated when it overruns; that
// pattern counts as not analysed and the rest go on in a fresh worker. The total budget bounds the
// whole call. The worker is kept between calls (loading refa and scslre takes a quarter of a second).
import { Worker } from "node:worker_threads";
import type { BacktrackingFinding } from "./redos.ts";

export type AnalysisOutcome =
  | { readonly kind: "analysed"; readonly findings: readonly BacktrackingFinding[] }
  /** Ran past its deadline and was stopped: nothing shows it is safe. */
  | { readonly kind: "timeout" }
  /** The worker failed or died analysing it (out of memory, say): nothing shows it is safe either. */
  | { readonly kind: "failed"; readonly reason: string }
  /** Not analysed: the run's budget was spent, or no worker could start. */
  | { readonly kind: "skipped" };

export interface AnalysisOptions {
  readonly timeoutMs: number;
  readonly totalBudgetMs: number;
  /** The worker's heap, in MB: an analysis that needs more fails alone instead of growing lint. */
  readonly heapMb?: number;
}

/**
 * The analysis of the longest hostile patterns passes (N to R) wrote used about 120 MB; a worker that
 * reaches its heap limit is stopped by Node and its pattern counts as failed, not analysed.
 */
export const ANALYSIS_HEAP_MB = 512;

const WORKER_URL = new URL("./analysis-worker.mjs", import.meta.url);
/** Run from the TypeScript sources (not dist/): the worker must register the loader itself. */
const FROM_TYPESCRIPT = import.meta.url.endsWith(".ts");
/** Starting a worker (loading the analysis, and from sources the TypeScript loader) is not a pattern's time. */
const START_LIMIT_MS = 60_000;

/**
 * One worker kept between calls; a call takes it, so calls at once never share one. `forget` is the
 * listener that drops it if it dies while kept: removed when a call takes it (one more per call made
 * 20,000 entries print MaxListenersExceededWarning, pass S).
 */
let kept: { readonly worker: Worker; readonly heapMb: number; readonly forget: () => void } | undefined;

function take(heapMb: number): Worker | undefined {
  const taken = kept;
  kept = undefined;
  if (!taken) return undefined;
  taken.worker.off("exit", taken.forget);
  if (taken.heapMb !== heapMb) {
    void taken.worker.terminate();
    return undefined;
  }
  taken.worker.ref();
  return taken.worker;
}

function keep(worker: Worker, heapMb: number): void {
  // A kept worker never keeps the process alive.
  worker.unref();
  if (kept) {
    void worker.terminate();
    return;
  }
  const forget = () => {
    if (kept?.worker === worker) kept = undefined;
  };
  kept = { worker, heapMb, forget };
  worker.once("exit", forget);
}

/**
 * Listens until `settle` is called: each listener is removed by name, since removeAllListeners()
 * would also remove the ones Node uses to deliver a worker's messages.
 */
function listen<M>(worker: Worker, on: { message: (msg: M) => void; gone: (e?: unknown) => void }): () => void {
  worker.on("message", on.message);
  worker.on("error", on.gone);
  worker.on("exit", on.gone);
  return () => {
    worker.off("message", on.message);
    worker.off("error", on.gone);
    worker.off("exit", on.gone);
  };
}

function startWorker(heapMb: number): Promise<Worker | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_URL, { workerData: { typescript: FROM_TYPESCRIPT }, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    const done = (ready: boolean) => {
      clearTimeout(timer);
      stop();
      if (ready) resolve(worker);
      else {
        void worker.terminate();
        resolve(undefined);
      }
    };
    const timer = setTimeout(() => done(false), START_LIMIT_MS);
    const stop = listen(worker, { message: (msg: { ready?: boolean }) => done(msg.ready === true), gone: () => done(false) });
  });
}

/** The longest delay a Node timer keeps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

let nextId = 0;

/** The worker's answer for one pattern: its findings, why it failed, or undefined when it overran. */
function ask(worker: Worker, source: string, limitMs: number): Promise<readonly BacktrackingFinding[] | { failed: string } | undefined> {
  const id = nextId++;
  return new Promise((resolve) => {
    const done = (answer: readonly BacktrackingFinding[] | { failed: string } | undefined) => {
      clearTimeout(timer);
      stop();
      resolve(answer);
    };
    // Node fires a timer past 2^31 - 1 ms after 1 ms (with a TimeoutOverflowWarning): limits that large
    // failed every regex as "ran longer than 2500000000 ms" (pass T).
    const timer = setTimeout(() => done(undefined), Math.min(limitMs, MAX_TIMER_MS));
    const stop = listen(worker, {
      message: (msg: { id: number; findings?: BacktrackingFinding[]; error?: string }) => {
        if (msg.id === id) done(msg.findings ?? { failed: msg.error ?? "no answer" });
      },
      gone: (e?: unknown) => done({ failed: e instanceof Error ? e.message : "the worker stopped" }),
    });
    worker.postMessage({ id, source });
  });
}

/** One outcome per pattern, in order. Never rejects. */
export async function analyseWithDeadline(sources: readonly string[], options: AnalysisOptions): Promise<AnalysisOutcome[]> {
  const out: AnalysisOutcome[] = [];
  if (sources.length === 0) return out;
  const deadline = performance.now() + options.totalBudgetMs;
  const heapMb = options.heapMb ?? ANALYSIS_HEAP_MB;
  let worker = take(heapMb);
  for (const source of sources) {
    if (!worker && deadline > performance.now()) worker = await startWorker(heapMb);
    const left = deadline - performance.now();
    if (!worker || left <= 0) {
      out.push({ kind: "skipped" });
      continue;
    }
    const limit = Math.min(options.timeoutMs, left);
    const answer = await ask(worker, source, limit);
    if (answer && !("failed" in answer)) {
      out.push({ kind: "analysed", findings: answer });
      continue;
    }
    void worker.terminate();
    worker = undefined;
    out.push(answer ? { kind: "failed", reason: answer.failed } : limit < options.timeoutMs ? { kind: "skipped" } : { kind: "timeout" });
  }
  if (worker) keep(worker, heapMb);
  return out;
}
