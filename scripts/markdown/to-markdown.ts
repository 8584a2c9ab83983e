// The one serialisation step from a tree to Markdown (GFM) for everything kb writes: user text is
// made inert first, then our serialiser for the node subset kb emits writes it (proven equal in
// meaning to remark's output by the round-trip tests in test/markdown/).
import type { Root } from "mdast";
import { makeTextInert } from "./inert.ts";
import { remarkMarkdown } from "./remark-oracle.ts";

export function toMarkdown(root: Root): string {
  return remarkMarkdown(makeTextInert(root));
}
