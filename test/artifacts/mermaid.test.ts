// Mermaid charts stay valid whatever the signatures hold: every node defined, ids generated, labels
// escaped to entity codes that decode back to the text, links that cannot break out of their quotes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalogueOf, domainChart, domainEdges, entryChart } from "../../scripts/render/chains.ts";
import { MAX_LABEL_CHARS, mermaidFlowchart, mermaidLabel } from "../../scripts/render/mermaid.ts";
import { chainEntries, chainMiddle, decodeLabel, entry, HOSTILE_SIGNATURES, parseFlowchart } from "./fixtures.ts";

const runs = Number(process.env.KB_FUZZ_RUNS ?? 300);
const oneLine = (s: string) => s.replace(/\s+/gu, " ").trim();

describe("mermaidLabel", () => {
  it("escapes quotes, brackets, pipes, HTML, backticks, entity look-alikes and backslashes", () => {
    for (const signature of Object.values(HOSTILE_SIGNATURES)) {
      const label = mermaidLabel(signature);
      expect(label.replace(/#\d+;/g, "")).not.toMatch(/["[\]{}()|<>`\\;&%#]/u);
      expect(decodeLabel(label)).toBe(signature);
    }
  });

  it("decodes back to any text, on one line, and uses only safe characters and entity codes", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (s) => {
        const label = mermaidLabel(s, Infinity);
        expect(label).toMatch(/^(?:[\p{L}\p{N} .,:/_'-]|#\d+;)*$/u);
        expect(decodeLabel(label)).toBe(oneLine(s));
      }),
      { numRuns: runs },
    );
  });

  it("cuts long labels at a whole character with an ellipsis", () => {
    const label = decodeLabel(mermaidLabel("😀".repeat(100)));
    expect([...label]).toHaveLength(MAX_LABEL_CHARS);
    expect(label.endsWith("😀…")).toBe(true);
  });
});

describe("mermaidFlowchart", () => {
  it("defines every node once with a generated id and drops edges to nodes it does not draw", () => {
    const text = mermaidFlowchart({
      nodes: [
        { key: "a/x", label: "end" },
        { key: "a/y", label: "click n0 href \"javascript:alert(1)\"", href: "y.md\" onclick=\"x" },
        { key: "a/x", label: "duplicate" },
      ],
      edges: [
        { from: "a/x", to: "a/y", kind: "leads", label: "50%" },
        { from: "a/x", to: "a/missing", kind: "leads" },
      ],
    });
    const chart = parseFlowchart(text);
    expect(chart.problems).toEqual([]);
    expect([...chart.nodes.keys()]).toEqual(["n0", "n1"]);
    expect(chart.edges).toHaveLength(1);
    expect(chart.clicks.get("n1")).toBe("y.md%22%20onclick%3D%22x");
  });

  it("stays valid for any labels and any set of edges", () => {
    const keys = ["d/a", "d/b", "d/c", "e/d"];
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.constantFrom(...keys), label: fc.string({ unit: "binary", maxLength: 40 }) }), { maxLength: 6 }),
        fc.array(fc.record({ from: fc.constantFrom(...keys), to: fc.constantFrom(...keys), kind: fc.constantFrom("leads" as const, "confused" as const), label: fc.string({ maxLength: 10 }) }), { maxLength: 8 }),
        (nodes, edges) => {
          const chart = parseFlowchart(mermaidFlowchart({ nodes: nodes.map((n) => ({ ...n, href: `${n.key}.md` })), edges }));
          expect(chart.problems).toEqual([]);
          expect(chart.nodes.size).toBe(new Set(nodes.map((n) => n.key)).size);
        },
      ),
      { numRuns: runs },
    );
  });
});

describe("charts of entries and domains", () => {
  const catalogue = catalogueOf(chainEntries);

  it("gives a valid chart for every entry with hostile neighbours, in both languages", () => {
    for (const e of chainEntries) {
      for (const locale of ["en", "zh"] as const) {
        const chart = entryChart(e, catalogue, locale)!;
        const parsed = parseFlowchart(mermaidFlowchart(chart));
        expect(parsed.problems).toEqual([]);
        expect(parsed.current).toEqual(["n0"]);
        expect(parsed.nodes.size).toBe(1 + parsed.edges.length);
      }
    }
  });

  it("labels neighbours that are not in the catalogue by id, without a link", () => {
    const lonely = catalogueOf([chainMiddle]);
    const parsed = parseFlowchart(mermaidFlowchart(entryChart(chainMiddle, lonely, "en")!));
    expect(parsed.problems).toEqual([]);
    expect([...parsed.nodes.values()].map(decodeLabel)).toContain("demo/hostile-quotes");
    expect(parsed.clicks.size).toBe(0);
  });

  it("draws each link of a domain once: a leads_to and its preceded_by are one arrow, a confusion pair one line", () => {
    const edges = domainEdges("demo", catalogue);
    expect(edges.map((e) => `${e.from} ${e.kind} ${e.to}`).sort()).toEqual([
      "demo/chain-middle confused demo/hostile-pipes",
      "demo/chain-middle leads other/hostile-html",
      "demo/hostile-quotes leads demo/chain-middle",
    ]);
    const parsed = parseFlowchart(mermaidFlowchart(domainChart("demo", catalogue)));
    expect(parsed.problems).toEqual([]);
    expect(parsed.nodes.size).toBe(4);
    expect(parsed.clicks.get("n0")).toBe("demo/chain-middle.md");
  });

  it("has no chart for an entry without links or with only a link to itself", () => {
    expect(entryChart(entry("demo/alone"), catalogue, "en")).toBeUndefined();
    const selfish = entry("demo/selfish", { transition_graph: { leads_to: [{ error_id: "demo/selfish", probability: 1, condition: "" }], preceded_by: [], frequently_confused_with: [] } });
    expect(entryChart(selfish, catalogueOf([selfish]), "en")).toBeUndefined();
  });
});
