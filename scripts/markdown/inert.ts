// Makes user text inert before it is serialised, and writable: serialise() refuses what no escape can
// keep as text, and this pass removes exactly that from user text. GFM links anything that looks like
// a URL or an e-mail address even when its characters are escaped, in any letter case (FTP://,
// HTTPS://), so such runs become code; bidi controls reorder what a reader sees (Trojan Source) and
// other controls have no place in a page, so they become visible escapes like \u202E; U+0000 and lone
// surrogates (not UTF-8) become U+FFFD; line breaks become spaces where a line break cannot be written
// (inline code, headings, table cells) and carriage returns line feeds elsewhere. GitHub reads `$…$`
// as math in the rendered text, where no Markdown escape reaches, so each `$` of rendered text (links'
// too) is written as <span>$</span>; in a conversation (an issue, a comment) it also links @mentions
// and #1, owner/repo#1, GH-1 references, so there `@` and `#` (and GH's `-`) get the same span, and
// commit hashes (7 to 40 hex digits, which a span cannot break up) become code.
import type { Html, Nodes, PhrasingContent, Root, Text } from "mdast";
import { CONTROL_OR_HIDDEN } from "../model/hidden-characters.ts";
import { EMAIL_LIKE, SPAN_CLOSE, SPAN_OPEN } from "./serialise.ts";

export interface InertOptions {
  /** The Markdown is pasted where GitHub notifies mentioned people and cross-links references. */
  readonly conversation?: boolean;
}

/**
 * C0 and C1 controls but tab and line feed, DEL, the bidi controls (marks, embeddings, overrides,
 * isolates) and the characters that show as nothing (zero-width space, tag characters, U+2028…): the
 * list terminal output escapes too (model/hidden-characters.ts), so a view shows what lint would
 * have flagged even where kb/control-characters is turned off. (NUL and CR are replaced before.)
 */
const SHOWN_ESCAPED = new RegExp(`[${CONTROL_OR_HIDDEN}]`, "gu");
/** Bidirectional controls alone: what terminal-text and other callers show escaped too. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** `www.` and `http://`, `https://`, `ftp://` runs in any case: a superset of what GFM autolinks. */
const URL_LIKE = /(?:(?:https?|ftp):\/\/|www\.)[^\t\n\r ]*/giu;

/** A surrogate that is not half of a pair: not UTF-8, so no file can hold it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** What GitHub reads as math anywhere: every `$`. */
const MATH = /\$/gu;
/** What it also reads in a conversation: `@name`, `@org/team`, `#1`, `owner/repo#1`, `GH-1` (any case). */
const CONVERSATION = /\$|@(?=[\w-])|#(?=\d)|(?<=gh)-(?=\d)/giu;

/** A word GitHub may read as a commit in a conversation (7 to 40 hex digits): written as code, where it links nothing. */
const SHA_LIKE = /(?<![\w/-])[0-9a-f]{7,40}(?![\w-])/giu;

/** An odd run of backslashes before `|`, which micromark and GitHub read differently in code in a table cell. */
const BACKSLASH_PIPE = /(?<!\\)((?:\\\\)*\\)\|/gu;

type Place = "block" | "heading" | "cell";

const visible = (c: string) => {
  const code = c.codePointAt(0)!.toString(16).toUpperCase();
  return c.length > 1 ? `\\u{${code}}` : `\\u${code.padStart(4, "0")}`;
};

export function showBidiControls(value: string): string {
  return value.replace(BIDI_CONTROLS, visible);
}

/** Anything writable() changes: what SHOWN_ESCAPED shows, CR and NUL, and lone surrogates. */
const NEEDS_WORK = new RegExp(`[${CONTROL_OR_HIDDEN}\\uD800-\\uDFFF]`, "u");
/** What GFM could autolink: every URL-like or e-mail-like run holds one of these. */
const LINK_HINT = /@|www\.|:\/\//i;

const oneLine = (value: string) => (value.includes("\n") ? value.replace(/\n/gu, " ") : value);

/** The value as a page can hold it: well-formed, no NUL, controls visible, CR and CRLF as LF. */
function writable(value: string): string {
  if (!NEEDS_WORK.test(value)) return value; // the common case: one scan, no copy
  return value.replace(LONE_SURROGATE, "\uFFFD").replace(/\0/gu, "\uFFFD").replace(/\r\n?/gu, "\n").replace(SHOWN_ESCAPED, visible);
}

/**
 * A copy of the tree in which no text can become a link, math, or (in a conversation) a mention or
 * reference, no control survives, and serialise() accepts every value.
 */
export function makeTextInert(root: Root, options: InertOptions = {}): Root {
  return inert(root, false, "block", options.conversation ? CONVERSATION : MATH) as Root;
}

