// Explains why a pattern fails in words a contributor can act on: the Python-only construct behind a
// JavaScript syntax error, and the likely unescaped character where a regex stops matching its own
// signature.
import type { AST } from "@eslint-community/regexpp";

/**
 * Explains a JavaScript syntax error at `index` when the text there is a Python-only construct, so
 * the contributor learns what to write instead of reading V8's generic message.
 */
export function explainPythonOnlySyntax(source: string, index: number): { construct: string; hint: string } | undefined {
  const known: [string, string, string][] = [
    ["(?P<", "(?P<name>…) named group", "use a plain group ( … ) or (?: … )"],
    ["(?P=", "(?P=name) backreference", "use a numbered backreference such as \\1"],
    ["(?#", "(?#…) comment", "remove the comment"],
    ["(?>", "(?>…) atomic group", "use a plain group (?: … ) and make the pattern unambiguous instead"],
    ["\\A", "\\A anchor", "write ^"],
    ["\\Z", "\\Z anchor", "write $"],
    ["\\z", "\\z anchor", "write $"],
    ["{,", "{,n} quantifier", "write {0,n}"],
  ];
  for (let i = Math.max(0, index - 3); i <= index; i++) {
    for (const [prefix, construct, hint] of known) if (source.startsWith(prefix, i)) return { construct, hint };
    if (/^\(\?[aiLmsux-]+[):]/.test(source.slice(i, i + 12))) return { construct: "inline flags such as (?i)", hint: "remove them: matching is always case-insensitive" };
  }
  const prev = source[index - 1];
  if ((source[index] === "+" || source[index] === "?" ) && (prev === "+" || prev === "*" || prev === "?" || prev === "}"))
    return { construct: `possessive quantifier ${prev}${source[index]}`, hint: "use a plain quantifier and make the pattern unambiguous instead" };
  return undefined;
}

/** How far one alternative of a pattern gets into a text it does not match. */
export interface PartialMatch {
  /** Index of the top-level alternative. */
  readonly alternative: number;
  /** How many of its elements, from the start, still find a match in the text. */
  readonly elements: number;
  /** Where in the text the longest matching prefix ends. */
  readonly textEnd: number;
}

/** The source of the first `elements` elements of an alternative: a pattern that is a prefix of it. */
export function prefixPattern(ast: AST.Pattern, source: string, alternative: number, elements: number): string {
  const alt = ast.alternatives[alternative]!;
  return source.slice(alt.start, alt.elements[elements - 1]!.end);
}

export interface LikelyCause {
  /** Index in the pattern of the construct to blame. */
  readonly index: number;
  readonly message: string;
  readonly hint: string;
}

/**
 * Names the likely cause of a mismatch: at the place where matching stops, the pattern has syntax
 * (a group, a class, a quantifier, an anchor) where the text has that very character literally.
 */
export function likelyCause(ast: AST.Pattern, partial: PartialMatch, text: string): LikelyCause | undefined {
  const alt = ast.alternatives[partial.alternative];
  if (!alt) return undefined;
  const next = alt.elements[partial.elements];
  const previous = alt.elements[partial.elements - 1];
  const at = text[partial.textEnd];
  const column = (n: AST.Node) => n.start + 1;
  if (next && (next.type === "CapturingGroup" || next.type === "Group") && at === "(")
    return { index: next.start, message: `the ( at column ${column(next)} of the pattern starts a group, but the text has a literal (`, hint: "write \\( (and \\) for the closing one) to match parentheses" };
  if (next && next.type === "Quantifier" && (next.element.type === "CapturingGroup" || next.element.type === "Group") && at === "(")
    return { index: next.start, message: `the ( at column ${column(next)} of the pattern starts a group, but the text has a literal (`, hint: "write \\( (and \\) for the closing one) to match parentheses" };
  if (next && next.type === "CharacterClass" && at === "[")
    return { index: next.start, message: `the [ at column ${column(next)} of the pattern starts a character class, but the text has a literal [`, hint: "write \\[ and \\] to match brackets" };
  if (previous && previous.type === "Quantifier" && at !== undefined && "?+*".includes(at) && previous.raw.endsWith(at))
    return { index: previous.end - 1, message: `the ${at} at column ${previous.end} of the pattern is a quantifier, but the text has a literal ${at}`, hint: `write \\${at} to match it` };
  if (next && next.type === "Assertion" && (next.kind === "end" || next.kind === "start") && (at === "$" || at === "^"))
    return { index: next.start, message: `the ${next.raw} at column ${column(next)} of the pattern is an anchor, but the text has a literal ${at}`, hint: `write \\${at} to match it` };
  return undefined;
}
