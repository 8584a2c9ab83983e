// Everything `kb build` writes, planned from the entries: one PlannedOutput per file, with what it is
// made from (for incremental builds) and its content, produced only when asked for and in pieces (a
// 100,000-entry index is longer than a string can be). Pure and deterministic: sorted, LF, final
// newline, no timestamps; entries come from a Catalogue that may read them lazily.
import type { Entry } from "../model/entry.ts";
import { configSchema, exceptionsSchema } from "../model/config-schema.ts";
import { digest } from "../model/digest.ts";
import { entrySchema } from "../model/entry-schema.ts";
import { INDEX_SCHEMA_VERSION } from "../model/index-format.ts";
import { toMarkdown } from "../markdown/to-markdown.ts";
import { lazyBundle } from "./bundle.ts";
import { renderEntryView } from "./entry-view.ts";
import { pageRow, type PageRow } from "./figures.ts";
import { buildIndexSchema } from "./index-schema.ts";
import { jsonChunks, LazyArray, type ItemReuse } from "./json-chunks.ts";
import { viewPath, type Locale } from "./links.ts";
import { localesOf } from "./localise.ts";
import { matchIndexChunks } from "./match-index.ts";
import { linkedIds, neighbourOf, type Neighbour } from "./neighbours.ts";
import { domainJsonPath, groupByDomain, renderCatalogue, renderDomainPage } from "./pages.ts";

/**
 * The entries outputs are made from: ids sorted, each entry read when asked for, and each entry's page
 * row (what pages, the plan and its inputs need of it: pageRow of the entry), which a decorator may
 * answer without reading the entry.
 */
export interface Catalogue {
  readonly ids: readonly string[];
  get(id: string): Entry;
  row(id: string): PageRow;
}

/** What an output is made from, so an incremental build can tell whether it changed. */
export type OutputInputs =
  | { readonly kind: "view"; readonly id: string; readonly neighbours: readonly string[] }
  | { readonly kind: "entries"; readonly ids: readonly string[] }
  /** Made from data the plan already holds (a page's rows): their digest, so an entry change the rows do not show leaves the page alone. */
  | { readonly kind: "data"; readonly digest: string }
  | { readonly kind: "static" };

export interface PlannedOutput {
  /** Relative to the output folder, with forward slashes. */
  readonly path: string;
  readonly inputs: OutputInputs;
  /** A view's task, for rendering in another thread. */
  readonly view?: { readonly id: string; readonly locale: Locale };
  content(): Iterable<string>;
  /**
   * The same content, reusing the text of entries unchanged since the file was last written (an
   * index: one entry changed need not make the other 9,999 again). The core writer calls content();
   * the incremental decorator calls this with what it knows of the file on disk.
   */
  readonly reusable?: (reuse: ItemReuse) => Iterable<string>;
}

/** One view to render: the entry, its language and what it knows of its neighbours. Plain data. */
export interface ViewTask {
  readonly path: string;
  readonly entry: Entry;
  readonly locale: Locale;
  readonly neighbours: readonly Neighbour[];
}

export interface RenderedView {
  readonly path: string;
  readonly content: string;
}

export const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

export function renderView(task: ViewTask): string {
  return toMarkdown(renderEntryView(task.entry, task.locale, new Map(task.neighbours.map((n) => [n.id, n]))));
}

export function renderViews(tasks: readonly ViewTask[]): RenderedView[] {
  return tasks.map((t) => ({ path: t.path, content: renderView(t) }));
}

/** The view task of one entry in one language, its neighbours read from the catalogue. */
export function viewTask(catalogue: Catalogue, id: string, locale: Locale, known: ReadonlySet<string>): ViewTask {
  const entry = catalogue.get(id);
  const neighbours = linkedIds(entry)
    .filter((n) => known.has(n))
    .map((n) => neighbourOf(catalogue.get(n)));
  return { path: viewPath(id, locale), entry, locale, neighbours };
}

/** Every output, sorted by path. Rows for the pages are read once, when the plan is made. */
export function planOutputs(catalogue: Catalogue): PlannedOutput[] {
  const known = new Set(catalogue.ids);
  const out = new Map<string, PlannedOutput>();
  // Two outputs on one path would silently lose one (a domain named "index" would replace index.json).
  const put = (planned: PlannedOutput) => {
    if (out.has(planned.path)) throw new Error(`two outputs would be written to ${planned.path}; rename the domain that produces it`);
    out.set(planned.path, planned);
  };
  const rows: PageRow[] = [];
  const locales = new Map<string, Locale[]>();
  const linked = new Map<string, string[]>();
  for (const id of catalogue.ids) {
    const row = catalogue.row(id);
    rows.push(row);
    locales.set(id, localesOf(row.hasChinese));
    linked.set(id, linkedIds(row).filter((n) => known.has(n)));
  }
  const entriesOf = (ids: readonly string[]) => new LazyArray(ids.length, (i) => catalogue.get(ids[i]!));
  const all = catalogue.ids;
  put({ path: "README.md", inputs: { kind: "data", digest: digest(JSON.stringify(rows)) }, content: () => [toMarkdown(renderCatalogue(groupByDomain(rows), INDEX_SCHEMA_VERSION))] });
  const bundle = (ids: readonly string[]) => ({ content: () => jsonChunks(lazyBundle(entriesOf(ids), ids)), reusable: (reuse: ItemReuse) => jsonChunks(lazyBundle(entriesOf(ids), ids), 2, reuse) });
  put({ path: "index.json", inputs: { kind: "entries", ids: all }, ...bundle(all) });
  put({ path: "match.json", inputs: { kind: "entries", ids: all }, content: () => matchIndexChunks(entriesOf(all)), reusable: (items) => matchIndexChunks(entriesOf(all), { ids: all, items }) });
  put({ path: "index.schema.json", inputs: { kind: "static" }, content: () => [json(buildIndexSchema())] });
  put({ path: "entry.schema.json", inputs: { kind: "static" }, content: () => [json(entrySchema)] });
  put({ path: "kb.config.schema.json", inputs: { kind: "static" }, content: () => [json(configSchema)] });
  put({ path: "lint-exceptions.schema.json", inputs: { kind: "static" }, content: () => [json(exceptionsSchema)] });
  for (const id of all) {
    for (const locale of locales.get(id)!) {
      put({ path: viewPath(id, locale), inputs: { kind: "view", id, neighbours: linked.get(id)! }, view: { id, locale }, content: () => [renderView(viewTask(catalogue, id, locale, known))] });
    }
  }
  for (const [domain, list] of groupByDomain(rows)) {
    const ids = list.map((r) => r.id);
    put({ path: `${domain}/README.md`, inputs: { kind: "data", digest: digest(JSON.stringify(list)) }, content: () => [toMarkdown(renderDomainPage(domain, list))] });
    put({ path: domainJsonPath(domain), inputs: { kind: "entries", ids }, ...bundle(ids) });
  }
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A catalogue held in memory (tests, small corpora). */
export function memoryCatalogue(entries: readonly Entry[]): Catalogue {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const get = (id: string) => {
    const e = byId.get(id);
    if (!e) throw new Error(`no entry ${id}`);
    return e;
  };
  return { ids: [...byId.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), get, row: (id) => pageRow(get(id)) };
}
