// The one guarded JSON parser: every JSON text kb reads (entries, kb.config.json, lint-exceptions.json,
// an index given to lookup) goes through it. It parses once with positions, reports every syntax
// error, duplicate key and lone surrogate as a located kb/json-syntax, kb/duplicate-key or kb/encoding
// diagnostic, and refuses nesting deeper than the limit before the recursive parser can overflow.
import { holdsExactly } from "../model/number-text.ts";
import { createScanner, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { createDiagnostic, overflowDiagnostic, type Diagnostic, type RuleId } from "../model/diagnostic.ts";
import { LineIndex } from "../model/location.ts";
import { toPointer, type PathSegment } from "../model/pointer.ts";

export interface JsonText {
  readonly file: string;
  readonly text: string;
  readonly lines: LineIndex;
  /** Present when the text is well-formed JSON (duplicate keys still parse; the last one wins). */
  readonly tree?: Node;
  readonly value?: unknown;
  readonly diagnostics: readonly Diagnostic[];
}

const SYNTAX_HINTS: Record<string, string> = {
  CommaExpected: "add a comma between the two values",
  PropertyNameExpected: "property names are double-quoted strings; remove a trailing comma if there is one",
  ValueExpected: "a value is missing here, or there is a trailing comma",
  ColonExpected: "add a colon between the key and its value",
  CloseBraceExpected: "an object is not closed with }",
  CloseBracketExpected: "an array is not closed with ]",
  EndOfFileExpected: "there is text after the end of the JSON value",
  InvalidCommentToken: "JSON has no comments; remove it",
  UnexpectedEndOfString: "a string is not closed with a double quote before the end of the line",
  InvalidCharacter: "control characters (tabs, NUL, line breaks) must be escaped inside strings",
  InvalidEscapeCharacter: 'valid escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX',
  InvalidUnicode: "a \\u escape needs exactly four hex digits",
  InvalidNumberFormat: "numbers are written like 0.85 or 12, without leading zeros or a trailing dot",
  InvalidSymbol: "this is not JSON; check quotes and brackets",
};

export interface JsonOptions {
  readonly maxDepth: number;
  /**
   * Most problems described (limits.maxDiagnosticsPerFile); past it each is counted by one shared
   * diagnostic at the end of the file, as the engine counts schema problems: a megabyte of `1 1 1 …`
   * made 524,286 syntax errors, all held in memory and in the lint cache (kb aborted at 4.4 GB).
   */
  readonly maxProblems: number;
  /** What the file is, for the empty-file message ("an entry is one JSON object"). */
  readonly emptyHint?: string;
  /** The command that repairs a byte-order mark, when one does (kb fix repairs entries only). */
  readonly bomFix?: string;
}

/** Bytes that are not UTF-8, located at the line and column where the valid text before them ends. */
export function invalidUtf8Diagnostic(file: string, invalid: { readonly offset: number; readonly byte: number; readonly prefix: string }): Diagnostic {
  const at = new LineIndex(invalid.prefix).position(invalid.prefix.length);
  return createDiagnostic({ file, ...at, severity: "error", rule: "kb/encoding", message: `invalid UTF-8 byte 0x${invalid.byte.toString(16).padStart(2, "0")} at byte ${invalid.offset}`, hint: "save the file as UTF-8" });
}

export function parseJsonText(file: string, text: string, options: JsonOptions): JsonText {
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  let overflow: Diagnostic | undefined;
  const report = (offset: number, rule: RuleId, message: string, hint?: string, pointer = "", fixable = false) => {
    // Past the cap, one structural diagnostic at the end of the file stands for each of the rest.
    diagnostics.push(
      diagnostics.length < options.maxProblems
        ? createDiagnostic({ file, ...lines.position(offset), pointer, severity: "error", rule, message, hint, fixable })
        : (overflow ??= overflowDiagnostic(file, lines.position(text.length), "kb/json-syntax", options.maxProblems)),
    );
  };

  let body = text;
  if (body.charCodeAt(0) === 0xfeff) {
    report(0, "kb/encoding", "the file starts with a byte-order mark (BOM)", options.bomFix ? `save as UTF-8 without BOM, or run ${options.bomFix}` : "save as UTF-8 without BOM", "", options.bomFix !== undefined);
    body = " " + body.slice(1); // keeps every offset where it is
  }
  if (body.trim() === "") {
    report(0, "kb/json-syntax", "the file is empty", options.emptyHint);
    return { file, text, lines, diagnostics };
  }
  const tooDeep = findExcessiveNesting(body, options.maxDepth);
  if (tooDeep !== undefined) {
    report(tooDeep, "kb/json-syntax", `nesting deeper than ${options.maxDepth} levels`, "no kb file nests more than a few levels; this is not one");
    return { file, text, lines, diagnostics };
  }
  const most = maxJsonTokens(body.length);
  const tooMany = findExcessiveTokens(body, most);
  if (tooMany !== undefined) {
    report(tooMany, "kb/json-syntax", `more than ${most.toLocaleString("en-US")} JSON tokens (values, keys, punctuation) in a file of this size (at most 2,000 plus one per 4 characters)`, "an entry is text with a few hundred values; this is not one");
    return { file, text, lines, diagnostics };
  }

  const errors: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (e) {
    // The depth scan mirrors the parser's tokens; should they ever disagree, a deep text still ends here.
    if (!(e instanceof RangeError)) throw e;
    report(0, "kb/json-syntax", "the file is nested too deeply to parse", "no kb file nests more than a few levels; this is not one");
    return { file, text, lines, diagnostics };
  }
  const reportedAt = new Set<number>();
  for (const e of errors) {
    const comma = trailingCommaBefore(body, e.offset);
    const offset = comma ?? e.offset;
    if (reportedAt.has(offset)) continue; // one mistake often yields several parser errors at one place
    reportedAt.add(offset);
    // Past the cap the shared diagnostic stands for the error: no message to make.
    if (overflow) {
      diagnostics.push(overflow);
      continue;
    }
    if (comma !== undefined) report(comma, "kb/json-syntax", "invalid JSON: trailing comma", "JSON allows no comma after the last item; remove it");
    else {
      const code = printParseErrorCode(e.error);
      // jsonc-parser blames the whole string token; point at the control character itself.
      const at = code === "InvalidCharacter" ? firstControlCharacter(body, e.offset, e.offset + e.length) : e.offset;
      report(at, "kb/json-syntax", `invalid JSON: ${humanise(code)}`, SYNTAX_HINTS[code]);
    }
  }
  if (errors.length > 0 || !tree) return { file, text, lines, diagnostics };

  findDuplicateKeys(tree, [], (node, path, name) =>
    report(node.offset, "kb/duplicate-key", `duplicate key "${name}": JSON keeps only the last one, so the earlier value is silently lost`, "keep one of the two and merge their content", toPointer(path)),
  );
  findInexactNumbers(body, tree, [], (node, path, literal) =>
    report(
      node.offset,
      "kb/json-syntax",
      `the number ${literal.length > 40 ? `${literal.slice(0, 40)}…` : literal} cannot be read exactly: it becomes ${String(node.value)}, so rewriting the file would lose it`,
      "write a number JavaScript and Python read as written (rates are fractions such as 0.85)",
      toPointer(path),
    ),
  );
  if (body.includes("\\u")) {
    findUnpairedSurrogates(tree, [], (node, path) =>
      report(
        node.offset,
        "kb/encoding",
        "a \\u escape leaves half of a surrogate pair (\\uD800-\\uDFFF) on its own: the text cannot be written as UTF-8",
        "write the character itself, or escape both halves of the pair",
        toPointer(path),
      ),
    );
  }
  return { file, text, lines, tree, value: nodeValue(tree), diagnostics };
}

/** Offset of a comma directly before a closing bracket at `offset` (white space between), if any. */
function trailingCommaBefore(text: string, offset: number): number | undefined {
  const closer = text[offset];
  if (closer !== "}" && closer !== "]") return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return text[i] === "," ? i : undefined;
}

function firstControlCharacter(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) < 0x20) return i;
  return from;
}

