// Everything `kb build` writes, as a map from path (relative to the output folder) to content: a pure
// function of the entries, byte-for-byte deterministic (sorted, LF, final newline, no timestamps).
import type { Entry } from "../schema/entry-schema.ts";
import { entrySchema } from "../schema/entry-schema.ts";
import { toMarkdown } from "../report/markdown.ts";
import { renderEntryView } from "../render/entry-view.ts";
import { groupByDomain, renderCatalogue, renderDomainPage } from "../render/index-pages.ts";
import { viewPath } from "../render/links.ts";
import { bundleIndex } from "./bundle.ts";

export type Outputs = Map<string, string>;

export const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

export function renderOutputs(entries: readonly Entry[]): Outputs {
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: Outputs = new Map();
  for (const e of sorted) out.set(viewPath(e.id), toMarkdown(renderEntryView(e)));
  const byDomain = groupByDomain(sorted);
  for (const [domain, list] of byDomain) out.set(`${domain}/README.md`, toMarkdown(renderDomainPage(domain, list)));
  out.set("README.md", toMarkdown(renderCatalogue(byDomain)));
  out.set("index.json", json(bundleIndex(sorted)));
  out.set("entry.schema.json", json(entrySchema));
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
