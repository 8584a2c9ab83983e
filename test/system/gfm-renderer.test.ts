// GitHub renders Markdown with cmark-gfm, not remark: what serialise() writes from hostile text must
// render there as exactly that text (no link, no raw HTML, no emphasis), and random trees as their nodes.
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import type { BlockContent, Nodes, PhrasingContent, Root } from "mdast";
import { describe, expect, it } from "vitest";
import { serialise } from "../../scripts/markdown/serialise.ts";
import { denseTree, hostileString, normalise, serialiseRepresentable, tree } from "../markdown/arbitraries.ts";

const RUNS = 100;

/** `unsafe`: raw HTML passed through as written (as GitHub does before its sanitiser), not omitted. */
function cmarkGfm(markdown: string, unsafe = false): string {
  try {
    return execFileSync("cmark-gfm", [...(unsafe ? ["--unsafe"] : []), "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter"], { input: markdown, encoding: "utf8" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error("cmark-gfm, GitHub's Markdown renderer, is not installed: apt-get install cmark-gfm");
    throw error;
  }
}

/**
 * cmark-gfm's HTML for each tree: one document, the trees' Markdown separated by thematic breaks,
 * so that cmark-gfm is started once.
 */
function renderEach(trees: Root[]): string[] {
  return cmarkGfm(trees.map((t) => serialise(t)).join("\n---\n\n")).split("<hr />\n");
}

const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const text = (value: string): PhrasingContent => ({ type: "text", value });
const root = (...children: BlockContent[]): Root => ({ type: "root", children });
const paragraph = (...children: PhrasingContent[]): Root => root({ type: "paragraph", children });

/** Text GFM would turn into something else, were it not escaped. */
const HOSTILE = [
  // autolink literals, in any case, and every scheme cmark-gfm links (http, https, ftp)
  "www.example.com", "WWW.EXAMPLE.COM", "Www.x.org/path?q=1", "(www.x.com)", "*www.x.com*", "_www.x.com_", "~www.x.com~",
  "http://a.bc", "HTTP://A.BC/D", "HtTpS://x.org/p?q=1#f", "https://x.org.", "ftp://f.io", "FTP://F.IO", "fTp://x.y/z",
  "see http://a.b, then www.c.d.", "http://localhost:8080/x", "<https://x.org>", "xhttp://a.b",
  // raw HTML, including what GFM's tag filter would neutralise
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href='x'>y</a>", "</div>", "<!-- c -->", "<?php echo 1; ?>",
  "<![CDATA[x]]>", "<!DOCTYPE html>", "<iframe src=x>", "<textarea>", "<style>", "<title>", "<xmp>", "<noembed>", "<plaintext>",
  // entities
  "&amp;", "&lt;script&gt;", "&#60;b&#62;", "&#x3C;i&#x3E;", "&copy;", "&#0;", "&nbsp;x", "AT&T;",
  // emphasis, strikethrough, code, links, images, footnotes
  "*a*", "**b**", "_c_", "__d__", "***e***", "~f~", "~~g~~", "a*b*c", "x_y_z", "*(a)*", "**", "* * *", "_ _ _", "2 * 3 * 4",
  "`code`", "``", "[x](y)", "![i](j)", "[x]: y", "[^1]", "[ ] task", "\\*", "\\", "a\\",
  // block starts, white space, unicode
  "# h", "> q", "- l", "+ l", "1. n", "1) n", "    indented", "| a | b |", "---", "===", "~~~", "```", " lead", "trail ", "a  \nb", "a\n\nb", "a\n\u000b:-", "a\n\u000b|-|",
  "€*a*€", "😀**b**😀", "\u00a0*c*\u00a0", "\u2028_d_\u2028", "\ufeffstart",
];

describe("cmark-gfm (GitHub) renders serialise()'s output", () => {
  it("is installed", () => {
    expect(cmarkGfm("*x*")).toBe("<p><em>x</em></p>\n");
  });

  it("shows hostile text in a paragraph as exactly that text", () => {
    expect(renderEach(HOSTILE.map((v) => paragraph(text(v))))).toEqual(HOSTILE.map((v) => `<p>${escapeHtml(v)}</p>\n`));
  });

  it("shows hostile text in headings, table cells, links, emphasis and strong as exactly that text", () => {
    const values = HOSTILE.filter((v) => !v.includes("\n"));
    const expected = values.map(escapeHtml);
    const cell = (v: string): Root => root({ type: "table", align: [null], children: [{ type: "tableRow", children: [{ type: "tableCell", children: [text(v)] }] }] });
    expect(renderEach(values.map((v) => root({ type: "heading", depth: 2, children: [text(v)] })))).toEqual(expected.map((e) => `<h2>${e}</h2>\n`));
    expect(renderEach(values.map(cell)).map((html) => html.match(/<th>([\s\S]*?)<\/th>/)?.[1])).toEqual(expected);
    expect(renderEach(values.map((v) => paragraph({ type: "link", url: "https://x.org/(a)", children: [text(v)] })))).toEqual(expected.map((e) => `<p><a href="https://x.org/(a)">${e}</a></p>\n`));
    expect(renderEach(values.map((v) => paragraph({ type: "emphasis", children: [text(v)] })))).toEqual(expected.map((e) => `<p><em>${e}</em></p>\n`));
    expect(renderEach(values.map((v) => paragraph(text("x"), { type: "strong", children: [text(v)] }, text("y"))))).toEqual(expected.map((e) => `<p>x<strong>${e}</strong>y</p>\n`));
  });

  it("shows text next to emphasis and strong as that text, whatever characters touch the delimiters", () => {
    const edges = ["a", " ", "(", ")", "€", "⹃", "😀", "\u00a0", "中", "_", "*", "é"];
    const cases = edges.flatMap((before) => edges.flatMap((inside) => edges.map((after) => [before, inside, after] as const)));
    const trees = cases.map(([before, inside, after]) =>
      paragraph(text(before), { type: "strong", children: [text(`${inside}x${inside}`)] }, text(after), { type: "emphasis", children: [text(inside)] }, text(before)),
    );
    const e = escapeHtml;
    expect(renderEach(trees)).toEqual(cases.map(([before, inside, after]) => `<p>${e(before)}<strong>${e(`${inside}x${inside}`)}</strong>${e(after)}<em>${e(inside)}</em>${e(before)}</p>\n`));
  });

  it("keeps emphasis next to a `~`, which cmark-gfm can drop unless the `~` is escaped", () => {
    expect(cmarkGfm("*a ~*")).toBe("<p>*a ~*</p>\n");
    expect(cmarkGfm(serialise(paragraph({ type: "emphasis", children: [text("a ~")] })))).toBe("<p><em>a ~</em></p>\n");
    expect(cmarkGfm(serialise(paragraph({ type: "emphasis", children: [{ type: "inlineCode", value: "x" }] }, text("~e~"))))).toBe("<p><em><code>x</code></em>~e~</p>\n");
  });

  it("keeps a link title that ends in a backslash to its link, next to another titled link", () => {
    const titled = (title: string): PhrasingContent => ({ type: "link", url: "u", title, children: [text("x")] });
    expect(cmarkGfm(serialise(paragraph(titled("a\\"), titled("b"))))).toBe('<p><a href="u" title="a\\">x</a><a href="u" title="b">x</a></p>\n');
  });

  it("refuses e-mail addresses, which cmark-gfm links from the decoded text however they are escaped", () => {
    expect(cmarkGfm("a\\@b.co a&#64;b.co")).toContain("<a ");
    expect(() => serialise(paragraph(text("write to a@b.co")))).toThrow(/e-mail/);
  });

  it("reads a list followed by another list in a blockquote as tight, where remark-parse calls it spread", () => {
    const list = (bullet: string): BlockContent => ({ type: "list", ordered: false, spread: false, children: [{ type: "listItem", spread: false, children: [{ type: "paragraph", children: [text(bullet)] }] }] });
    const out = serialise(root({ type: "blockquote", children: [list("a"), list("b")] }));
    expect(cmarkGfm(out)).toBe("<blockquote>\n<ul>\n<li>a</li>\n</ul>\n<ul>\n<li>b</li>\n</ul>\n</blockquote>\n");
  });

  it("shows random hostile text as exactly that text", () => {
    fc.assert(
      fc.property(fc.array(hostileString({ newlines: true, autolinks: true }, 10), { minLength: 1, maxLength: 20 }), (values) => {
        // One document per run, a thematic break between the paragraphs, to spawn cmark-gfm once.
        const kept = values.filter((v) => v !== "");
        fc.pre(kept.length > 0);
        const children = kept.flatMap((v, i): BlockContent[] => [...(i > 0 ? [{ type: "thematicBreak" } as const] : []), { type: "paragraph", children: [text(v)] }]);
        const html = cmarkGfm(serialiseRepresentable(root(...children))).split("<hr />\n");
        expect(html).toEqual(kept.map((v) => `<p>${escapeHtml(v)}</p>\n`));
      }),
      { numRuns: RUNS },
    );
  });

  it("renders random trees with one element per node: no link, emphasis or raw HTML that the tree did not have", () => {
    fc.assert(fc.property(tree({ autolinks: true, emphasisNesting: true }), rendersNodes), { numRuns: RUNS });
  });

  it("renders deep emphasis around tiny texts with one element per node", () => {
    fc.assert(fc.property(denseTree(), rendersNodes), { numRuns: RUNS });
  });
});

/** cmark-gfm's HTML for a tree has one element per node of it (a bare span per `<span>`), and no other element. */
function rendersNodes(t: Root): void {
  const html = cmarkGfm(serialiseRepresentable(t), true).replace(/<!--[\s\S]*?-->/g, "");
  const { inlineCode, ...counts } = countNodes(normalise(t));
  const tags = (pattern: RegExp) => html.match(pattern)?.length ?? 0;
  const rendered = {
    link: tags(/<a\s/g),
    emphasis: tags(/<em>/g),
    strong: tags(/<strong>/g),
    code: tags(/<code[\s>]/g),
    break: tags(/<br \/>/g),
    heading: tags(/<h[1-6]>/g),
    listItem: tags(/<li>/g),
    table: tags(/<table>/g),
    blockquote: tags(/<blockquote>/g),
    thematicBreak: tags(/<hr \/>/g),
    span: tags(/<span>/g),
  };
  expect(rendered, html).toEqual({ ...counts, code: (inlineCode ?? 0) + (counts.code ?? 0) });
  expect(html.match(/<(?!\/?(?:p|em|strong|code|pre|a|br|h[1-6]|ul|ol|li|table|thead|tbody|tr|th|td|blockquote|hr)[\s/>]|\/?span>)[^>]*>/g), html).toBeNull();
  expect(tags(/<\/span>/g), html).toBe(counts.span);
}

function countNodes(t: Root): Record<string, number> {
  const counts: Record<string, number> = { link: 0, emphasis: 0, strong: 0, inlineCode: 0, code: 0, break: 0, heading: 0, listItem: 0, table: 0, blockquote: 0, thematicBreak: 0, span: 0 };
  const visit = (node: Nodes): void => {
    if (node.type in counts) counts[node.type] = (counts[node.type] ?? 0) + 1;
    if (node.type === "html" && node.value === "<span>") counts.span = (counts.span ?? 0) + 1;
    if ("children" in node) for (const child of node.children) visit(child);
  };
  visit(t);
  return counts;
}
