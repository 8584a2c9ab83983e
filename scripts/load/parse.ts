// Parses one entry file's text, once, into a positioned tree and a value, reporting every syntax
// error, duplicate key and encoding problem as a located diagnostic. Pure: no file system here.
import { parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import type { Diagnostic } from "../core/diagnostic.ts";
import { LineIndex } from "../core/location.ts";
import { toPointer, type PathSegment } from "../core/pointer.ts";
import type { Limits } from "../core/limits.ts";

export interface ParsedSource {
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
  UnexpectedEndOfString: "a string is not closed with a double quote",
  InvalidCharacter: "control characters (tabs, NUL, line breaks) must be escaped inside strings",
  InvalidEscapeCharacter: "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
  InvalidSymbol: "this is not JSON; check quotes and brackets",
};

export function parseEntryText(file: string, text: string, limits: Limits): ParsedSource {
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number) => lines.position(offset);
  const report = (offset: number, rule: Diagnostic["rule"], message: string, hint?: string, fixable?: boolean) =>
    diagnostics.push({ file, ...at(offset), pointer: "", severity: "error", rule, message, hint, fixable });

  let body = text;
  if (body.charCodeAt(0) === 0xfeff) {
    report(0, "kb/encoding", "the file starts with a byte-order mark (BOM)", "save as UTF-8 without BOM, or run npx kb fix", true);
    body = " " + body.slice(1); // keeps every offset where it is
  }
  if (body.trim() === "") {
    report(0, "kb/json-syntax", "the file is empty; an entry is one JSON object", "run npx kb new <domain>/<slug> to start one");
    return { file, text, lines, diagnostics };
  }
  const tooDeep = findExcessiveNesting(body, limits.maxDepth);
  if (tooDeep !== undefined) {
    report(tooDeep, "kb/json-syntax", `nesting deeper than ${limits.maxDepth} levels`, "entries are at most a few levels deep; this is not an entry");
    return { file, text, lines, diagnostics };
  }

  const errors: ParseError[] = [];
  const tree = parseTree(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const reportedAt = new Set<number>();
  for (const e of errors) {
    const comma = trailingCommaBefore(body, e.offset);
    const offset = comma ?? e.offset;
    if (reportedAt.has(offset)) continue; // one mistake often yields several parser errors at one place
    reportedAt.add(offset);
    if (comma !== undefined) report(comma, "kb/json-syntax", "invalid JSON: trailing comma", "JSON allows no comma after the last item; remove it");
    else {
      const code = printParseErrorCode(e.error);
      // jsonc-parser blames the whole string token; point at the control character itself.
      const at = code === "InvalidCharacter" ? firstControlCharacter(body, e.offset, e.offset + e.length) : e.offset;
      report(at, "kb/json-syntax", `invalid JSON: ${humanise(code)}`, SYNTAX_HINTS[code]);
    }
  }
  if (errors.length > 0 || !tree) return { file, text, lines, diagnostics };

  findDuplicateKeys(tree, [], (node, path, name) => {
    diagnostics.push({
      file,
      ...at(node.offset),
      pointer: toPointer(path),
      severity: "error",
      rule: "kb/duplicate-key",
      message: `duplicate key "${name}": JSON keeps only the last one, so the earlier value is silently lost`,
      hint: "keep one of the two and merge their content",
    });
  });
  if (body.includes("\\u")) {
    findUnpairedSurrogates(tree, [], (node, path) => {
      diagnostics.push({
        file,
        ...at(node.offset),
        pointer: toPointer(path),
        severity: "error",
        rule: "kb/encoding",
        message: "a \\u escape leaves half of a surrogate pair (\\uD800-\\uDFFF) on its own: the text cannot be written as UTF-8",
        hint: "write the character itself, or escape both halves of the pair",
      });
    });
  }
  if (tree.type !== "object") {
    report(tree.offset, "kb/not-an-object", `an entry is a JSON object, not ${article(tree.type)}`, "wrap the fields in { }");
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

function article(type: string): string {
  return type === "array" ? "an array" : `a ${type}`;
}

/** Offset where nesting first exceeds `max`, scanning outside strings; guards the recursive parser. */
export function findExcessiveNesting(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) depth--;
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

/** With the u flag a surrogate range matches only halves that are not part of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The value of a tree, iteratively built so that the last duplicate key wins, as in JSON.parse. */
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
