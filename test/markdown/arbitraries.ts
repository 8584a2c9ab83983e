// Generators of hostile mdast trees in serialise()'s node subset, the oracle they are checked against
// (remark-parse + remark-gfm) and the properties, shared by serialise.test.ts and the system tier.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import fg from "fast-glob";
import type { AlignType, BlockContent, Code, Heading, Html, Link, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow, Text } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { expect } from "vitest";
import { parseMarkdown, remarkMarkdown } from "../helpers/remark-oracle.ts";
import { serialise } from "../../scripts/markdown/serialise.ts";

// ---------------------------------------------------------------------------------------------
// Strings

const ASCII_PUNCTUATION = [..."!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"];

/** Pieces that each start or end some Markdown syntax somewhere, glued together at random. */
const SYNTAX = [
  ...ASCII_PUNCTUATION,
  "**", "__", "***", "~~", "``", "```", "~~~", "\\\\", "\\*", "\\`",
  "<script>", "</script>", "<a href=x>", "<!--", "-->", "<?php", "<![CDATA[", "<div>", "<x@y>",
  "&amp;", "&#35;", "&#x41;", "&copy;", "&nbsp;", "&#0;", "&bogus;", "&",
  "[x](y)", "[x]: y", "[^1]", "[ ]", "[x]", "![i](j)", "](", "[", "]",
  "| a |", "|-|", ":-", "-:", "||",
  "# ", "## ", "#", "> ", "- ", "+ ", "* ", "1. ", "1) ", "123456789. ", "0) ", "=", "===", "---", "- - -", "_ _ _",
  "a", "b", "word", "snake_case", "2", "x*y", "a_b_", "_c", "*d*", "~e~",
];
const SPACES = [" ", "  ", "    ", "\t", "\u00a0", "\u3000", "\u2028", "\ufeff", "\v", "\f"];
const UNICODE = ["é", "中文", "😀", "€", "→", "\u0301", "\u202e", "\u200d", "ß", "𝔘", "«", "»", "—", "¡", "\u0085"];
/** Text GFM would link (www., http(s)://, ftp:// in any case): kept text by escapes on GitHub. */
const AUTOLINK_LIKE = fc.mixedCase(fc.constantFrom("www.example.com", "http://a.bc/d", "https://x.org", "ftp://f.io", "www.x", "HTTPS://Y.Z", "http://"));
/** E-mail addresses: GFM links them whatever is escaped, so serialise() refuses them (tested apart). */
export const EMAIL_LIKE = /[\w.+-]@[\w.-]*\.[\w-]*[A-Za-z]/;

export interface TextOptions {
  /** Allow line endings (paragraph text only). */
  readonly newlines: boolean;
  /** Include text GFM would autolink. */
  readonly autolinks: boolean;
}

/** A string of syntax pieces, white space, unicode and random graphemes; e-mail-like ones excluded. */
export function hostileString(options: TextOptions, maxLength = 8): fc.Arbitrary<string> {
  const pieces: fc.Arbitrary<string>[] = [fc.constantFrom(...SYNTAX), fc.constantFrom(...SPACES), fc.constantFrom(...UNICODE), fc.string({ unit: "grapheme", maxLength: 2 })];
  if (options.newlines) pieces.push(fc.constantFrom("\n", "\n\n", " \n", "\n    ", "\r", "\r\n", "\n#", "\n1. ", "\n-", "\n>", "\n|-|", "\n```"));
  if (options.autolinks) pieces.push(AUTOLINK_LIKE);
  return fc
    .array(fc.oneof(...pieces), { maxLength })
    .map((parts) => parts.join(""))
    .filter((s) => !EMAIL_LIKE.test(s) && (options.newlines || !/[\r\n]/.test(s)) && !s.includes("\0"));
}

// ---------------------------------------------------------------------------------------------
// Trees

export interface TreeOptions {
  readonly autolinks: boolean;
  /** Emphasis and strong nested or adjacent (serialise() unwraps/merges them; see normalise()). */
  readonly emphasisNesting: boolean;
  /** Deep phrasing of tiny texts, where every character touches a delimiter. */
  readonly dense?: boolean;
}

