// Makes user text inert before it is serialised. GFM links anything that looks like a URL or an e-mail
// address even when its characters are escaped, in any letter case (FTP://, HTTPS://), bidi controls
// reorder what a reader sees (Trojan Source), and a line break in inline code can start a block: such
// spans become code, the controls visible escapes like \u202E, and the line breaks spaces.
import type { Nodes, PhrasingContent, Root } from "mdast";

/** Bidirectional controls: marks, embeddings, overrides and isolates. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * A superset of what GFM (cmark-gfm's autolink extension, and remark-gfm) turns into links: `www.`
 * and `http://`, `https://`, `ftp://` runs in any case, and e-mail addresses with or without
 * `mailto:`/`xmpp:`.
 */
const AUTOLINK_LIKE = /(?:(?:https?|ftp):\/\/|www\.)[^\t\n\r ]*|(?:(?:mailto|xmpp):)?[\w+\-.]+@[\w-]+(?:\.[\w-]+)+(?:\/[^\t\n\r ]*)?/giu;

export function showBidiControls(value: string): string {
  return value.replace(BIDI_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

/** A copy of the tree in which no text can become a link and no bidi control survives. */
export function makeTextInert(root: Root): Root {
  return inert(root, false) as Root;
}

function inert(node: Nodes, inLink: boolean): Nodes {
  if (node.type === "inlineCode") return { ...node, value: showBidiControls(node.value).replace(/\r\n?|\n/g, " ") };
  if (node.type === "text" || node.type === "code") return { ...node, value: showBidiControls(node.value) };
  if (!("children" in node)) return node;
  const insideLink = inLink || node.type === "link" || node.type === "linkReference";
  const children: Nodes[] = [];
  for (const child of node.children as Nodes[]) {
    const previous = children[children.length - 1];
    // Adjacent text nodes are one text once parsed, so they are checked as one.
    if (child.type === "text" && previous?.type === "text") children[children.length - 1] = { ...previous, value: previous.value + child.value };
    else children.push(child);
  }
  const out = children.flatMap((child) => (child.type === "text" && !insideLink ? splitAutolinks(child.value) : [child])).map((child) => inert(child, insideLink));
  return { ...node, children: out } as Nodes;
}

function splitAutolinks(value: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const m of value.matchAll(AUTOLINK_LIKE)) {
    if (m.index > last) out.push({ type: "text", value: value.slice(last, m.index) });
    out.push({ type: "inlineCode", value: m[0] });
    last = m.index + m[0].length;
  }
  if (last < value.length || out.length === 0) out.push({ type: "text", value: value.slice(last) });
  return out;
}
