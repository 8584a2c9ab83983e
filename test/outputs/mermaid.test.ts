// The chart text of the views (scripts/outputs/mermaid.ts): whatever an entry's signature or an edge
// label holds, every line of a chart is one of the few statement shapes kb writes, a label can only
// hold letters, digits, plain punctuation and entity codes, and the codes decode back to the label.
// No renderer runs here (Mermaid needs a browser): the test holds the text to a grammar Mermaid
// cannot read as anything but a node, an edge or kb's own class lines.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_LABEL_CHARS, mermaidFlowchart, mermaidLabel, type Chart } from "../../scripts/outputs/mermaid.ts";
import { domainCharts } from "../../scripts/outputs/chains.ts";

const LABEL = String.raw`[\p{L}\p{N} .,/_'#;…-]*`;
const LINE = new RegExp(
  [String.raw`^flowchart (LR|TD)$`, String.raw`^  n\d+\["${LABEL}"\]$`, String.raw`^  n\d+ (-->|-\.-)(\|"${LABEL}"\|)? n\d+$`, String.raw`^  classDef current stroke-width:3px$`, String.raw`^  class n\d+(,n\d+)* current$`].join("|"),
  "u",
);

const decode = (label: string) => label.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));

/** Text that tries hard to break out: quotes, brackets, pipes, arrows, entities, HTML, controls, bidi, astral characters. */
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', "]", "[", "|", "-->", "-.-", "#", ";", "%%", "<", ">", "&", "`", "\n", "\r", "\u2028", "\u001b", "\u202e", "\u0000", "click", "style", "😀", "#quot;", "&lt;", "n0", "end", "fa:fa-bug", ":"),
    fc.string({ unit: "grapheme", maxLength: 3 }),
  ),
  maxLength: 80,
});

describe("Mermaid charts", () => {
  it("every line is a node, an edge or kb's class lines, whatever the labels hold", () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 5 }), fc.array(fc.option(hostile), { maxLength: 5 }), (labels, edgeLabels) => {
        const chart: Chart = {
          nodes: labels.map((label, i) => ({ key: `k${i}`, label, current: i === 0 })),
          edges: edgeLabels.map((label, i) => ({ from: `k${i % labels.length}`, to: `k${(i + 1) % labels.length}`, kind: i % 2 === 0 ? "leads" : "confused", label: label ?? undefined })),
        };
        for (const line of mermaidFlowchart(chart).split("\n")) expect(line).toMatch(LINE);
      }),
      { numRuns: 300 },
    );
  });

  it("a label's entity codes decode back to its text, white space folded and long labels cut", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const label = mermaidLabel(text);
        expect(label).toMatch(new RegExp(`^${LABEL}$`, "u"));
        const folded = [...text.replace(/\s+/gu, " ").trim()];
        const expected = folded.length > MAX_LABEL_CHARS ? `${folded.slice(0, MAX_LABEL_CHARS - 1).join("")}…` : folded.join("");
        expect(decode(label)).toBe(expected);
      }),
      { numRuns: 500 },
    );
    expect(mermaidLabel('a"] --> n9["x')).toBe("a#34;#93; --#62; n9#91;#34;x");
    expect(mermaidLabel("fa:fa-bug Error: x")).toBe("fa#58;fa-bug Error#58; x"); // no Font Awesome icon from a signature
  });

  it("an edge to a node not drawn is left out, never defining a node implicitly", () => {
    const text = mermaidFlowchart({ nodes: [{ key: "a", label: "A" }], edges: [{ from: "a", to: "ghost", kind: "leads" }] });
    expect(text).toBe('flowchart LR\n  n0["A"]');
  });
});

describe("the domains' charts", () => {
  const entry = (id: string, leads: string[], confused: string[] = []) => ({
    id,
    signature: `sig ${id}`,
    transition_graph: { leads_to: leads.map((error_id) => ({ error_id, probability: 0.5, condition: "" })), preceded_by: [], frequently_confused_with: confused.map((error_id) => ({ error_id, distinction: "" })) },
  });

  it("hold each link that starts or ends in the domain once, own entries first", () => {
    const sorted = [entry("a/x", ["b/y", "a/z"]), entry("a/z", [], ["a/x"]), entry("b/y", ["a/x"])];
    const charts = domainCharts(["a", "b", "c"], sorted as never);
    expect(charts.get("a")!.edges.map((e) => `${e.from} ${e.kind} ${e.to}`)).toEqual(["a/x leads b/y", "a/x leads a/z", "a/x confused a/z", "b/y leads a/x"]);
    expect(charts.get("a")!.nodes.map((n) => n.key)).toEqual(["a/x", "a/z", "b/y"]);
    expect(charts.get("b")!.edges).toHaveLength(2);
    expect(charts.get("c")!.edges).toEqual([]);
  });

  it("read each entry's links once, however many domains there are (pass Q: once per domain, 1,000 one-entry domains took 340 s)", () => {
    let reads = 0;
    const sorted = Array.from({ length: 500 }, (_, i) => {
      const e = entry(`d${i}/e`, [`d${(i + 1) % 500}/e`]);
      return { id: e.id, signature: e.signature, get transition_graph() {
        reads++;
        return e.transition_graph;
      } };
    });
    const charts = domainCharts(sorted.map((e) => e.id.split("/")[0]!), sorted as never);
    expect(charts.size).toBe(500);
    expect(charts.get("d7")!.edges).toHaveLength(2);
    expect(reads).toBe(500);
  });
});
