// Small constructors for the mdast nodes views, pages and summaries are built from. User text only
// ever enters a tree through text, inlineCode and code nodes, so escaping is the serialiser's job and
// correct by construction.
import { splitCodeSpans } from "../model/code-spans.ts";
import type { AlignType, Code, Emphasis, Heading, InlineCode, Link, List, ListItem, Paragraph, PhrasingContent, RootContent, Strong, Table, TableCell, TableRow, Text } from "mdast";

export const text = (value: string): Text => ({ type: "text", value });
export const code = (value: string): InlineCode => ({ type: "inlineCode", value });
export const strong = (...children: PhrasingContent[]): Strong => ({ type: "strong", children });
export const emphasis = (...children: PhrasingContent[]): Emphasis => ({ type: "emphasis", children });
export const link = (url: string, ...children: PhrasingContent[]): Link => ({ type: "link", url, children });
export const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: "paragraph", children });
export const heading = (depth: 1 | 2 | 3 | 4, ...children: PhrasingContent[]): Heading => ({ type: "heading", depth, children });
export const codeBlock = (lang: string | null, value: string): Code => ({ type: "code", lang, value });

/** A tight bullet list whose items are one paragraph each. */
export function list(items: PhrasingContent[][], ordered = false): List {
  return { type: "list", ordered, spread: false, children: items.map((children): ListItem => ({ type: "listItem", spread: false, children: [paragraph(...children)] })) };
}

export function table(header: string[], rows: PhrasingContent[][][], align?: AlignType[]): Table {
  const cell = (children: PhrasingContent[]): TableCell => ({ type: "tableCell", children });
  const row = (cells: PhrasingContent[][]): TableRow => ({ type: "tableRow", children: cells.map(cell) });
  return { type: "table", align: align ?? header.map(() => null), children: [row(header.map((h) => [text(h)])), ...rows.map(row)] };
}

/** Items joined by a separator, as phrasing: `a`, `b`, `c`. */
export function joinPhrasing(items: PhrasingContent[][], separator: string): PhrasingContent[] {
  return items.flatMap((item, i) => (i === 0 ? item : [text(separator), ...item]));
}

/**
 * Prose with `code spans`, as contributors write them (CommonMark's backtick runs, so ``a `b` c``
 * holds backticks): the spans become inlineCode nodes and the rest text nodes, so code reads as code
 * while every character is still escaped.
 */
export function prose(value: string): PhrasingContent[] {
  return splitCodeSpans(value).map((part) => (part.kind === "code" ? code(part.value) : text(part.value)));
}

export type { RootContent };