/** The characters that decide whether a delimiter flanks, as micromark or cmark-gfm classify them. */
const FLANKING = ["a", "中", " ", "\u00a0", "\u3000", "\t", "(", ")", "*", "_", "~", "`", "\\", "[", "]", "!", "&", "#", "€", "⹃", "😀", "\u2028", "\u000b", "\u0301"];

function tinyString(newlines: boolean): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...FLANKING, ...(newlines ? ["\n"] : [])), { maxLength: 3 }).map((parts) => parts.join(""));
}

type Where = "paragraph" | "heading" | "cell";

const text = (value: string): Text => ({ type: "text", value });

function inlineCode(where: Where): fc.Arbitrary<PhrasingContent> {
  const value = fc.oneof(hostileString({ newlines: false, autolinks: true }, 5), fc.constantFrom("`", "``", " ` ", "  ", " a ", "a|b", "\\", "x`y``z", " "));
  // In a cell, a pipe after an odd number of backslashes cannot be written (serialise throws), and
  // adjacent code spans are joined: no backslash there at all.
  return value.map((v) => (where === "cell" ? v.replace(/\\/g, "/") : v)).map((v) => ({ type: "inlineCode", value: v }));
}

const LINK_URL = fc.oneof(
  fc.webUrl({ withFragments: true, withQueryParameters: true }),
  hostileString({ newlines: false, autolinks: true }, 4),
  fc.constantFrom("", "a b", "<x>", "(a(b)c)", "a)b(", "\\", "a\\", "&amp;", "x|y", "#", "é/中"),
);
const TITLE = fc.option(fc.oneof(hostileString({ newlines: true, autolinks: true }, 4), fc.constantFrom('"', "a\\", "\n", "x\n# y")), { nil: null });

/** Phrasing for `where`; breaks come with a text after them, as one cannot end a paragraph. */
export function phrasing(where: Where, options: TreeOptions, depth = options.dense ? 4 : 2, inLink = false): fc.Arbitrary<PhrasingContent[]> {
  const textOptions = { newlines: where === "paragraph", autolinks: options.autolinks && !inLink };
  const strings = options.dense ? tinyString(textOptions.newlines) : hostileString(textOptions);
  const leaf: fc.Arbitrary<PhrasingContent[]>[] = [strings.map((v) => [text(v)]), inlineCode(where).map((c) => [c]), spanned(options)];
  if (where === "paragraph") leaf.push(strings.filter((v) => v !== "").map((v): PhrasingContent[] => [{ type: "break" }, text(v)]));
  if (depth > 0) {
    const inner = phrasing(where, options, depth - 1, inLink);
    const wrapped = options.emphasisNesting ? inner : phrasing(where, options, 0, inLink);
    leaf.push(wrapped.map((children): PhrasingContent[] => [{ type: "strong", children }]));
    leaf.push(wrapped.map((children): PhrasingContent[] => [{ type: "emphasis", children }]));
    if (!inLink) {
      leaf.push(
        fc.record({ url: LINK_URL, title: TITLE, children: phrasing(where, options, depth - 1, true) }).map(({ url, title, children }): PhrasingContent[] => [{ type: "link", url, title, children } as Link]),
      );
    }
  }
  const parts = fc.array(fc.oneof(...leaf), { maxLength: 4 }).map((p) => p.flat());
  // Without nesting, emphasis and strong never touch: text between them keeps them apart.
  return options.emphasisNesting ? parts : parts.map(separateDelimited);
}

/**
 * The one inline HTML serialise() writes: `<span>`, a text of one line, `</span>` (how makeTextInert
 * keeps a `$`, `@` or `#` from GitHub's math, mentions and references), around any such text.
 */
function spanned(options: TreeOptions): fc.Arbitrary<PhrasingContent[]> {
  const inner = options.dense ? tinyString(false) : fc.oneof(fc.constantFrom("$", "@", "#", "-", "$$"), hostileString({ newlines: false, autolinks: false }, 3));
  return inner.filter((v) => v !== "").map((v): PhrasingContent[] => [{ type: "html", value: "<span>" }, text(v), { type: "html", value: "</span>" }]);
}

function separateDelimited(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    const previous = out[out.length - 1];
    if ((node.type === "emphasis" || node.type === "strong") && (previous?.type === "emphasis" || previous?.type === "strong")) out.push(text(" "));
    out.push(node);
  }
  return out;
}

