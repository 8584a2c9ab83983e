// The escaping speed-up must never change a byte: every tree is serialised by remark with and without
// it and the two texts compared, on fuzzed trees of the node kinds views use (text full of Markdown
// punctuation, line breaks and control characters) and on every view of the shipped entries.
import { readFileSync } from "node:fs";
import fg from "fast-glob";
import fc from "fast-check";
import type { PhrasingContent, Root, RootContent } from "mdast";
import { describe, expect, it } from "vitest";
import { catalogueOf } from "../../scripts/render/chains.ts";
import { renderEntryView } from "../../scripts/render/entry-view.ts";
import { viewLocales } from "../../scripts/render/translation.ts";
import { markdownProcessor, toMarkdown } from "../../scripts/report/markdown.ts";
import { unsafeSubset } from "../../scripts/report/unsafe-subset.ts";
import type { Entry } from "../../scripts/schema/entry-schema.ts";
import { ROOT } from "../helpers/repo.ts";

const plain = markdownProcessor(false);
const fast = markdownProcessor(true);

/** Characters that make remark escape, plus ordinary ones and the line breaks and controls. */
const CHARS = [..."\t\n\r !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "\u0000", "\u001f", "a", "b", "Z", "1", "9", "w", "W", "é", "错", "\u202e"];
const textValue = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 24 });

const phrasing: fc.Arbitrary<PhrasingContent> = fc.letrec<{ node: PhrasingContent }>((tie) => ({
  node: fc.oneof(
    { weight: 6, arbitrary: textValue.map((value): PhrasingContent => ({ type: "text", value })) },
    { weight: 2, arbitrary: textValue.map((value): PhrasingContent => ({ type: "inlineCode", value })) },
    { weight: 1, arbitrary: fc.array(tie("node"), { minLength: 1, maxLength: 3 }).map((children): PhrasingContent => ({ type: "strong", children: children as PhrasingContent[] })) },
    { weight: 1, arbitrary: fc.array(tie("node"), { minLength: 1, maxLength: 3 }).map((children): PhrasingContent => ({ type: "emphasis", children: children as PhrasingContent[] })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("https://a.example/x?y=1&z=(2)", "../b c.md", "README.md#x"), textValue).map(([url, value]): PhrasingContent => ({ type: "link", url, children: [{ type: "text", value }] })) },
  ),
})).node;

const line = fc.array(phrasing, { minLength: 1, maxLength: 5 });
const block: fc.Arbitrary<RootContent> = fc.oneof(
  line.map((children): RootContent => ({ type: "paragraph", children })),
  fc.tuple(fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>, line).map(([depth, children]): RootContent => ({ type: "heading", depth, children })),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((items): RootContent => ({ type: "list", ordered: false, children: items.map((children) => ({ type: "listItem", children: [{ type: "paragraph", children }] })) })),
  fc.array(fc.array(line, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 }).map(
    (rows): RootContent => ({ type: "table", align: [null, null], children: rows.map((cells) => ({ type: "tableRow", children: cells.map((children) => ({ type: "tableCell", children })) })) }),
  ),
  fc.tuple(fc.constantFrom("", "sh", "js"), textValue).map(([lang, value]): RootContent => ({ type: "code", lang, value })),
);
const tree = fc.array(block, { minLength: 1, maxLength: 6 }).map((children): Root => ({ type: "root", children }));

describe("escaping with pattern subsets", () => {
  it("serialises fuzzed trees to exactly the bytes remark writes without it", () => {
    fc.assert(
      fc.property(tree, (root) => {
        expect(toMarkdown(root, fast)).toBe(toMarkdown(root, plain));
      }),
      { numRuns: 1500 },
    );
  });

  it("serialises every view of the shipped entries to the same bytes", () => {
    const entries = fg.sync("entries/**/*.json", { cwd: ROOT, absolute: true }).map((f) => JSON.parse(readFileSync(f, "utf8")) as Entry);
    const catalogue = catalogueOf(entries);
    let views = 0;
    for (const entry of entries)
      for (const locale of viewLocales(entry)) {
        const view = renderEntryView(entry, { locale, catalogue });
        expect(toMarkdown(view, fast), `${entry.id} ${locale}`).toBe(toMarkdown(view, plain));
        views++;
      }
    expect(views).toBeGreaterThan(entries.length);
  });

  it("keeps exactly the patterns whose character occurs, in their order", () => {
    const all = [
      { character: "*" },
      { character: "#", atBreak: true },
      { character: "*", before: "a" },
      { character: " ", after: "\\n" },
    ];
    expect(unsafeSubset(all, "a*b")).toEqual([all[0], all[2]]);
    expect(unsafeSubset(all, "x # y")).toEqual([all[1], all[3]]);
    expect(unsafeSubset(all, "plain")).toEqual([]);
    // Memoised by the characters present, yet still per list.
    expect(unsafeSubset(all, "b*a")).toBe(unsafeSubset(all, "a*b"));
    expect(unsafeSubset([{ character: "z" }], "a*b")).toEqual([]);
  });
});
