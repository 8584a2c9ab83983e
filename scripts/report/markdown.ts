// The one serialisation step from mdast trees to Markdown (GFM), shared by views, index pages and
// job summaries, so escaping of user text is done by remark and nowhere else.
import type { Root, RootContent, PhrasingContent, TableCell, TableRow, Table, AlignType, Code } from "mdast";
import remarkGfm from "remark-gfm";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import { makeTextInert } from "./inert-text.ts";

const processor = unified()
  .use(remarkGfm, { tablePipeAlign: false })
  .use(remarkStringify, { bullet: "-", emphasis: "_", strong: "*", fence: "`", fences: true, rule: "-", listItemIndent: "one", incrementListMarker: true });

export function toMarkdown(root: Root): string {
  const out = processor.stringify(makeTextInert(root));
  return out.endsWith("\n") ? out : out + "\n";
}

export const text = (value: string): PhrasingContent => ({ type: "text", value });
export const code = (value: string): PhrasingContent => ({ type: "inlineCode", value });
export const strong = (...children: PhrasingContent[]): PhrasingContent => ({ type: "strong", children });
export const link = (url: string, ...children: PhrasingContent[]): PhrasingContent => ({ type: "link", url, children });
export const paragraph = (...children: PhrasingContent[]): RootContent => ({ type: "paragraph", children });
export const heading = (depth: 1 | 2 | 3 | 4, ...children: PhrasingContent[]): RootContent => ({ type: "heading", depth, children });
export const codeBlock = (lang: string, value: string): Code => ({ type: "code", lang, value });

export function table(header: string[], rows: PhrasingContent[][][], align?: AlignType[]): Table {
  const cell = (children: PhrasingContent[]): TableCell => ({ type: "tableCell", children });
  const row = (cells: PhrasingContent[][]): TableRow => ({ type: "tableRow", children: cells.map(cell) });
  return { type: "table", align: align ?? header.map(() => null), children: [row(header.map((h) => [text(h)])), ...rows.map(row)] };
}
