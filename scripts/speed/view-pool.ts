// The worker-pool decorator of view rendering: a batch of views large enough to be worth it is
// rendered by the pool's threads (each runs the same renderViews), in batches cut by size
// (share-out.ts); views too big for a worker, and the share of a worker that fails, are rendered here.
import type { Catalogue, PlannedOutput } from "../outputs/plan.ts";
import { renderViews, viewTask } from "../outputs/plan.ts";
import { poolFor } from "./pool.ts";
import { batchesOf, runBatches, textWeight } from "./share-out.ts";

export function pooledViewRenderer(catalogue: Catalogue, threads: number): (outputs: readonly PlannedOutput[]) => Promise<string[]> {
  const known = new Set(catalogue.ids);
  return async (outputs) => {
    const tasks = outputs.map((o) => viewTask(catalogue, o.view!.id, o.view!.locale, known));
    const pool = poolFor(tasks.length, threads);
    if (!pool || tasks.length < 2) return renderViews(tasks).map((r) => r.content);
    const batches = batchesOf(tasks, (t) => textWeight(t.entry) + textWeight(t.neighbours), pool.size);
    const done = await runBatches(batches, (views) => pool.run("render", () => ({ views })), renderViews);
    return done.map((r) => r.content);
  };
}