function heading(options: TreeOptions): fc.Arbitrary<Heading> {
  return fc.record({ depth: fc.integer({ min: 1, max: 6 }), children: phrasing("heading", options) }).map(({ depth, children }) => ({ type: "heading", depth: depth as Heading["depth"], children }));
}

function paragraph(options: TreeOptions): fc.Arbitrary<Paragraph> {
  return phrasing("paragraph", options).map((children) => ({ type: "paragraph", children }));
}

const LANG = fc.option(
  fc.oneof(fc.constantFrom("js", "mermaid", "c++", "a`b", "~x", "\\", "&amp;", "x&#35;", "é"), hostileString({ newlines: false, autolinks: true }, 3).map((s) => s.replace(/[ \t\n\r\v\f\u00a0\u3000\u2028\ufeff]/g, ""))),
  { nil: null },
);

function code(): fc.Arbitrary<Code> {
  const value = fc.oneof(
    hostileString({ newlines: true, autolinks: true }, 10).map((s) => s.replace(/\r/g, "")),
    fc.constantFrom("", "\n", "a\n", "```", "````\n```", "~~~", "    x\n\n\ty", " ```\n   ```", "\n\n"),
  );
  return fc.record({ lang: LANG, value }).map(({ lang, value }) => ({ type: "code", lang, value }));
}

function html(): fc.Arbitrary<Html> {
  const body = hostileString({ newlines: true, autolinks: true }, 5).filter((s) => !s.includes("-->") && !s.includes("\r"));
  return body.map((s) => ({ type: "html", value: `<!-- ${s} -->` }));
}

const ALIGNS: AlignType[] = [null, "left", "center", "right"];

function table(options: TreeOptions): fc.Arbitrary<Table> {
  return fc.integer({ min: 1, max: 4 }).chain((columns) => {
    const cell = phrasing("cell", options, 1).map((children): TableCell => ({ type: "tableCell", children }));
    const row = (min: number) => fc.array(cell, { minLength: min, maxLength: columns }).map((children): TableRow => ({ type: "tableRow", children }));
    return fc.record({
      align: fc.array(fc.constantFrom(...ALIGNS), { minLength: columns, maxLength: columns }),
      header: row(columns),
      body: fc.array(row(1), { maxLength: 3 }),
    }).map(({ align, header, body }): Table => ({ type: "table", align, children: [header, ...body] }));
  });
}

function list(options: TreeOptions, depth: number): fc.Arbitrary<List> {
  const itemBlock = fc.oneof(paragraph(options), code(), ...(depth > 0 ? [list(options, depth - 1)] : []));
  const item = fc.record({ spread: fc.boolean(), children: fc.array(itemBlock, { maxLength: 3 }) }).map(({ spread, children }): ListItem => ({ type: "listItem", spread, children }));
  return fc
    .record({
      ordered: fc.boolean(),
      start: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 12 }), fc.constant(999_999_990)),
      spread: fc.boolean(),
      children: fc.array(item, { maxLength: 4 }),
    })
    .map(({ ordered, start, spread, children }): List => (ordered ? { type: "list", ordered, start, spread, children } : { type: "list", ordered, spread, children }));
}

/** Any block of the subset; containers (lists, blockquotes) nest up to `depth` levels. */
export function block(options: TreeOptions, depth = 2): fc.Arbitrary<BlockContent> {
  const leaves: fc.Arbitrary<BlockContent>[] = [paragraph(options), heading(options), code(), html(), table(options), fc.constant({ type: "thematicBreak" })];
  if (depth === 0) return fc.oneof(...leaves);
  const quote = fc
    .array(block(options, depth - 1), { maxLength: 3 })
    .filter((children) => !listBeforeContainer(children))
    .map((children): BlockContent => ({ type: "blockquote", children }));
  return fc.oneof(...leaves, list(options, depth - 1), quote);
}

/**
 * A remark-parse quirk: in a blockquote, a list followed (after the blank line) by another list or
 * a blockquote is read as spread (`> - a\n>\n> * b`); cmark-gfm, like CommonMark, reads it tight
 * (gfm-renderer.test.ts). Such blockquotes are not generated.
 */
function listBeforeContainer(children: BlockContent[]): boolean {
  const kept = normalise({ type: "root", children }).children;
  return kept.some((child, i) => child.type === "list" && (kept[i + 1]?.type === "list" || kept[i + 1]?.type === "blockquote"));
}

