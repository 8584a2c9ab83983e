// Mermaid flowchart text for error chains. Node ids are generated (n0, n1…) and every character of a
// label outside a small safe set becomes a Mermaid entity code (#34;), so no signature can break
// the chart, inject HTML or start a Markdown string. No click links: GitHub renders charts in a
// sandbox where relative links are dead, so links to neighbours live in the text beside the chart.
export interface ChartNode {
  /** Any unique key, e.g. an entry id; never printed as a Mermaid id. */
  readonly key: string;
  readonly label: string;
  readonly current?: boolean;
}

export interface ChartEdge {
  readonly from: string;
  readonly to: string;
  /** "leads" is a solid arrow, "confused" a dotted line without direction. */
  readonly kind: "leads" | "confused";
  readonly label?: string;
}

export interface Chart {
  readonly nodes: readonly ChartNode[];
  readonly edges: readonly ChartEdge[];
}

/** Longest label shown, in characters; longer ones are cut with an ellipsis. */
export const MAX_LABEL_CHARS = 60;

/** Letters, digits and plain punctuation; not ":", which Mermaid reads in fa:fa-name as an icon. */
const SAFE_CHAR = /^[\p{L}\p{N} .,/_'-]$/u;

/**
 * A label as Mermaid must read it inside double quotes: white space runs become one space, long
 * labels are cut, and anything but letters, digits and a few plain punctuation marks becomes #<code>;.
 */
export function mermaidLabel(value: string, max = MAX_LABEL_CHARS): string {
  const chars = [...value.replace(/\s+/gu, " ").trim()];
  const cut = chars.length > max ? [...chars.slice(0, max - 1), "…"] : chars;
  return cut.map((c) => (SAFE_CHAR.test(c) ? c : `#${c.codePointAt(0)};`)).join("");
}

export function mermaidFlowchart(chart: Chart, direction: "LR" | "TD" = "LR"): string {
  const nodes = chart.nodes.filter((n, i) => chart.nodes.findIndex((m) => m.key === n.key) === i);
  const ids = new Map(nodes.map((n, i) => [n.key, `n${i}`]));
  const lines = [`flowchart ${direction}`];
  for (const node of nodes) lines.push(`  ${ids.get(node.key)}["${mermaidLabel(node.label)}"]`);
  for (const edge of chart.edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (from === undefined || to === undefined) continue; // an edge to an undrawn node would define it implicitly
    const arrow = edge.kind === "leads" ? "-->" : "-.-";
    const label = edge.label ? `|"${mermaidLabel(edge.label)}"|` : "";
    lines.push(`  ${from} ${arrow}${label} ${to}`);
  }
  const current = nodes.filter((n) => n.current).map((n) => ids.get(n.key)!);
  if (current.length > 0) lines.push("  classDef current stroke-width:3px", `  class ${current.join(",")} current`);
  return lines.join("\n");
}
