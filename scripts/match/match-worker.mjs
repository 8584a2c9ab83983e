// @ts-check
// Runs contributor regexes against texts inside a worker thread, so that the main thread can
// terminate it when one test runs past its deadline. Progress is published per test through a
// shared counter (-1 until the batch starts, so a slow worker start is not a timeout); the watchdog
// in guarded-runner.ts reads it. Plain JavaScript: no loader needed.
import { parentPort, workerData } from "node:worker_threads";

const progress = new Int32Array(workerData.progress);

parentPort?.on("message", (/** @type {{id: number, jobs: {pattern: string, flags: string, texts: string[]}[], skip: number[]}} */ batch) => {
  const skip = new Set(batch.skip);
  Atomics.store(progress, 0, 0); // started: from here on the watchdog's deadline applies
  /** @type {unknown[]} */
  const results = [];
  let done = 0;
  for (const job of batch.jobs) {
    /** @type {RegExp | undefined} */
    let re;
    try {
      re = new RegExp(job.pattern, job.flags);
    } catch (e) {
      results.push({ invalid: e instanceof Error ? e.message : String(e) });
      done += job.texts.length;
      Atomics.store(progress, 0, done);
      continue;
    }
    /** @type {(number[] | null | "timeout")[]} */
    const out = [];
    for (const text of job.texts) {
      if (skip.has(done)) out.push("timeout");
      else {
        re.lastIndex = 0;
        const m = re.exec(text);
        out.push(m ? [m.index, m[0].length] : null);
      }
      Atomics.store(progress, 0, ++done);
    }
    results.push({ matches: out });
  }
  parentPort?.postMessage({ id: batch.id, results });
});
