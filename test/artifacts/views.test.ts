// The Chinese view and the error-chain chart: golden files, a parse-back proving both languages share
// one structure, the untranslated marks, the links between languages and the chart's links.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Code, Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { renderOutputs } from "../../scripts/build/outputs.ts";
import { catalogueOf } from "../../scripts/render/chains.ts";
import { renderEntryView } from "../../scripts/render/entry-view.ts";
import { LABELS } from "../../scripts/render/labels.ts";
import { toMarkdown } from "../../scripts/report/markdown.ts";
import { FIXTURES } from "../helpers/repo.ts";
import { chainEntries, chainMiddle, decodeLabel, entry, parseFlowchart, partlyTranslated } from "./fixtures.ts";

const catalogue = catalogueOf([partlyTranslated, ...chainEntries]);
const parse = (md: string) => unified().use(remarkParse).use(remarkGfm).parse(md) as Root;
const render = (e: typeof chainMiddle, locale: "en" | "zh") => toMarkdown(renderEntryView(e, { locale, catalogue }));

function expectGolden(name: string, actual: string) {
  const golden = path.join(FIXTURES, "golden", name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(golden, actual);
  expect(actual).toBe(readFileSync(golden, "utf8"));
}

function nodesOf(tree: Root, type: string): unknown[] {
  const out: unknown[] = [];
  visit(tree, (node) => {
    if (node.type === type) out.push(node);
  });
  return out;
}

const textOf = (node: unknown): string => {
  const n = node as { value?: string; children?: unknown[] };
  return n.value ?? (n.children ?? []).map(textOf).join("");
};

describe("Chinese view", () => {
  it("matches the golden view of a partly translated entry", () => {
    expectGolden("partly-translated.zh.md", render(partlyTranslated, "zh"));
  });

  it("matches the golden view of a fully translated entry with a chart", () => {
    expectGolden("chain-middle.zh.md", render(chainMiddle, "zh"));
  });

  it("marks exactly the fields that fall back to English", () => {
    const md = render(partlyTranslated, "zh");
    const mark = LABELS.zh.untranslated;
    // root cause and both workaround actions have no translation; the signature has one
    expect(md.split(mark).length - 1).toBe(3 + 1); // plus the one mention in the note under the title
    expect(md).toContain(`${partlyTranslated.root_cause}${mark}`);
    expect(md).toContain(`**Reinstall it**${mark}`);
    expect(parse(md).children.find((n) => n.type === "heading")).toMatchObject({ depth: 1 });
    expect(textOf(parse(md).children.find((n) => n.type === "heading"))).toBe(partlyTranslated.signature_zh);
    expect(render(chainMiddle, "zh")).not.toContain(`**${chainMiddle.workarounds[0]!.action}**`);
    expect(render(partlyTranslated, "en")).not.toContain(mark);
  });

  it("has the English view's structure: same headings depth by depth, same lists and tables", () => {
    for (const e of [partlyTranslated, chainMiddle]) {
      const shape = (md: string) => parse(md).children.map((n) => (n.type === "heading" ? `h${(n as { depth: number }).depth}` : n.type));
      const en = shape(render(e, "en"));
      const zh = shape(render(e, "zh"));
      // the translated view adds one paragraph: the note on what is not translated
      expect(zh.filter((_, i) => i !== 3)).toEqual(en);
      expect(zh[3]).toBe("paragraph");
    }
  });

  it("links each language's view to the other, and links neighbours in the reader's language when they have one", () => {
    const links = (md: string) => (nodesOf(parse(md), "link") as { url: string }[]).map((l) => l.url);
    expect(links(render(chainMiddle, "en"))).toContain("chain-middle.zh.md");
    expect(links(render(chainMiddle, "zh"))).toContain("chain-middle.md");
    const zhLinks = links(render(chainMiddle, "zh"));
    expect(zhLinks).toContain("hostile-pipes.zh.md"); // has signature_zh
    expect(zhLinks).toContain("hostile-quotes.md"); // has no translation
    expect(zhLinks).toContain("../other/hostile-html.md");
    const untranslated = entry("demo/english-only");
    expect(links(toMarkdown(renderEntryView(untranslated)))).not.toContain("english-only.zh.md");
  });

  it("is written for exactly the entries with a translation", () => {
    const outputs = renderOutputs([partlyTranslated, ...chainEntries]);
    const zh = [...outputs.keys()].filter((k) => k.endsWith(".zh.md")).sort();
    expect(zh).toEqual(["demo/chain-middle.zh.md", "demo/hostile-pipes.zh.md", "demo/partly-translated.zh.md"]);
  });
});

describe("error-chain chart in a view", () => {
  it("matches the golden view with a Mermaid chart", () => {
    expectGolden("chain-middle.md", render(chainMiddle, "en"));
  });

  it("is one mermaid code block, the only raw content besides the header", () => {
    const tree = parse(render(chainMiddle, "en"));
    const code = nodesOf(tree, "code") as Code[];
    expect(code).toHaveLength(1);
    expect(code[0]!.lang).toBe("mermaid");
    expect(nodesOf(tree, "html")).toHaveLength(1);
  });

  it("draws what precedes, what follows (with probabilities) and what is confused, each linked to its view", () => {
    const tree = parse(render(chainMiddle, "en"));
    const chart = parseFlowchart((nodesOf(tree, "code") as Code[])[0]!.value);
    expect(chart.problems).toEqual([]);
    const idOf = (signature: string) => [...chart.nodes].find(([, l]) => decodeLabel(l) === signature)?.[0];
    const self = idOf(chainMiddle.signature)!;
    const before = idOf(`Error: "quoted" and 'single' [E42] {x} (y)`)!;
    const after = idOf("<img src=x onerror=alert(1)> & <b>b</b> `tick` #quot; 9%")!;
    const confused = idOf(`a | b || c --> d -.- e ;; %% comment \\ back\\slash ]] "]`)!;
    expect([self, before, after, confused].every(Boolean)).toBe(true);
    expect(chart.edges).toEqual([
      { from: before, to: self, kind: "-->", label: "30#37;" },
      { from: self, to: after, kind: "-->", label: "15#37;" },
      { from: self, to: confused, kind: "-.-", label: "confused with" },
    ]);
    expect(chart.current).toEqual([self]);
    expect(Object.fromEntries(chart.clicks)).toEqual({ [before]: "hostile-quotes.md", [after]: "../other/hostile-html.md", [confused]: "hostile-pipes.md" });
  });

  it("is left out of views without links", () => {
    expect(render(partlyTranslated, "en")).not.toContain("```mermaid");
  });
});