export function tree(options: TreeOptions): fc.Arbitrary<Root> {
  return fc.array(block(options), { maxLength: 5 }).map((children) => ({ type: "root", children }));
}

/** Paragraphs, headings and tables of deep emphasis, strong and links around tiny texts. */
export function denseTree(): fc.Arbitrary<Root> {
  const options = { autolinks: false, emphasisNesting: true, dense: true };
  return fc.array(fc.oneof(paragraph(options), heading(options), table(options)), { maxLength: 3 }).map((children) => ({ type: "root", children }));
}

/** Trees like the views kb writes: text, inline code, strong and links in paragraphs, lists, tables. */
export function viewLikeTree(): fc.Arbitrary<Root> {
  const options = { autolinks: false, emphasisNesting: false };
  const blocks = fc.oneof(paragraph(options), heading(options), code(), html(), table(options), list(options, 1));
  return fc.array(blocks, { maxLength: 6 }).map((children) => ({ type: "root", children }));
}

// ---------------------------------------------------------------------------------------------
// The oracle

/** remark-parse + remark-gfm: what a Markdown file means. */
export const parseGfm = (markdown: string): Root => parseMarkdown(markdown);

/**
 * The same parser without remark-gfm's one transform that links URL- and e-mail-like text by its
 * decoded value, which no escape can prevent and GitHub (cmark-gfm) does not do for URLs: literal
 * autolinks in the source are still found by micromark.
 */
const WITHOUT_VALUE_AUTOLINKS = gfmFromMarkdown().map(({ transforms: _transforms, ...rest }) => rest);
export const parseGfmSource = (markdown: string): Root => fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: WITHOUT_VALUE_AUTOLINKS });

/**
 * serialise(), discarding (fc.pre) the two classes of generated trees it refuses by design: a
 * control character such as U+000B or U+0085 that must be written as a character reference beside
 * an emphasis delimiter, where it has none; and e-mail-like text (rare here: two texts that merge
 * into one). Any other error fails the property.
 */
export function serialiseRepresentable(root: Root): string {
  try {
    return serialise(root);
  } catch (error) {
    if (error instanceof Error && /has no character reference|has an e-mail address/.test(error.message)) fc.pre(false);
    throw error;
  }
}

/** Whether remark-gfm would link some text of the tree by its value (www., http(s)://, e-mail). */
export function hasValueAutolink(root: Root): boolean {
  let found = false;
  visitText(root, (value) => {
    if (/(?<![\da-z])(?:https?:\/\/|www\.)/i.test(value) || EMAIL_LIKE.test(value)) found = true;
  });
  return found;
}