function humanise(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/**
 * Most JSON tokens a file may hold for its size: two thousand, plus one per 4 characters. The parser
 * makes a node or an error for each token, and the schema an error for each value of a wrong type,
 * so the cost of a file follows its tokens, not its bytes: a 1 MB entry of 524,288 zeros took 718 MB
 * to lint. Shipped entries hold one token per 13 characters or more (keys, values, commas and colons
 * around long strings); even a file of short unknown keys ("k1": 0,) needs 2.
 */
export const maxJsonTokens = (chars: number): number => 2_000 + Math.floor(chars / 4);

/** jsonc-parser's SyntaxKind.EOF (a const enum, which a type-stripping loader cannot read). */
const EOF_TOKEN = 17;

/**
 * Offset of the token that first takes the count past `max`, counted with the parser's own scanner
 * before the tree is built: values and punctuation, and what the parser cannot read too (`1 1 1` is
 * three tokens and two errors, though it has no comma; a separator count missed it).
 */
export function findExcessiveTokens(text: string, max: number): number | undefined {
  const scanner = createScanner(text, true);
  for (let tokens = 1; scanner.scan() !== EOF_TOKEN; tokens++) if (tokens > max) return scanner.getTokenOffset();
  return undefined;
}

/**
 * Offset where nesting first exceeds `max`, reading tokens the way jsonc-parser does: a string ends
 * at its closing quote or at a line break (an unterminated string), so brackets after a broken string
 * count as the parser will see them.
 */
export function findExcessiveNesting(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34 || c === 10 || c === 13) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

function findDuplicateKeys(node: Node, path: PathSegment[], onDuplicate: (key: Node, path: PathSegment[], name: string) => void): void {
  if (node.type === "object") {
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const keyNode = prop.children?.[0];
      const valueNode = prop.children?.[1];
      if (!keyNode) continue;
      const name = String(keyNode.value);
      if (seen.has(name)) onDuplicate(keyNode, [...path, name], name);
      seen.add(name);
      if (valueNode) findDuplicateKeys(valueNode, [...path, name], onDuplicate);
    }
  } else if (node.type === "array") {
    (node.children ?? []).forEach((child, i) => findDuplicateKeys(child, [...path, i], onDuplicate));
  }
}

