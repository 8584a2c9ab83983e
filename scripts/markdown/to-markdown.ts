// The one serialisation step from a tree to Markdown (GFM) for everything kb writes: user text is
// made inert (and writable) first, then our serialiser for the node subset kb emits writes it, proven
// equal in meaning to remark's reading by the round-trip tests in test/markdown/.
import type { Root } from "mdast";
import { makeTextInert, type InertOptions } from "./inert.ts";
import { serialise } from "./serialise.ts";

export function toMarkdown(root: Root, options: InertOptions = {}): string {
  return serialise(makeTextInert(root, options));
}
