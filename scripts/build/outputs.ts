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
import { bundleIndex, INDEX_SCHEMA_VERSION } from "./bundle.ts";
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
  put({ path: "README.md", chunks: () => [toMarkdown(renderCatalogue(byDomain, INDEX_SCHEMA_VERSION))] });
  put({ path: "index.json", chunks: () => jsonChunks(bundleIndex(sorted)) });
  put({ path: "index.schema.json", chunks: () => [json(buildIndexSchema())] });
  put({ path: "match.json", chunks: () => [matchIndexText(buildMatchIndex(sorted))] });
  put({ path: "entry.schema.json", chunks: () => [json(entrySchema)] });
  for (const e of sorted) for (const locale of viewLocales(e)) put({ path: viewPath(e.id, locale), view: { entry: e, locale }, chunks: () => [renderView(e, locale, catalogue)] });
  for (const [domain, list] of byDomain) {
    put({ path: `${domain}/README.md`, domain, chunks: () => [toMarkdown(renderDomainPage(domain, list))] });
    put({ path: domainJsonPath(domain), domain, chunks: () => jsonChunks(bundleIndex(list)) });
  }
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function renderOutputs(entries: readonly Entry[]): Outputs {
  return new Map(planOutputs(entries).map((p) => [p.path, [...p.chunks()].join("")]));
}