/**
 * Numbers JSON.parse cannot hold as written: what `kb fix` would write back (JSON.stringify of the
 * double) is another decimal number than the literal. That covers the double range (1e400 becomes
 * Infinity), underflow (1e-400 becomes 0), integers past 2^53 and digits past a double's precision
 * (0.90000000000000000000000000000001 becomes 0.9); a mere change of spelling (0.50, 1e2, -0) is not one.
 */
function findInexactNumbers(text: string, node: Node, path: PathSegment[], onFound: (node: Node, path: PathSegment[], literal: string) => void): void {
  if (node.type === "number") {
    const literal = text.slice(node.offset, node.offset + node.length);
    if (!holdsExactly(literal, node.value as number)) onFound(node, path, literal);
  } else if (node.type === "object") {
    for (const prop of node.children ?? []) if (prop.children?.[1]) findInexactNumbers(text, prop.children[1], [...path, String(prop.children[0]?.value)], onFound);
  } else if (node.type === "array") (node.children ?? []).forEach((child, i) => findInexactNumbers(text, child, [...path, i], onFound));
}

/** With the u flag a surrogate range matches only halves that are not part of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Strings (keys included) holding a lone surrogate, which only a \u escape can produce in decoded text. */
function findUnpairedSurrogates(node: Node, path: PathSegment[], onFound: (node: Node, path: PathSegment[]) => void): void {
  if (node.type === "string" && LONE_SURROGATE.test(String(node.value))) onFound(node, path);
  else if (node.type === "property") {
    const [key, value] = node.children ?? [];
    if (key && LONE_SURROGATE.test(String(key.value))) onFound(key, path);
    if (value) findUnpairedSurrogates(value, path, onFound);
  } else if (node.type === "object") for (const prop of node.children ?? []) findUnpairedSurrogates(prop, [...path, String(prop.children?.[0]?.value)], onFound);
  else if (node.type === "array") (node.children ?? []).forEach((child, i) => findUnpairedSurrogates(child, [...path, i], onFound));
}

/** The value of a tree, built so that the last duplicate key wins, as in JSON.parse, and __proto__ stays data. */
function nodeValue(node: Node): unknown {
  switch (node.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) Object.defineProperty(out, String(k.value), { value: nodeValue(v), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case "array":
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}
