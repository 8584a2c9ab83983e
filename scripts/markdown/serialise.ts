// Writes kb's mdast trees as GitHub Markdown without remark, whose serialiser was ~60% of a cold build:
// only the node subset views use, escaping only where a character could start syntax (test/markdown/ proves it).
// The one raw HTML besides kb's header comment is a bare <span> around one line of text: the only way
// to keep GitHub from reading a `$` as math (or an `@`, `#` as a mention or reference), which it finds
// in the rendered text, where no Markdown escape reaches.
import type { Blockquote, Code, Emphasis, Heading, Html, Link, List, ListItem, Nodes, PhrasingContent, Root, RootContent, Strong, Table, TableRow } from "mdast";

/**
 * How a character beside a delimiter run counts for CommonMark's flanking rules, as a set of
 * possibilities: micromark (remark) and cmark-gfm (GitHub) classify some characters differently
 * (non-ASCII punctuation and symbols such as `€`, U+2028), and an escape must hold under both.
 */
const WS = 1;
const PUNCT = 2;
const LETTER = 4;

type Block = "paragraph" | "heading" | "cell";

/** Where a run of phrasing sits: what surrounds it decides what must be escaped at its edges. */
interface Run {
  readonly block: Block;
  readonly inLink: boolean;
  /** The enclosing emphasis/strong marker character ("" if none): a child must not touch it. */
  readonly marker: string;
  /** Every enclosing marker character since the nearest link (whose text is parsed on its own). */
  readonly open: string;
  /** Classes of the source characters just before and after the run. */
  readonly before: number;
  readonly after: number;
  /** The run begins a line (its leading white space would be stripped, block syntax could start). */
  readonly startsLine: boolean;
  /** The run begins a paragraph (where `[x]:` defines a link and `[ ]` makes a task item). */
  readonly startsParagraph: boolean;
  /** The run ends its line (its trailing white space would be stripped). */
  readonly endsLine: boolean;
  /** Inside emphasis/strong: white space at the edges would stop the delimiters from flanking. */
  readonly delimited: boolean;
}

/** A serialised phrasing node; text is written last, once its neighbours are known. */
interface Piece {
  readonly node: PhrasingContent;
  source: string;
  /** The emphasis/strong marker character, "" for other nodes. */
  marker: string;
  encodeFirst: boolean;
  encodeLast: boolean;
}

/** A child block once written, with what the next sibling needs to know about it. */
interface Written {
  readonly type: string;
  readonly source: string;
  /** Lists only: the bullet or delimiter used, so a following list can use the other one. */
  readonly marker: string;
  /** Lists only: whether the list may start right after a paragraph line (CommonMark 5.3). */
  readonly canInterrupt: boolean;
}

const NOTHING: Written = { type: "", source: "", marker: "", canInterrupt: true };

/** The two inline HTML values serialise() writes, always as `<span>`, one text, `</span>` (makeTextInert makes them). */
export const SPAN_OPEN = "<span>";
export const SPAN_CLOSE = "</span>";

export function serialise(root: Root): string {
  if (root.type !== "root") throw unsupported(root);
  const out = flow(root.children);
  return `${out}\n`;
}

function unsupported(node: Nodes | { type: string }, where = ""): Error {
  return new Error(`serialise: ${node.type} node${where} is not supported`);
}

// ---------------------------------------------------------------------------------------------
// Blocks

/** Root or blockquote content: blocks separated by one blank line. */
function flow(children: readonly RootContent[]): string {
  const out: string[] = [];
  let previous = NOTHING;
  for (const child of children) {
    const written = flowBlock(child, previous);
    if (written) {
      out.push(written.source);
      previous = written;
    }
  }
  return out.join("\n\n");
}

function flowBlock(node: RootContent, previous: Written): Written | undefined {
  switch (node.type) {
    case "html":
      return block(node.type, html(node));
    case "heading":
      return block(node.type, heading(node));
    case "paragraph":
      return paragraph(node.children);
    case "list":
      return list(node, siblingMarker(node, previous, ""));
    case "table":
      return block(node.type, table(node));
    case "code":
      return block(node.type, code(node));
    case "thematicBreak":
      return block(node.type, "---");
    case "blockquote":
      return block(node.type, blockquote(node));
    default:
      throw unsupported(node);
  }
}

const block = (type: string, source: string): Written => ({ type, source, marker: "", canInterrupt: true });

function html(node: Html): string {
  // Only our own comments: a CommonMark HTML block of kind 2 that ends where the comment does.
  const value = node.value;
  const inner = value.slice(4, -3);
  if (value.length < 7 || !value.startsWith("<!--") || !value.endsWith("-->") || inner.includes("-->") || value.includes("\r")) {
    throw new Error("serialise: html node is not a single <!-- comment -->");
  }
  return value;
}

