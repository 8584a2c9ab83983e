// The worker-pool decorator of view rendering: a batch of views large enough to be worth it is
// rendered by the pool's threads (each runs the same renderViews), the rest here. A worker that fails
// hands its share back to this thread.
import type { Catalogue, PlannedOutput } from "../outputs/plan.ts";
import { renderViews, viewTask } from "../outputs/plan.ts";
import { poolFor } from "./pool.ts";

export function pooledViewRenderer(catalogue: Catalogue, threads: number): (outputs: readonly PlannedOutput[]) => Promise<string[]> {
  const known = new Set(catalogue.ids);
  return async (outputs) => {
    const tasks = outputs.map((o) => viewTask(catalogue, o.view!.id, o.view!.locale, known));
    const pool = poolFor(tasks.length, threads);
    if (!pool || tasks.length < 2) return renderViews(tasks).map((r) => r.content);
    const size = Math.ceil(tasks.length / pool.size);
    const parts = Array.from({ length: Math.ceil(tasks.length / size) }, (_, k) => tasks.slice(k * size, (k + 1) * size));
    const done = await Promise.all(parts.map((part) => pool.run("render", { views: part }).catch(() => renderViews(part))));
    return done.flat().map((r) => r.content);
  };
}