function visitText(node: { type: string; children?: unknown[]; value?: unknown }, visit: (value: string) => void): void {
  if (node.type === "link") return;
  if (node.type === "text" && typeof node.value === "string") visit(node.value);
  for (const child of node.children ?? []) visitText(child as { type: string }, visit);
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/**
 * A tree reduced to what Markdown can say, so that parse(serialise(t)) must deep-equal normalise(t).
 * Each step is parser bookkeeping, or maps a tree to one that reads the same (the same text, and the
 * same of it emphasised, strong, code or linked; the HTML may nest differently):
 * - positions and `data` dropped; defaults filled in as remark-parse writes them (start, checked,
 *   meta, lang "" → null, title "" → null, align padded with null to the column count);
 * - adjacent text merged (a parser makes one text of them), and adjacent inline code (Markdown
 *   cannot write two code spans with nothing between them: the fences would run together);
 * - empty text, inline code, emphasis, strong, paragraphs and lists dropped: they render nothing
 *   and Markdown has no syntax for them;
 * - emphasis inside emphasis (strong inside strong) unwrapped and adjacent ones joined, outside
 *   links: `<em>a<em>b</em></em>` renders as `<em>ab</em>`;
 * - `spread` as a parser derives it: an item is spread when it has two blocks and a blank line
 *   between them, which CommonMark requires between two paragraphs, after a list before a
 *   paragraph, and before a list that cannot interrupt a paragraph; a list when it has two items
 *   and was spread.
 * Nodes outside the subset are kept as they are (without positions), so a comparison shows them.
 */
export function normalise(root: Root): Root {
  return { type: "root", children: blocks(root.children) as RootContent[] };
}

type AnyNode = { type: string; [key: string]: unknown };

function blocks(nodes: readonly unknown[]): AnyNode[] {
  const out: AnyNode[] = [];
  for (const raw of nodes) {
    const node = normaliseBlock(raw as AnyNode);
    if (node) out.push(node);
  }
  return out;
}

function normaliseBlock(node: AnyNode): AnyNode | undefined {
  switch (node.type) {
    case "paragraph": {
      const children = inline(node.children as AnyNode[], { emphasis: false, strong: false });
      return children.length === 0 ? undefined : { type: "paragraph", children };
    }
    case "heading":
      return { type: "heading", depth: node.depth, children: inline(node.children as AnyNode[], { emphasis: false, strong: false }) };
    case "code":
      return { type: "code", lang: (node.lang as string | null | undefined) || null, meta: null, value: node.value };
    case "html":
      return { type: "html", value: node.value };
    case "thematicBreak":
      return { type: "thematicBreak" };
    case "blockquote":
      return { type: "blockquote", children: blocks(node.children as AnyNode[]) };
    case "table":
      return normaliseTable(node as unknown as Table);
    case "list":
      return normaliseList(node as unknown as List);
    default:
      return withoutPositions(node);
  }
}

function normaliseTable(node: Table): AnyNode {
  const columns = node.children[0]?.children.length ?? 0;
  const align = Array.from({ length: columns }, (_, i) => node.align?.[i] ?? null);
  const rows = node.children.map((row) => ({
    type: "tableRow",
    children: row.children.map((cell) => ({ type: "tableCell", children: inline(cell.children as unknown as AnyNode[], { emphasis: false, strong: false }) })),
  }));
  return { type: "table", align, children: rows };
}

function normaliseList(node: List): AnyNode | undefined {
  if (node.children.length === 0) return undefined;
  const items = node.children.map((item) => {
    const children = blocks(item.children);
    const blank = children.some((child, i) => i > 0 && needsBlank(children[i - 1] as AnyNode, child));
    return { type: "listItem", spread: children.length > 1 && (item.spread === true || blank), checked: null, children };
  });
  return { type: "list", ordered: node.ordered === true, start: node.ordered ? (node.start ?? 1) : null, spread: node.spread === true && items.length > 1, children: items };
}

function needsBlank(previous: AnyNode, next: AnyNode): boolean {
  if (next.type === "paragraph") return previous.type === "paragraph" || previous.type === "list";
  if (next.type !== "list" || previous.type !== "paragraph") return false;
  const first = (next.children as AnyNode[])[0];
  return (first?.children as unknown[] | undefined)?.length === 0 || (next.ordered === true && next.start !== 1);
}

interface Open {
  readonly emphasis: boolean;
  readonly strong: boolean;
}

function inline(nodes: readonly AnyNode[], open: Open): AnyNode[] {
  const out: AnyNode[] = [];
  const push = (node: AnyNode) => {
    const previous = out[out.length - 1];
    if ((node.type === "text" || node.type === "inlineCode") && previous?.type === node.type) out[out.length - 1] = { type: node.type, value: `${previous.value as string}${node.value as string}` };
    else if ((node.type === "emphasis" || node.type === "strong") && previous?.type === node.type) {
      out[out.length - 1] = { type: node.type, children: inline([...(previous.children as AnyNode[]), ...(node.children as AnyNode[])], { ...open, [node.type]: true }) };
    } else out.push(node);
  };
  for (const node of nodes) {
    switch (node.type) {
      case "text":
      case "inlineCode":
        if (node.value !== "") push({ type: node.type, value: node.value });
        break;
      case "break":
        push({ type: "break" });
        break;
      case "link":
        push({ type: "link", title: (node.title as string | null | undefined) || null, url: node.url, children: inline(node.children as AnyNode[], { emphasis: false, strong: false }) });
        break;
      case "emphasis":
      case "strong": {
        const kind = node.type;
        const children = inline(node.children as AnyNode[], { ...open, [kind]: true });
        if (open[kind]) children.forEach(push);
        else if (children.length > 0) push({ type: kind, children });
        break;
      }
      default:
        push(withoutPositions(node));
    }
  }
  return out;
}

function withoutPositions<T>(node: T): T {
  return JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === "position" ? undefined : value))) as T;
}