function heading(node: Heading): string {
  if (!Number.isInteger(node.depth) || node.depth < 1 || node.depth > 6) throw new Error(`serialise: heading depth ${node.depth}`);
  const content = phrasing(tidy(node.children, NONE, false), lineRun("heading"));
  return "#".repeat(node.depth) + (content === "" ? "" : ` ${content}`);
}

/** A paragraph, or nothing when no content is left (Markdown has no empty paragraph). */
function paragraph(children: readonly PhrasingContent[]): Written | undefined {
  const content = phrasing(tidy(children, NONE, false), lineRun("paragraph"));
  return content === "" ? undefined : block("paragraph", content);
}

/** A run that fills a whole line: a paragraph, a heading or a table cell. */
function lineRun(kind: Block): Run {
  return { block: kind, inLink: false, marker: "", open: "", before: WS, after: WS, startsLine: true, startsParagraph: kind === "paragraph", endsLine: true, delimited: false };
}

function blockquote(node: Blockquote): string {
  const content = flow(node.children);
  if (content === "") return ">";
  return content
    .split("\n")
    .map((line) => (line === "" ? ">" : `> ${line}`))
    .join("\n");
}

function code(node: Code): string {
  checkString(node.value, "code");
  if (node.value.includes("\r")) throw new Error("serialise: a carriage return in a code block cannot be written (Markdown reads it as a line ending)");
  if (node.meta) throw new Error("serialise: code meta is not supported");
  const lang = node.lang ?? "";
  checkString(lang, "code lang");
  if (/[ \t\r\n]/.test(lang)) throw new Error("serialise: white space in a code lang would make it lang + meta");
  // An info string after backticks may not contain a backtick: such a lang takes a tilde fence.
  const char = lang.includes("`") ? "~" : "`";
  const fence = char.repeat(Math.max(3, longestRun(node.value, char) + 1));
  let info = lang.replace(/\\/g, "\\\\").replace(ENTITY_LIKE, "\\&");
  if (info.startsWith(char)) info = `\\${info}`;
  return `${fence}${info}\n${node.value === "" ? "" : `${node.value}\n`}${fence}`;
}

function table(node: Table): string {
  const [header, ...body] = node.children;
  if (!header) throw new Error("serialise: a table needs a header row");
  const columns = header.children.length;
  const align = node.align ?? [];
  if (columns === 0) throw new Error("serialise: a table header needs a cell");
  if (align.length > columns) throw new Error(`serialise: table align has ${align.length} entries for ${columns} columns`);
  const delimiter = Array.from({ length: columns }, (_, i) => ALIGN[align[i] ?? "none"]);
  return [tableRow(header, columns), `| ${delimiter.join(" | ")} |`, ...body.map((row) => tableRow(row, columns))].join("\n");
}

const ALIGN: Record<string, string> = { none: "-", left: ":-", center: ":-:", right: "-:" };

function tableRow(row: TableRow, columns: number): string {
  if (row.type !== "tableRow") throw unsupported(row, " in table");
  // GitHub drops cells beyond the header's count, so such a row cannot be written faithfully.
  if (row.children.length === 0 || row.children.length > columns) throw new Error(`serialise: a table row has ${row.children.length} cells, the header ${columns}`);
  const cells = row.children.map((cell) => {
    if (cell.type !== "tableCell") throw unsupported(cell, " in table row");
    return phrasing(tidy(cell.children, NONE, false), lineRun("cell"));
  });
  return `| ${cells.join(" | ")} |`;
}

/** The list marker to use after `previous`: two adjacent lists with one marker would merge into one. */
function siblingMarker(node: List, previous: Written, avoid: string): string {
  const [usual, other] = node.ordered ? [".", ")"] : ["-", "*"];
  const taken = previous.type === "list" && previous.marker === usual ? usual : avoid;
  return taken === usual ? other : usual;
}

/** A list, or nothing when it has no items (Markdown has no empty list). */
function list(node: List, marker: string): Written | undefined {
  const items = node.children;
  if (items.length === 0) return undefined;
  const start = node.ordered ? (node.start ?? 1) : 0;
  if (node.ordered && (!Number.isInteger(start) || start < 0 || start + items.length - 1 > 999_999_999)) {
    throw new Error(`serialise: ordered list numbers from ${start} cannot be written (0 to 999999999)`);
  }
  const written = items.map((item, i) => listItem(item, node.ordered ? `${start + i}${marker}` : marker));
  const source = written.join(node.spread && items.length > 1 ? "\n\n" : "\n");
  // An empty first item, or an ordered list not starting at 1, would be read as paragraph text.
  const firstEmpty = written[0] === (node.ordered ? `${start}${marker}` : marker);
  return { type: "list", source, marker, canInterrupt: !firstEmpty && (!node.ordered || start === 1) };
}

