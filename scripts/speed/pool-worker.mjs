// @ts-check
// Entry point of a pool worker thread: answers tasks from pool-tasks.ts, one message at a time. Plain
// JavaScript so that it can start before any loader exists: run from scripts/, it registers the
// TypeScript loader first (workers do not inherit the main thread's); compiled into dist/, the import
// below points at pool-tasks.js and no loader is needed.
import { parentPort, workerData } from "node:worker_threads";

if (workerData?.typescript) {
  const { register } = await import("tsx/esm/api");
  register();
}
const { runTask } = await import("./pool-tasks.ts");

parentPort?.on("message", async (/** @type {{ id: number; kind: string; payload: unknown }} */ msg) => {
  try {
    parentPort?.postMessage({ id: msg.id, result: await runTask(msg.kind, msg.payload) });
  } catch (e) {
    parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort?.postMessage({ ready: true });
