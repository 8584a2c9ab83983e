// Error chains as charts: one entry with its neighbours (for its view) and one domain's whole graph
// (for the catalogue), both built from transition_graph links and drawn by mermaid.ts.
import type { Code } from "mdast";
import { compareText } from "../model/diagnostic.ts";
import type { Entry } from "../model/entry.ts";
import { codeBlock } from "../markdown/build.ts";
import { LABELS } from "./labels.ts";
import { percent, type Locale } from "./links.ts";
import { localizedSignature } from "./localise.ts";
import { mermaidFlowchart, type Chart, type ChartEdge, type ChartNode } from "./mermaid.ts";
import type { Neighbours } from "./neighbours.ts";

/** Largest domain graph the catalogue draws; bigger ones are listed as links instead. */
export const MAX_CHART_NODES = 30;

export function chartBlock(chart: Chart): Code {
  return codeBlock("mermaid", mermaidFlowchart(chart));
}

/** This entry, what precedes it, what it leads to and what it is confused with; undefined when it has no links. */
export function entryChart(entry: Entry, neighbours: Neighbours, locale: Locale): Chart | undefined {
  const g = entry.transition_graph;
  if (!g) return undefined;
  const node = (id: string): ChartNode => {
    const n = neighbours.get(id);
    const label = !n ? id : locale === "zh" && n.signature_zh !== undefined ? n.signature_zh : n.signature;
    return { key: id, label };
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
 * Every link of the corpus, each drawn once: a leads_to and the matching preceded_by are one arrow
 * (the leads_to side's probability wins), a confusion pair is one line.
 */
function corpusEdges(sorted: readonly Pick<Entry, "id" | "transition_graph">[]): ChartEdge[] {
  const edges = new Map<string, ChartEdge>();
  const add = (edge: ChartEdge, key: string, replace: boolean) => {
    if (edge.from !== edge.to && (replace || !edges.has(key))) edges.set(key, edge);
  };
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
  return [...edges.values()];
}

/**
 * Each domain's graph, labelled with each entry's signature (ids for entries that do not exist): the
 * links that start or end in the domain, own entries first. The corpus is walked once for every
 * domain: once per domain, 1,000 one-entry domains took 340 s to build (pass Q).
 */
export function domainCharts(domains: Iterable<string>, sorted: readonly Pick<Entry, "id" | "signature" | "transition_graph">[]): Map<string, Chart> {
  const byId = new Map(sorted.map((e) => [e.id, e]));
  const edgesOf = new Map<string, ChartEdge[]>([...domains].map((d) => [d, []]));
  const domainOf = (id: string) => id.split("/")[0]!;
  for (const edge of corpusEdges(sorted)) {
    const from = domainOf(edge.from);
    const to = domainOf(edge.to);
    edgesOf.get(from)?.push(edge);
    if (to !== from) edgesOf.get(to)?.push(edge);
  }
  const charts = new Map<string, Chart>();
  for (const [domain, edges] of edgesOf) {
    const keys = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort((a, b) => {
      const own = Number(b.startsWith(`${domain}/`)) - Number(a.startsWith(`${domain}/`));
      return own || compareText(a, b);
    });
    charts.set(domain, { nodes: keys.map((id): ChartNode => ({ key: id, label: byId.get(id)?.signature ?? id })), edges });
  }
  return charts;
}