function listItem(node: ListItem, marker: string): string {
  if (node.type !== "listItem") throw unsupported(node, " in list");
  if (typeof node.checked === "boolean") throw new Error("serialise: task list items are not supported");
  const children: Written[] = [];
  for (const child of node.children) {
    const previous = children[children.length - 1] ?? NOTHING;
    const written = itemBlock(child, previous, children.length === 0 ? marker : "");
    if (written) children.push(written);
  }
  let content = "";
  children.forEach((child, i) => {
    const previous = children[i - 1];
    if (previous) content += node.spread || needsBlankLine(previous, child) ? "\n\n" : "\n";
    content += child.source;
  });
  if (content === "") return marker;
  // Continuation lines are indented to the content's column; blank lines stay empty.
  return `${marker} ${content.replace(/\n(?=[^\n])/g, `\n${" ".repeat(marker.length + 1)}`)}`;
}

/** A block inside a list item; `itemMarker` is set for the first one, which shares the marker's line. */
function itemBlock(node: ListItem["children"][number], previous: Written, itemMarker: string): Written | undefined {
  switch (node.type) {
    case "paragraph":
      return paragraph(node.children);
    case "code":
      return block(node.type, code(node));
    case "list":
      // `- - -` would be a thematic break: a list opening an item uses the other bullet.
      return list(node, siblingMarker(node, previous, itemMarker === "-" || itemMarker === "*" ? itemMarker : ""));
    default:
      throw unsupported(node, " in listItem");
  }
}

/** Whether two blocks of a tight item still need a blank line, lest the second merge into the first. */
function needsBlankLine(previous: Written, next: Written): boolean {
  if (next.type === "paragraph") return previous.type === "paragraph" || previous.type === "list";
  return next.type === "list" && previous.type === "paragraph" && !next.canInterrupt;
}

// ---------------------------------------------------------------------------------------------
// Phrasing: normalising

interface Active {
  readonly emphasis: boolean;
  readonly strong: boolean;
}

const NONE: Active = { emphasis: false, strong: false };

/**
 * The phrasing as it can be written: adjacent text (and adjacent inline code) merged, nodes that
 * render nothing dropped (empty text, code, emphasis, strong), emphasis inside emphasis (and strong
 * inside strong) unwrapped, and adjacent emphasis (strong) siblings joined. Each reads the same (the
 * HTML nests differently), and with at most one emphasis and one strong open at a time no delimiter
 * run can be mistaken for another's.
 */
function tidy(nodes: readonly PhrasingContent[], active: Active, inLink: boolean): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) addTidy(out, node, active, inLink);
  return out;
}

function addTidy(out: PhrasingContent[], node: PhrasingContent, active: Active, inLink: boolean): void {
  switch (node.type) {
    case "text":
      if (node.value !== "") addText(out, node.value);
      return;
    case "inlineCode":
      if (node.value !== "") addCode(out, node.value);
      return;
    case "break":
      out.push({ type: "break" });
      return;
    case "html":
      if (node.value !== SPAN_OPEN && node.value !== SPAN_CLOSE) throw new Error(`serialise: inline html ${JSON.stringify(node.value.slice(0, 60))} is not supported, only ${SPAN_OPEN} and ${SPAN_CLOSE}`);
      out.push({ type: "html", value: node.value });
      return;
    case "link":
      if (inLink) throw new Error("serialise: a link inside a link cannot be written");
      out.push({ type: "link", url: node.url, title: node.title ?? null, children: tidy(node.children, NONE, true) });
      return;
    case "emphasis":
    case "strong":
      addDelimited(out, node, active, inLink);
      return;
    default:
      throw unsupported(node);
  }
}

function addText(out: PhrasingContent[], value: string): void {
  const previous = out[out.length - 1];
  if (previous?.type === "text") out[out.length - 1] = { type: "text", value: previous.value + value };
  else out.push({ type: "text", value });
}

/** Two code spans with nothing between them cannot be written: their fences would make one run. */
function addCode(out: PhrasingContent[], value: string): void {
  const previous = out[out.length - 1];
  if (previous?.type === "inlineCode") out[out.length - 1] = { type: "inlineCode", value: previous.value + value };
  else out.push({ type: "inlineCode", value });
}

function addDelimited(out: PhrasingContent[], node: Emphasis | Strong, active: Active, inLink: boolean): void {
  const kind = node.type;
  if (active[kind]) {
    for (const child of node.children) addTidy(out, child, active, inLink);
    return;
  }
  const inside: Active = { ...active, [kind]: true };
  const children = tidy(node.children, inside, inLink);
  if (children.length === 0) return;
  const previous = out[out.length - 1];
  if (previous?.type === kind) out[out.length - 1] = { type: kind, children: tidy([...previous.children, ...children], inside, inLink) };
  else out.push({ type: kind, children });
}

// ---------------------------------------------------------------------------------------------
// Phrasing: writing

