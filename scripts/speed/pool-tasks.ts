// The work a pool worker does, as plain data in and out: lint of a batch of files the cache does not
// know, and rendering of views. Both call the very core functions the main thread calls without a
// pool, so the two paths cannot disagree; the equivalence tests check it.
import type { Limits } from "../model/limits.ts";
import { lintFiles, type FileInput, type FileVerdict } from "../lint/engine.ts";
import { guardedRegexRunner, startBudget } from "../lint/regex-runner.ts";
import { renderViews, type ViewTask, type RenderedView } from "../outputs/plan.ts";

export interface Tasks {
  lint: {
    payload: { files: FileInput[]; limits: Limits; today: string; threads: number; python: boolean; budgetMs: number };
    /** The verdicts, and the regex time the batch took from its budget (charged to the run's budget). */
    result: { verdicts: FileVerdict[]; regexMs: number };
  };
  render: {
    payload: { views: ViewTask[] };
    result: RenderedView[];
  };
}

export type TaskKind = keyof Tasks;
export type TaskPayload<K extends TaskKind> = Tasks[K]["payload"];
export type TaskResult<K extends TaskKind> = Tasks[K]["result"];

export async function runTask(kind: string, payload: unknown): Promise<unknown> {
  if (kind === "lint") {
    const p = payload as TaskPayload<"lint">;
    const runner = guardedRegexRunner({ timeoutMs: p.limits.regexTimeoutMs, threads: p.threads, python: p.python });
    const budget = startBudget(p.budgetMs);
    const verdicts = await lintFiles(p.files, { limits: p.limits, today: p.today, runner }, budget);
    return { verdicts, regexMs: p.budgetMs - budget.remainingMs() } satisfies TaskResult<"lint">;
  }
  if (kind === "render") {
    const p = payload as TaskPayload<"render">;
    return renderViews(p.views) satisfies TaskResult<"render">;
  }
  throw new Error(`unknown task ${kind}`);
}
