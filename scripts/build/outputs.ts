// Everything `kb build` writes, as a map from path (relative to the output folder) to content: a pure
// function of the entries, byte-for-byte deterministic (sorted, LF, final newline, no timestamps).
import type { Entry } from "../schema/entry-schema.ts";
import { entrySchema } from "../schema/entry-schema.ts";
import { toMarkdown } from "../report/markdown.ts";
import { buildMatchIndex, matchIndexText } from "../lookup/match-index.ts";
import { catalogueOf, type Catalogue } from "../render/chains.ts";
import { renderEntryView } from "../render/entry-view.ts";
import { domainJsonPath, groupByDomain, renderCatalogue, renderDomainPage } from "../render/index-pages.ts";
import { viewPath } from "../render/links.ts";
import type { Locale } from "../render/labels.ts";
import { viewLocales } from "../render/translation.ts";
import { INDEX_SCHEMA_VERSION, lazyBundle } from "./bundle.ts";
import { buildIndexSchema } from "./index-schema.ts";
import { jsonChunks } from "./json-chunks.ts";

export type Outputs = Map<string, string>;

export const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

/** One file `kb build` writes: its path, what it is made from, and its content in pieces. */
export interface PlannedOutput {
  readonly path: string;
  /** Set for an entry's view: made from that entry and the neighbours it looks up in the catalogue. */
  readonly view?: { readonly entry: Entry; readonly locale: Locale };
  /** Set for a domain's own outputs: made from that domain's entries only. Neither set: from every entry. */
  readonly domain?: string;
  /**
   * Set for outputs made from a list of entries: the list, and the content made from it, so a build
   * can pass entries that record which fields are read. `chunks()` is `render(entries)`.
   */
  readonly from?: { readonly entries: readonly Entry[]; render(entries: readonly Entry[]): Iterable<string> };
  /** The content; in pieces, because a 100,000-entry index is longer than a string can be. */
  chunks(): Iterable<string>;
}

/** An entry's view in one language: the one place views are rendered. */
export function renderView(entry: Entry, locale: Locale, catalogue: Catalogue): string {
  return toMarkdown(renderEntryView(entry, { locale, catalogue }));
}

/** Every output, sorted by path, each rendered only when its chunks are asked for. */
export function planOutputs(entries: readonly Entry[]): PlannedOutput[] {
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out = new Map<string, PlannedOutput>();
  // Two outputs on one path would silently lose one (a domain named "index" would replace index.json).
  const put = (planned: PlannedOutput) => {
    if (out.has(planned.path)) throw new Error(`two outputs would be written to ${planned.path}; rename the domain that produces it`);
    out.set(planned.path, planned);
  };
  const byDomain = groupByDomain(sorted);
  const catalogue = catalogueOf(sorted);
  // Made from a list of entries, and only from it: the closures use their argument, nothing captured.
  const from = (path: string, entries: readonly Entry[], render: (list: readonly Entry[]) => Iterable<string>, domain?: string): PlannedOutput => ({
    path,
    domain,
    from: { entries, render },
    chunks: () => render(entries),
  });
  put(from("README.md", sorted, (list) => [toMarkdown(renderCatalogue(groupByDomain(list), INDEX_SCHEMA_VERSION))]));
  put(from("index.json", sorted, (list) => jsonChunks(lazyBundle(list))));
  put(from("index.schema.json", [], () => [json(buildIndexSchema())]));
  put(from("match.json", sorted, (list) => [matchIndexText(buildMatchIndex(list))]));
  put(from("entry.schema.json", [], () => [json(entrySchema)]));
  for (const e of sorted) for (const locale of viewLocales(e)) put({ path: viewPath(e.id, locale), view: { entry: e, locale }, chunks: () => [renderView(e, locale, catalogue)] });
  for (const [domain, list] of byDomain) {
    put(from(`${domain}/README.md`, list, (entries) => [toMarkdown(renderDomainPage(domain, entries))], domain));
    put(from(domainJsonPath(domain), list, (entries) => jsonChunks(lazyBundle(entries)), domain));
  }
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function renderOutputs(entries: readonly Entry[]): Outputs {
  return new Map(planOutputs(entries).map((p) => [p.path, [...p.chunks()].join("")]));
}
