// The work a pool worker does, as plain data in and out: lint of a batch of changed entry files
// (parse, schema, own-text regex checks, entry rules) and rendering of one view. Both are the very
// functions the main thread runs when there is no pool, so the two paths cannot disagree.
import type { Limits } from "../core/limits.ts";
import { renderView } from "../build/outputs.ts";
import { TrackingCatalogue } from "../build/tracking-catalogue.ts";
import { analyseFiles, type FileToAnalyse } from "../lint/analyse.ts";
import type { LintRecord } from "../lint/entry-record.ts";
import { startBudget } from "../regex/facts.ts";
import type { Locale } from "../render/labels.ts";
import type { Entry } from "../schema/entry-schema.ts";

export interface Tasks {
  analyse: {
    payload: { items: FileToAnalyse[]; limits: Limits; today: string; threads: number; python: boolean; budgetMs: number };
    result: { record: LintRecord; entry?: Entry }[];
  };
  render: {
    payload: { entry: Entry; locale: Locale; neighbours: Entry[] };
    result: { content: string; read: string[]; readAll: boolean };
  };
}

export type TaskKind = keyof Tasks;
export type TaskPayload<K extends TaskKind> = Tasks[K]["payload"];
export type TaskResult<K extends TaskKind> = Tasks[K]["result"];

export async function runTask(kind: string, payload: unknown): Promise<unknown> {
  if (kind === "analyse") {
    const p = payload as TaskPayload<"analyse">;
    const analysed = await analyseFiles(p.items, { limits: p.limits, today: p.today, threads: p.threads, python: p.python }, startBudget(p.budgetMs));
    // A plain entry is parsed again from its bytes by the main thread; cloning it here would be wasted.
    return analysed.map((a): TaskResult<"analyse">[number] => (a.doc && !a.record.entry?.plain ? { record: a.record, entry: a.doc.entry } : { record: a.record }));
  }
  if (kind === "render") {
    const p = payload as TaskPayload<"render">;
    const catalogue = new TrackingCatalogue(new Map([p.entry, ...p.neighbours].map((e) => [e.id, e])));
    const content = renderView(p.entry, p.locale, catalogue);
    return { content, read: [...catalogue.read], readAll: catalogue.readAll } satisfies TaskResult<"render">;
  }
  throw new Error(`unknown task ${kind}`);
}
