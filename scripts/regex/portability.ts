// Finds constructs that JavaScript and Python read differently or that only one of them accepts,
// with the index of each in the pattern, so a regex behaves the same wherever the index is used.
import { visitRegExpAST, type AST } from "@eslint-community/regexpp";
import type { Severity } from "../core/diagnostic.ts";

export interface PortabilityFinding {
  readonly index: number;
  readonly construct: string;
  readonly severity: Severity;
  readonly message: string;
  readonly hint: string;
}

/** Constructs found in a pattern that JavaScript parsed successfully. */
export function findPortabilityProblems(ast: AST.Pattern): PortabilityFinding[] {
  const out: PortabilityFinding[] = [];
  const add = (node: AST.Node, severity: Severity, message: string, hint: string) =>
    out.push({ index: node.start, construct: node.raw, severity, message, hint });
  visitRegExpAST(ast, {
    onCapturingGroupEnter(node) {
      if (node.name !== null)
        add(node, "error", `named group (?<${node.name}>…) is JavaScript syntax; Python writes (?P<${node.name}>…)`, "use a plain group ( … ) or (?: … )");
    },
    onBackreferenceEnter(node) {
      if (typeof node.ref === "string") add(node, "error", `named backreference ${node.raw} is JavaScript-only; Python writes (?P=${node.ref})`, "use a numbered backreference such as \\1");
    },
    onCharacterSetEnter(node) {
      if (node.kind === "property")
        add(node, "error", `Unicode property escape ${node.raw} does not exist in Python's re module`, "list the characters in a class, e.g. [A-Za-z]");
      else if (node.kind === "digit")
        add(node, "warning", `${node.raw} matches only ASCII digits in JavaScript but every Unicode digit in Python`, "write [0-9]");
      else if (node.kind === "word")
        add(node, "warning", `${node.raw} means different characters in JavaScript ("iu": ASCII plus ſ and K) and Python (all Unicode letters)`, "write [A-Za-z0-9_]");
    },
    onAssertionEnter(node) {
      if (node.kind === "word")
        add(node, "warning", `${node.raw} uses JavaScript's ASCII word characters but Python's Unicode ones, so boundaries differ next to accented letters`, "spell the boundary out, e.g. (?:^|[^A-Za-z0-9_])");
      else if (node.kind === "lookbehind" && !hasFixedWidth(node.alternatives))
        add(node, "error", `variable-width lookbehind ${node.raw} works in JavaScript but Python rejects it`, "make every alternative of the lookbehind the same fixed length, or drop it");
    },
    onCharacterClassEnter(node) {
      if (node.elements.length === 0)
        add(node, "error", `the class ${node.raw} is JavaScript-only (${node.negate ? "any character" : "nothing"}); Python rejects it`, node.negate ? "write [\\s\\S]" : "remove it");
    },
    onCharacterEnter(node) {
      if (node.raw.startsWith("\\u{")) add(node, "error", `code point escape ${node.raw} is JavaScript-only`, "write the character itself, or \\uXXXX / \\UXXXXXXXX");
      else if (node.raw.startsWith("\\c")) add(node, "error", `control escape ${node.raw} is JavaScript-only`, "write \\xHH");
    },
  });
  return out.sort((a, b) => a.index - b.index);
}

function hasFixedWidth(alternatives: readonly AST.Alternative[]): boolean {
  const widths = new Set(alternatives.map(widthOfAlternative));
  return widths.size === 1 && !widths.has(undefined);
}

function widthOfAlternative(alt: AST.Alternative): number | undefined {
  let total = 0;
  for (const el of alt.elements) {
    const w = widthOf(el);
    if (w === undefined) return undefined;
    total += w;
  }
  return total;
}

function widthOf(el: AST.Element): number | undefined {
  switch (el.type) {
    case "Character":
    case "CharacterSet":
    case "CharacterClass":
      return 1;
    case "Assertion":
      return 0;
    case "Group":
    case "CapturingGroup": {
      const widths = new Set(el.alternatives.map(widthOfAlternative));
      return widths.size === 1 ? [...widths][0] : undefined;
    }
    case "Quantifier": {
      const inner = widthOf(el.element);
      return inner !== undefined && el.min === el.max ? inner * el.min : undefined;
    }
    default:
      return undefined;
  }
}

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