function phrasing(nodes: readonly PhrasingContent[], run: Run): string {
  const pieces = nodes.map((node): Piece => ({ node, source: "", marker: "", encodeFirst: false, encodeLast: false }));
  const last = pieces.length - 1;
  pieces.forEach((piece, k) => writeNonText(piece, k, pieces, run));
  pieces.forEach((piece, k) => constrainNeighbours(piece, k, pieces));
  if (run.delimited) encodeEdgeSpace(pieces);
  const lastPiece = pieces[last];
  if (lastPiece?.node.type === "break" && (run.endsLine || run.delimited)) {
    throw new Error(`serialise: a line break at the end of ${run.delimited ? "emphasis or strong" : "a paragraph"} cannot be written`);
  }
  let out = "";
  pieces.forEach((piece, k) => {
    if (piece.node.type === "text") piece.source = escapeText(piece.node.value, textPlace(piece, k, pieces, run));
    out += piece.source;
  });
  return out;
}

function writeNonText(piece: Piece, k: number, pieces: Piece[], run: Run): void {
  const node = piece.node;
  switch (node.type) {
    case "text":
      return;
    case "inlineCode":
      piece.source = codeSpan(node.value, run.block === "cell");
      return;
    case "break":
      if (run.block !== "paragraph") throw new Error(`serialise: a line break in a ${run.block === "cell" ? "table cell" : "heading"} cannot be written`);
      piece.source = "\\\n";
      return;
    case "link":
      piece.source = link(node, run);
      return;
    case "html":
      checkSpan(k, pieces);
      piece.source = node.value;
      return;
    case "emphasis":
    case "strong":
      piece.marker = chooseMarker(k, pieces, run);
      piece.source = delimited(node, piece.marker, run);
      return;
    default:
      throw unsupported(node);
  }
}

/**
 * A span tag must be one half of `<span>`, a text of one line, `</span>`: then no line is a lone tag
 * (which would start an HTML block at a paragraph's start), and each tag reads back as itself.
 */
function checkSpan(k: number, pieces: readonly Piece[]): void {
  const open = (pieces[k]!.node as Html).value === SPAN_OPEN ? k : k - 2;
  const [first, inner, last] = [pieces[open]?.node, pieces[open + 1]?.node, pieces[open + 2]?.node];
  const whole = first?.type === "html" && first.value === SPAN_OPEN && inner?.type === "text" && !/[\r\n]/.test(inner.value) && last?.type === "html" && last.value === SPAN_CLOSE;
  if (!whole) throw new Error(`serialise: inline html must be ${SPAN_OPEN}, one line of text, ${SPAN_CLOSE}`);
}

/** `*`, or `_` where `*` would touch the previous sibling's or the parent's marker and merge with it. */
function chooseMarker(k: number, pieces: readonly Piece[], run: Run): string {
  const previous = pieces[k - 1]?.marker ?? "";
  const parent = k === 0 || k === pieces.length - 1 ? run.marker : "";
  return previous === "*" || parent === "*" ? "_" : "*";
}

function delimited(node: Emphasis | Strong, marker: string, run: Run): string {
  const inner = phrasing(node.children, { ...run, marker, open: run.open + marker, before: PUNCT, after: PUNCT, startsLine: false, startsParagraph: false, endsLine: false, delimited: true });
  const fence = node.type === "strong" ? marker + marker : marker;
  return fence + inner + fence;
}

/**
 * Makes each emphasis/strong delimiter flank: an opener must not be followed by white space, nor be
 * followed by punctuation with a letter before it (and `_` must not sit between letters); closers
 * mirror that. The inner edges were encoded when the inner run was written; a letter outside that
 * breaks the rule is written as a character reference, which reads as punctuation (`&`, `;`).
 */
function constrainNeighbours(piece: Piece, k: number, pieces: Piece[]): void {
  if (piece.marker === "") return;
  const fence = piece.node.type === "strong" ? 2 : 1;
  const inner = piece.source.slice(fence, piece.source.length - fence);
  const underscore = piece.marker === "_";
  const previous = pieces[k - 1];
  if (previous?.node.type === "text" && (underscore || canBe(classAt(inner, 0), PUNCT)) && canBe(classAt(previous.node.value, lastIndex(previous.node.value)), LETTER)) {
    previous.encodeLast = true;
  }
  const next = pieces[k + 1];
  if (next?.node.type === "text" && (underscore || canBe(classAt(inner, lastIndex(inner)), PUNCT)) && canBe(classAt(next.node.value, 0), LETTER)) {
    next.encodeFirst = true;
  }
}

/** Inside emphasis/strong, white space next to a delimiter is written as a character reference. */
function encodeEdgeSpace(pieces: Piece[]): void {
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (first?.node.type === "text" && canBe(classAt(first.node.value, 0), WS)) first.encodeFirst = true;
  if (last?.node.type === "text" && canBe(classAt(last.node.value, lastIndex(last.node.value)), WS)) last.encodeLast = true;
}

