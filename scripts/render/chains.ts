// Error chains as charts: one entry with its neighbours (for its view) and one domain's whole graph
// (for the catalogue), both built from transition_graph links and drawn by mermaid.ts.
import type { Code } from "mdast";
import { compareText } from "../core/diagnostic.ts";
import type { Entry } from "../schema/entry-schema.ts";
import { codeBlock } from "../report/markdown.ts";
import { LABELS, type Locale } from "./labels.ts";
import { percent, relativeViewLink, viewPath } from "./links.ts";
import { mermaidFlowchart, type Chart, type ChartEdge, type ChartNode } from "./mermaid.ts";
import { hasChineseView, localizedSignature } from "./translation.ts";

/** Every entry by id: what a page needs to name and link the entries it mentions. */
export type Catalogue = ReadonlyMap<string, Entry>;

/** Largest domain graph the catalogue draws; bigger ones are listed as links instead. */
export const MAX_CHART_NODES = 30;

export function catalogueOf(entries: readonly Entry[]): Catalogue {
  return new Map(entries.map((e) => [e.id, e]));
}

/** The view a link from a page in `locale` should open: the same language when it exists. */
export function targetLocale(target: Entry | undefined, locale: Locale): Locale {
  return locale === "zh" && target !== undefined && hasChineseView(target) ? "zh" : "en";
}

export function chartBlock(chart: Chart): Code {
  return codeBlock("mermaid", mermaidFlowchart(chart));
}

/** This entry, what precedes it, what it leads to and what it is confused with; undefined when it has no links. */
export function entryChart(entry: Entry, catalogue: Catalogue, locale: Locale): Chart | undefined {
  const g = entry.transition_graph;
  if (!g) return undefined;
  const node = (id: string): ChartNode => {
    const target = catalogue.get(id);
    return {
      key: id,
      label: target ? localizedSignature(target, locale).value : id,
      ...(target ? { href: relativeViewLink(entry.id, id, targetLocale(target, locale)) } : {}),
    };
  };
  const edges: ChartEdge[] = [
    ...g.preceded_by.map((t) => ({ from: t.error_id, to: entry.id, kind: "leads" as const, label: percent(t.probability) })),
    ...g.leads_to.map((t) => ({ from: entry.id, to: t.error_id, kind: "leads" as const, label: percent(t.probability) })),
    ...g.frequently_confused_with.map((t) => ({ from: entry.id, to: t.error_id, kind: "confused" as const, label: LABELS[locale].confusedEdge })),
  ].filter((e) => e.from !== e.to);
  if (edges.length === 0) return undefined;
  const self: ChartNode = { key: entry.id, label: localizedSignature(entry, locale).value, current: true };
  const others = edges.map((e) => (e.from === entry.id ? e.to : e.from));
  return { nodes: [self, ...others.map(node)], edges };
}

/**
 * Every link that starts or ends in the domain, each drawn once: a leads_to and the matching
 * preceded_by are one arrow (the leads_to side's probability wins), a confusion pair is one line.
 */
export function domainEdges(domain: string, catalogue: Catalogue): ChartEdge[] {
  const edges = new Map<string, ChartEdge>();
  const add = (edge: ChartEdge, key: string, replace: boolean) => {
    if (edge.from !== edge.to && (replace || !edges.has(key))) edges.set(key, edge);
  };
  const sorted = [...catalogue.values()].sort((a, b) => compareText(a.id, b.id));
  for (const e of sorted) {
    const g = e.transition_graph;
    if (!g) continue;
    for (const t of g.leads_to) add({ from: e.id, to: t.error_id, kind: "leads", label: percent(t.probability) }, `${e.id}>${t.error_id}`, true);
    for (const t of g.preceded_by) add({ from: t.error_id, to: e.id, kind: "leads", label: percent(t.probability) }, `${t.error_id}>${e.id}`, false);
    for (const t of g.frequently_confused_with) {
      const [a, b] = [e.id, t.error_id].sort(compareText);
      add({ from: a!, to: b!, kind: "confused", label: LABELS.en.confusedEdge }, `${a}~${b}`, false);
    }
  }
  const inDomain = (id: string) => id.split("/")[0] === domain;
  return [...edges.values()].filter((e) => inDomain(e.from) || inDomain(e.to));
}

/** The domain's graph, linked from the catalogue page (paths relative to the output folder). */
export function domainChart(domain: string, catalogue: Catalogue): Chart {
  const edges = domainEdges(domain, catalogue);
  const keys = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort((a, b) => {
    const own = Number(b.startsWith(`${domain}/`)) - Number(a.startsWith(`${domain}/`));
    return own || compareText(a, b);
  });
  const nodes = keys.map((id): ChartNode => {
    const target = catalogue.get(id);
    return { key: id, label: target ? target.signature : id, ...(target ? { href: viewPath(id) } : {}) };
  });
  return { nodes, edges };
}
