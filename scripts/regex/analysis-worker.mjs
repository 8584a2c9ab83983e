// @ts-check
// Entry point of the backtracking-analysis worker (analysis-runner.ts): analyses one pattern per
// message. Plain JavaScript so that it can start before any loader exists: run from scripts/, it
// registers the TypeScript loader first (workers do not inherit the main thread's); compiled into
// dist/, the import below points at redos.js and no loader is needed.
import { parentPort, workerData } from "node:worker_threads";

if (workerData?.typescript) {
  const { register } = await import("tsx/esm/api");
  register();
}
const { findBacktracking } = await import("./redos.ts");

parentPort?.on("message", (/** @type {{ id: number; source: string }} */ msg) => {
  try {
    parentPort?.postMessage({ id: msg.id, findings: findBacktracking(msg.source) });
  } catch (e) {
    parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort?.postMessage({ ready: true });