function textPlace(piece: Piece, k: number, pieces: readonly Piece[], run: Run): TextPlace {
  const previous = pieces[k - 1];
  const next = pieces[k + 1];
  const lineStart = previous ? previous.node.type === "break" : run.startsLine;
  return {
    run,
    first: !previous,
    lineStart,
    blockRules: lineStart && run.block === "paragraph",
    paragraphStart: !previous && run.startsParagraph,
    lineEnd: !next && run.endsLine,
    before: previous ? classAt(previous.source, lastIndex(previous.source)) : run.before,
    after: next ? classAt(next.source, 0) : run.after,
    encodeFirst: piece.encodeFirst,
    encodeLast: piece.encodeLast,
    beforeLink: next?.node.type === "link",
  };
}

function link(node: Link, run: Run): string {
  const label = phrasing(node.children, { ...run, inLink: true, marker: "", open: "", before: PUNCT, after: PUNCT, startsLine: false, startsParagraph: false, endsLine: false, delimited: false });
  const inCell = run.block === "cell";
  return `[${label}](${destination(node.url, inCell)}${title(node.title, inCell)})`;
}

function destination(url: string, inCell: boolean): string {
  checkString(url, "link url");
  if (/[\r\n]/.test(url)) throw new Error("serialise: a line break in a link url cannot be written");
  // Spaces and controls need the <…> form; a bare destination may keep balanced parentheses.
  if (url === "" || /[\x00-\x20\x7f]/.test(url) || url.startsWith("<")) return `<${escapeAttribute(url, /[<>]/, inCell)}>`;
  return escapeAttribute(url, balancedParentheses(url) ? null : /[()]/, inCell);
}

function title(value: string | null | undefined, inCell: boolean): string {
  if (!value) return ""; // `""` parses as no title
  checkString(value, "link title");
  let out = escapeAttribute(value, /"/, inCell);
  // cmark-gfm's title scanner takes the longest match: `\\"` could be `\` then an escaped quote,
  // running the title on to a later `"`. A final backslash is written as a reference instead.
  if (value.endsWith("\\")) out = `${out.slice(0, -2)}&#x5C;`;
  return ` "${out}"`;
}

/**
 * Escapes for a link destination or title: `\` where it would escape, entities, `special`, cell
 * pipes; line endings (titles only) become character references, lest a line start a block.
 */
function escapeAttribute(value: string, special: RegExp | null, inCell: boolean): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    const next = value.charCodeAt(i + 1);
    if (c === "\n" || c === "\r") {
      out += encodeChar(value.charCodeAt(i));
      continue;
    }
    const escape =
      (c === "\\" && (i + 1 === value.length || isAsciiPunctuation(next) || next === LF || next === 13)) ||
      (c === "&" && isEntityAt(value, i)) ||
      (special !== null && special.test(c)) ||
      (inCell && c === "|");
    out += escape ? `\\${c}` : c;
  }
  return out;
}

function balancedParentheses(url: string): boolean {
  let depth = 0;
  for (const c of url) {
    if (c === "(") depth++;
    else if (c === ")") depth--;
    if (depth < 0 || depth > 30) return false;
  }
  return depth === 0;
}

function codeSpan(value: string, inCell: boolean): string {
  checkString(value, "inlineCode");
  if (/[\r\n]/.test(value)) throw new Error("serialise: a line break in inline code cannot be written (the next line could start a block)");
  const fence = "`".repeat(longestRun(value, "`") + 1);
  // CommonMark strips one space from each side when both are spaces, and a backtick at an edge
  // would join the fence: one space of padding on each side keeps the value as it is.
  const pad = value.startsWith("`") || value.endsWith("`") || (value.startsWith(" ") && value.endsWith(" ") && /[^ ]/.test(value)) ? " " : "";
  return fence + pad + (inCell ? escapeCellPipes(value) : value) + pad + fence;
}

/**
 * In a table cell a pipe splits cells even inside code, unless escaped; the parser then drops that
 * backslash. A pipe after an odd number of backslashes cannot be written: micromark reads `\\|` as
 * an escaped backslash and an escaped pipe, GitHub as a backslash and a pipe.
 */
function escapeCellPipes(value: string): string {
  return value.replace(/(\\*)\|/g, (_match, slashes: string) => {
    if (slashes.length % 2 === 1) throw new Error("serialise: a backslash before a pipe in inline code in a table cell cannot be written");
    return `${slashes}\\|`;
  });
}

// ---------------------------------------------------------------------------------------------
// Text

interface TextPlace {
  readonly run: Run;
  /** The text is the run's first node. */
  readonly first: boolean;
  readonly lineStart: boolean;
  /** Block syntax could start at the line start (paragraphs only). */
  readonly blockRules: boolean;
  readonly paragraphStart: boolean;
  readonly lineEnd: boolean;
  readonly before: number;
  readonly after: number;
  readonly encodeFirst: boolean;
  readonly encodeLast: boolean;
  readonly beforeLink: boolean;
}

