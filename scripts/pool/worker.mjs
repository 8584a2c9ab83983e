// @ts-check
// Entry point of a pool worker thread: registers the TypeScript loader (workers do not inherit the
// main thread's), then answers tasks from tasks.ts, one message at a time. Plain JavaScript so that it
// can start before any loader exists.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { runTask } = await import("./tasks.ts");

parentPort?.on("message", async (/** @type {{ id: number; kind: string; payload: unknown }} */ msg) => {
  try {
    parentPort?.postMessage({ id: msg.id, result: await runTask(msg.kind, msg.payload) });
  } catch (e) {
    parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort?.postMessage({ ready: true });