// Copy on write: a node whose values need no change is returned as it is (most are), so a view's
// few hundred nodes cost a scan each rather than a copy each.
function inert(node: Nodes, inLink: boolean, place: Place, spanned: RegExp): Nodes {
  if (node.type === "inlineCode") return withValue(node, codeInPlace(oneLine(writable(node.value)), place));
  if (node.type === "code") return withValue(node, writable(node.value));
  if (node.type === "text") return withValue(node, place === "block" ? writable(node.value) : oneLine(writable(node.value)));
  if (!("children" in node)) return node;
  const insideLink = inLink || node.type === "link" || node.type === "linkReference";
  const childPlace: Place = node.type === "heading" ? "heading" : node.type === "tableCell" ? "cell" : place;
  const out: Nodes[] = [];
  let changed = false;
  for (const child of node.children as Nodes[]) {
    const previous = out[out.length - 1];
    // Adjacent text nodes are one text once parsed, so they are checked as one.
    if (child.type === "text" && previous?.type === "text") {
      out[out.length - 1] = { type: "text", value: previous.value + child.value };
      changed = true;
    } else out.push(child);
  }
  const children: Nodes[] = [];
  for (const child of out) {
    const done = inert(child, insideLink, childPlace, spanned);
    if (done !== child) changed = true;
    const split = done.type === "text" ? splitText(done, insideLink, childPlace, spanned) : undefined;
    if (split) {
      for (const part of split) children.push(part); // a spread of an entry-sized list can overflow the stack
      changed = true;
    } else children.push(done);
  }
  return changed ? ({ ...node, children } as Nodes) : node;
}

function withValue<T extends { value: string }>(node: T, value: string): T {
  return value === node.value ? node : { ...node, value };
}

/** A text as the nodes that write it inertly (link-like runs as code, then spans), or undefined if it is inert as it is. */
function splitText(node: Text, inLink: boolean, place: Place, spanned: RegExp): PhrasingContent[] | undefined {
  const linkLike = inLink ? undefined : splitLinkLike(node.value, place, spanned === CONVERSATION);
  const parts = linkLike ?? [node];
  let changed = linkLike !== undefined;
  const out: PhrasingContent[] = [];
  for (const part of parts) {
    const spans = part.type === "text" ? splitSpanned(part.value, spanned) : undefined;
    if (spans) changed = true;
    for (const piece of spans ?? [part]) out.push(piece);
  }
  return changed ? out : undefined;
}

/** Text with each character GitHub would read in the rendered text (`spanned`) as `<span>`, it, `</span>`; undefined when there is none. */
function splitSpanned(value: string, spanned: RegExp): PhrasingContent[] | undefined {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const m of value.matchAll(spanned)) {
    if (m.index > last) out.push({ type: "text", value: value.slice(last, m.index) });
    out.push(tag(SPAN_OPEN), { type: "text", value: m[0] }, tag(SPAN_CLOSE));
    last = m.index + m[0].length;
  }
  if (out.length === 0) return undefined;
  if (last < value.length) out.push({ type: "text", value: value.slice(last) });
  return out;
}

const tag = (value: string): Html => ({ type: "html", value });

/**
 * Text with every URL-like run, every white-space-delimited word holding an e-mail-like address, and
 * in a conversation every commit-like hex word, as code; undefined when there is none (the text stays as it is).
 */
function splitLinkLike(value: string, place: Place, conversation: boolean): PhrasingContent[] | undefined {
  const hexWords = conversation ? [...value.matchAll(SHA_LIKE)] : [];
  if (hexWords.length === 0 && !LINK_HINT.test(value)) return undefined;
  const spans: [number, number][] = hexWords.map((m) => [m.index, m.index + m[0].length]);
  for (const m of value.matchAll(URL_LIKE)) spans.push([m.index, m.index + m[0].length]);
  // Word by word (linear), and only words with an @ are tried as addresses.
  if (value.includes("@")) for (const m of value.matchAll(/\S+/gu)) if (m[0].includes("@") && EMAIL_LIKE.test(m[0])) spans.push([m.index, m.index + m[0].length]);
  if (spans.length === 0) return undefined;
  spans.sort((a, b) => a[0] - b[0]);
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const [start, end] of spans) {
    if (end <= last) continue;
    const from = Math.max(start, last);
    if (from > last) out.push({ type: "text", value: value.slice(last, from) });
    out.push({ type: "inlineCode", value: codeInPlace(value.slice(from, end), place) });
    last = end;
  }
  if (last < value.length) out.push({ type: "text", value: value.slice(last) });
  return out;
}

/** Code as a table cell can hold it: a space between an odd run of backslashes and `|` (the one change to user text, in a case no parser pair agrees on). */
function codeInPlace(value: string, place: Place): string {
  return place === "cell" && value.includes("\\|") ? value.replace(BACKSLASH_PIPE, "$1 |") : value;
}