const LF = 10;
const ENTITY_LIKE = /&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)/g;
const ENTITY_AT = /&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/y;
/**
 * A superset of the e-mail addresses cmark-gfm and remark-gfm link (ASCII, a dot and a letter after
 * `@`), which they link whatever is escaped; makeTextInert turns such text into code first.
 */
export const EMAIL_LIKE = /[\w.+-]@[\w.-]*\.[\w-]*[A-Za-z]/;

function escapeText(value: string, place: TextPlace): string {
  checkText(value, place.run);
  if (isQuiet(value, place)) return value;
  const encoded = markEncoded(value, place);
  const n = value.length;
  const hashes = closingHashes(value, place, encoded);
  const brackets = place.run.inLink && loudBrackets(value);
  let out = "";
  let copied = 0; // value[copied, i) is written as it is, once something after it is not
  const replace = (from: number, to: number, replacement: string) => {
    out += value.slice(copied, from) + replacement;
    copied = to;
  };
  let lineStart = place.lineStart;
  let blockRules = place.blockRules;
  let escapeAt = -1;
  let i = 0;
  while (i < n) {
    const code = value.charCodeAt(i);
    const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    const rules = blockRules && lineStart;
    // cmark-gfm reads U+000B (which has no reference) as white space before a table delimiter row:
    // the line starts after it, and after spaces that follow it.
    lineStart = lineStart && !encoded[i] && (code === 11 || code === 32 || code === 9);
    if (encoded[i]) {
      replace(i, i + width, encodeChar(value.codePointAt(i) ?? code));
    } else if (code === LF) {
      lineStart = true;
      blockRules = place.run.block === "paragraph";
    } else if (code === 42 /* * */ || code === 95 /* _ */ || code === 126 /* ~ */) {
      const end = runEnd(value, i, code);
      if (rules || delimiterRunNeedsEscape(value, i, end, code, place, encoded)) replace(i, end, `\\${value.charAt(i)}`.repeat(end - i));
      i = end;
      continue;
    } else {
      if (rules && code >= 48 && code <= 57) escapeAt = orderedMarkerAt(value, i);
      if (i === escapeAt || (rules && startsBlock(value, i, code)) || needsEscape(value, i, code, place, encoded, brackets) || (hashes >= 0 && i >= hashes)) {
        replace(i, i + 1, `\\${value.charAt(i)}`);
      }
    }
    i += width;
  }
  return out + value.slice(copied);
}

