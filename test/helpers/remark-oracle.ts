// remark's own Markdown, for the tests that prove our serialiser (serialise.ts) and for reading
// Markdown: remark-parse + remark-gfm is the oracle of what a tree means; mdast-util-to-markdown with
// GFM is the reference serialisation. Tests only: the build serialises with scripts/markdown/serialise.ts.
import type { Root } from "mdast";
import { gfmToMarkdown } from "mdast-util-gfm";
import { toMarkdown } from "mdast-util-to-markdown";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

export function remarkMarkdown(root: Root): string {
  const out = toMarkdown(root, { bullet: "-", emphasis: "_", strong: "*", fence: "`", fences: true, rule: "-", listItemIndent: "one", extensions: [gfmToMarkdown({ tablePipeAlign: false })] });
  return out.endsWith("\n") ? out : `${out}\n`;
}

export function parseMarkdown(markdown: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(markdown);
}