// ---------------------------------------------------------------------------------------------
// The properties (run few times in `npm test`, many in test/system/serialise-scale.test.ts)

export interface Property {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<Root>;
  readonly check: (t: Root) => void;
  /** Relative cost of one run: the fast tier runs this property RUNS / cost times. */
  readonly cost: number;
}

export const properties: readonly Property[] = [
  {
    name: "hostile trees read back as themselves through remark-parse + remark-gfm",
    arbitrary: tree({ autolinks: false, emphasisNesting: true }),
    check(t) {
      fc.pre(!hasValueAutolink(t));
      const out = serialiseRepresentable(t);
      expect(normalise(parseGfm(out)), out).toEqual(normalise(t));
    },
    cost: 1,
  },
  {
    name: "trees with autolink-like text read back as themselves through micromark's source-level autolinks",
    arbitrary: tree({ autolinks: true, emphasisNesting: true }),
    check(t) {
      const out = serialiseRepresentable(t);
      expect(normalise(parseGfmSource(out)), out).toEqual(normalise(t));
    },
    cost: 1,
  },
  {
    name: "deep emphasis around tiny texts reads back as itself: the flanking rules at every edge",
    arbitrary: denseTree(),
    check(t) {
      const out = serialiseRepresentable(t);
      expect(normalise(parseGfm(out)), out).toEqual(normalise(t));
    },
    cost: 1,
  },
  {
    name: "the output ends with exactly one line feed and holds no carriage return",
    arbitrary: tree({ autolinks: true, emphasisNesting: true }),
    check(t) {
      const out = serialiseRepresentable(t);
      expect(out.endsWith("\n") && !out.endsWith("\n\n") && !out.includes("\r"), out).toBe(true);
    },
    cost: 1,
  },
  {
    // Elsewhere remark is wrong: empty or adjacent inline code, blank cells, `<x>` urls, U+000B…
    name: "view-like trees mean what remark's serialiser writes, wherever that reads back as its input",
    arbitrary: viewLikeTree(),
    check(t) {
      fc.pre(!hasValueAutolink(t));
      const theirs = normalise(parseGfm(remarkMarkdown(t)));
      fc.pre(isDeepStrictEqual(theirs, normalise(t)));
      expect(normalise(parseGfm(serialiseRepresentable(t)))).toEqual(theirs);
    },
    cost: 6,
  },
];

// ---------------------------------------------------------------------------------------------
// The views kb generated

/**
 * The views in generated/<domain>/*.md as remark reads them: all of them, or `sample` spread evenly
 * over the sorted list (the fast tier's share; the system tier reads them all).
 */
export function generatedViews(sample = Infinity): [string, Root][] {
  const dir = fileURLToPath(new URL("../../generated/", import.meta.url));
  const files = fg.sync("*/*.md", { cwd: dir }).sort();
  const step = Math.max(1, Math.floor(files.length / sample));
  const picked = files.filter((_, i) => i % step === 0).slice(0, sample);
  expect(picked.length, `views in ${dir}`).toBeGreaterThan(0);
  return picked.map((file): [string, Root] => [file, parseGfm(readFileSync(`${dir}${file}`, "utf8"))]);
}

/** A view reads back as the tree remark reads from it, and as what remark's serialiser writes. */
export function checkViewReadsBack(file: string, view: Root): void {
  const ours = withoutPositions(parseGfm(serialise(view)));
  expect(ours, file).toEqual(withoutPositions(view));
  expect(ours, file).toEqual(withoutPositions(parseGfm(remarkMarkdown(view))));
}

/** Backslashes we write in a view, and remark, once code is blanked (so only escapes count). */
export function viewEscapes(view: Root): { ours: number; remark: number } {
  const blanked = JSON.parse(JSON.stringify(view), (_key, value: unknown) => {
    if (typeof value === "object" && value !== null && "type" in value && (value.type === "code" || value.type === "inlineCode")) return { ...value, value: "code" };
    return value;
  }) as Root;
  const count = (markdown: string) => markdown.match(/\\/g)?.length ?? 0;
  return { ours: count(serialise(blanked)), remark: count(remarkMarkdown(blanked)) };
}
