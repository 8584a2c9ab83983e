// The one serialisation step from mdast trees to Markdown (GFM), shared by views, index pages and
// job summaries, so escaping of user text is done by remark and nowhere else.
import type { Root, RootContent, PhrasingContent, TableCell, TableRow, Table, AlignType, Code } from "mdast";
import { lazyModule } from "../core/lazy-module.ts";
import { makeTextInert } from "./inert-text.ts";
import { rootWithUnsafeSubsets } from "./unsafe-subset.ts";

const remarkGfm = lazyModule<typeof import("remark-gfm")>("remark-gfm");
const remarkStringify = lazyModule<typeof import("remark-stringify")>("remark-stringify");
const unified = lazyModule<typeof import("unified")>("unified");

/** remark's own serialiser with our settings; `fast` only adds the byte-identical escaping speed-up. */
export function markdownProcessor(fast: boolean) {
  return unified()
    .unified()
    .use(remarkGfm().default, { tablePipeAlign: false })
    .use(remarkStringify().default, {
      bullet: "-",
      emphasis: "_",
      strong: "*",
      fence: "`",
      fences: true,
      rule: "-",
      listItemIndent: "one",
      incrementListMarker: true,
      ...(fast ? { handlers: { root: rootWithUnsafeSubsets } } : {}),
    });
}

type Processor = ReturnType<typeof markdownProcessor>;
let processor: Processor | undefined;

export function toMarkdown(root: Root, using?: Processor): string {
  const out = (using ?? (processor ??= markdownProcessor(true))).stringify(makeTextInert(root));
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