/** Characters that may need an escape or a reference somewhere (`:` and `.` only in `://`, `www.`). */
const LOUD = /[\\`*_~[\]<&!|#\n\r\f\ufeff]|:\/\/|www\./i;

/** Whether the text can be written as it is (most prose): the common case, decided with one regex. */
function isQuiet(value: string, place: TextPlace): boolean {
  if (place.encodeFirst || place.encodeLast || LOUD.test(value)) return false;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (place.lineStart && (first === 32 || first === 9 || (place.blockRules && /^[-+=>:0-9\v]/.test(value)))) return false;
  return !(place.lineEnd && (last === 32 || last === 9));
}

function checkText(value: string, run: Run): void {
  checkString(value, "text");
  if (run.block !== "paragraph" && /[\r\n]/.test(value)) {
    throw new Error(`serialise: a line break in ${run.block === "cell" ? "a table cell" : "a heading"} cannot be written`);
  }
  if (!run.inLink && value.includes("@") && EMAIL_LIKE.test(value)) {
    // cmark-gfm and remark-gfm find e-mail addresses in the decoded text, so no escape keeps one text.
    throw new Error(`serialise: text ${JSON.stringify(value.slice(0, 60))} has an e-mail address, which GFM links however it is escaped; write it as inlineCode`);
  }
}

/** Rejects what no Markdown file can hold: U+0000 (read as U+FFFD) and lone surrogates (not UTF-8). */
function checkString(value: string, what: string): void {
  if (/[\0\ud800-\udfff]/.test(value) && /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)) {
    throw new Error(`serialise: ${what} holds U+0000 or a lone surrogate, which Markdown cannot represent`);
  }
}

/**
 * Characters written as character references: white space a parser would strip (at a line's start
 * or end), line endings that would leave a blank line or end the block, CR and FF (a line ending,
 * white space), U+FEFF (dropped as a BOM at the start of a file), and the edges the delimiters
 * asked for (which fails for the controls that have no reference).
 */
function markEncoded(value: string, place: TextPlace): Uint8Array {
  const n = value.length;
  const encoded = new Uint8Array(n);
  let lineStart = place.lineStart;
  for (let i = 0; i < n; ) {
    const code = value.charCodeAt(i);
    const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    const last = i + width === n;
    const space = code === 32 || code === 9;
    const delimiterEdge = (i === 0 && place.encodeFirst) || (last && place.encodeLast);
    const encode =
      code === 13 ||
      code === 12 ||
      code === 0xfeff ||
      (lineStart && (space || code === LF)) ||
      (space && (last ? place.lineEnd : value.charCodeAt(i + 1) === LF && !(i + 2 === n && (place.lineEnd || place.encodeLast)))) ||
      (last && code === LF && place.lineEnd) ||
      delimiterEdge;
    if (delimiterEdge && !hasReference(value.codePointAt(i) ?? code)) {
      throw new Error(`serialise: U+${code.toString(16).toUpperCase().padStart(4, "0")} next to an emphasis or strong delimiter cannot be written: it has no character reference`);
    }
    if (encode) encoded[i] = 1;
    lineStart = code === LF && !encode;
    i += width;
  }
  return encoded;
}

const encodeChar = (codePoint: number): string => `&#x${codePoint.toString(16).toUpperCase()};`;

/** Whether a numeric character reference decodes to the code point (not to U+FFFD), as in HTML. */
function hasReference(cp: number): boolean {
  const noncharacter = (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
  return !(cp < 9 || cp === 11 || (cp > 13 && cp < 32) || (cp > 126 && cp < 160) || (cp >= 0xd800 && cp <= 0xdfff) || noncharacter || cp > 0x10ffff);
}

function runEnd(value: string, i: number, code: number): number {
  let end = i + 1;
  while (value.charCodeAt(end) === code) end++;
  return end;
}

/**
 * Whether a run of `*`, `_` or `~` in text could start or end emphasis (strikethrough), judged by
 * the source characters around it under every classification a parser may use. Emphasis needs an
 * opener and a closer, so a run that can only close is kept when no text run can open (they are
 * all escaped) and no enclosing delimiter uses its character; `~`, which we never write as syntax,
 * is the other way round: kept where it can only open. A run at the text's edge touches syntax and
 * is escaped (cmark-gfm even drops an emphasis whose delimiter touches an unmatched `~`: `*a ~*`).
 */
function delimiterRunNeedsEscape(value: string, i: number, end: number, code: number, place: TextPlace, encoded: Uint8Array): boolean {
  if (i === 0 || end === value.length) return true;
  const before = sourceClassBefore(value, i, encoded);
  const after = encoded[end] ? PUNCT : classAt(value, end);
  if (code === 126) return anyClass(before, after, (p, n) => rightFlanking(p, n));
  const underscore = code === 95;
  // micromark (with GFM) also lets a run open before a `~` and close after one, whatever flanks.
  const opens = value.charCodeAt(end) === 126 || anyClass(before, after, (p, n) => leftFlanking(p, n) && (!underscore || !rightFlanking(p, n) || p === PUNCT));
  const closes = value.charCodeAt(i - 1) === 126 || anyClass(before, after, (p, n) => rightFlanking(p, n) && (!underscore || !leftFlanking(p, n) || n === PUNCT));
  return opens || (closes && place.run.open.includes(value.charAt(i)));
}

const leftFlanking = (p: number, n: number): boolean => n !== WS && (n !== PUNCT || p !== LETTER);
const rightFlanking = (p: number, n: number): boolean => p !== WS && (p !== PUNCT || n !== LETTER);

/** Whether `test` holds for some single class each of the two (possibly ambiguous) neighbours. */
function anyClass(before: number, after: number, test: (p: number, n: number) => boolean): boolean {
  for (const p of [WS, PUNCT, LETTER]) {
    if (!canBe(before, p)) continue;
    for (const n of [WS, PUNCT, LETTER]) if (canBe(after, n) && test(p, n)) return true;
  }
  return false;
}

function sourceClassBefore(value: string, i: number, encoded: Uint8Array): number {
  const low = value.charCodeAt(i - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && i >= 2 ? i - 2 : i - 1;
  return encoded[start] ? PUNCT : classAt(value, start);
}

/** Block syntax a paragraph line could start with (besides `*`, `_`, `~` runs and numbers). */
function startsBlock(value: string, i: number, code: number): boolean {
  switch (code) {
    case 35: // # heading
    case 62: // > blockquote
    case 45: // - list, thematic break, setext underline, table delimiter row
    case 61: // = setext underline
    case 124: // | table delimiter row
      return true;
    case 43: // + list
      return isLineSpaceOrEnd(value.charCodeAt(i + 1));
    case 58: // :- table delimiter row
      return value.charCodeAt(i + 1) === 45;
    default:
      return false;
  }
}

/** The index of the `.`/`)` of an ordered list marker (`1.`, `123)`) at `i`, or -1. */
function orderedMarkerAt(value: string, i: number): number {
  let j = i;
  while (j < value.length && j - i < 10 && value.charCodeAt(j) >= 48 && value.charCodeAt(j) <= 57) j++;
  const c = value.charCodeAt(j);
  return j - i <= 9 && (c === 46 || c === 41) && isLineSpaceOrEnd(value.charCodeAt(j + 1)) ? j : -1;
}

const isLineSpaceOrEnd = (code: number): boolean => Number.isNaN(code) || code === 32 || code === 9 || code === LF;

function needsEscape(value: string, i: number, code: number, place: TextPlace, encoded: Uint8Array, brackets: boolean): boolean {
  const next = value.charCodeAt(i + 1);
  switch (code) {
    case 92: // \ before punctuation or a line ending escapes it (or makes a hard break)
      return Number.isNaN(next) || isAsciiPunctuation(next) || next === LF || encoded[i + 1] === 1;
    case 96: // ` code span
      return true;
    case 91: // [ link, definition, task item, footnote
      return brackets || (place.paragraphStart && i === 0) || next === 94;
    case 93: // ] link
      return brackets || next === 40;
    case 60: // < raw HTML, autolink
      return isAsciiLetter(next) || next === 47 || next === 33 || next === 63;
    case 38: // & character reference
      return isEntityAt(value, i);
    case 33: // ! image, before a link
      return i === value.length - 1 && place.beforeLink;
    case 124: // | cell boundary
      return place.run.block === "cell";
    case 58: // : of http://, https://, ftp:// in any case (the schemes GFM autolinks)
      return !place.run.inLink && next === 47 && value.charCodeAt(i + 2) === 47 && /(?:https?|ftp)$/i.test(value.slice(Math.max(0, i - 5), i));
    case 46: // . of www. (GFM autolink literal)
      return !place.run.inLink && i >= 3 && /^www$/i.test(value.slice(i - 3, i));
    default:
      return false;
  }
}

/**
 * Whether the brackets of a link's text must be escaped: it may hold brackets only in matched pairs,
 * and none that could start a link, image or footnote of its own.
 */
function loudBrackets(value: string): boolean {
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 91) depth++;
    else if (c === 93 && --depth < 0) return true;
  }
  return depth !== 0 || /\[\^|\]\(|\]\[/.test(value);
}

/** Where a heading's text ends in `#`s that would be read as its closing sequence, or -1. */
function closingHashes(value: string, place: TextPlace, encoded: Uint8Array): number {
  if (place.run.block !== "heading" || !place.lineEnd || !value.endsWith("#")) return -1;
  let start = value.length - 1;
  while (start > 0 && value.charCodeAt(start - 1) === 35) start--;
  if (encoded[value.length - 1]) return -1;
  const before = value.charCodeAt(start - 1);
  const closes = start === 0 ? place.first : (before === 32 || before === 9) && !encoded[start - 1];
  return closes ? start : -1;
}

function isEntityAt(value: string, i: number): boolean {
  ENTITY_AT.lastIndex = i;
  return ENTITY_AT.test(value);
}

// ---------------------------------------------------------------------------------------------
// Characters

const isAsciiPunctuation = (c: number): boolean => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const canBe = (cls: number, flag: number): boolean => (cls & flag) !== 0;

const UNICODE_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/;
const AMBIGUOUS_SPACE = /[\u2028\u2029\ufeff\u180e]/;
const UNICODE_PUNCTUATION_OR_SYMBOL = /[\p{P}\p{S}]/u;

function lastIndex(value: string): number {
  const low = value.charCodeAt(value.length - 1);
  return low >= 0xdc00 && low <= 0xdfff && value.length >= 2 ? value.length - 2 : value.length - 1;
}

/** The flanking class of the character at `i` (white space if there is none). */
function classAt(value: string, i: number): number {
  const cp = value.codePointAt(i);
  return cp === undefined ? WS : classify(cp);
}

function classify(cp: number): number {
  if (cp < 128) {
    if (cp === 32 || cp === 9 || cp === 10 || cp === 12 || cp === 13) return WS;
    if (cp === 11) return WS | LETTER;
    return isAsciiPunctuation(cp) ? PUNCT : LETTER;
  }
  const c = String.fromCodePoint(cp);
  if (UNICODE_SPACE.test(c)) return WS;
  if (AMBIGUOUS_SPACE.test(c)) return WS | LETTER;
  // Beyond ASCII, punctuation and symbols may count as letters: cmark-gfm's Unicode tables are older
  // than JavaScript's (U+2E43 is a letter to it), older CommonMark counts symbols as letters, and
  // micromark classifies UTF-16 code units, so astral characters are letters to it.
  return UNICODE_PUNCTUATION_OR_SYMBOL.test(c) ? PUNCT | LETTER : LETTER;
}

function longestRun(value: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (let i = 0; i < value.length; i++) {
    current = value[i] === char ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}
