// Parses a contributor regex with regexpp, as JavaScript reads it under the "iu" flags, so that the
// portability, ReDoS, specificity, ranking and prefilter code all reason about the same syntax tree.
import { RegExpParser, type AST } from "@eslint-community/regexpp";

/** The flags of the regex contract: case-insensitive, Unicode. */
export const JS_FLAGS = "iu";

export type ParsedPattern =
  | { readonly ok: true; readonly ast: AST.Pattern }
  | { readonly ok: false; readonly index: number; readonly message: string };

// Node 20's V8 implements ECMAScript 2024 regexes; a newer grammar would accept what Node rejects.
const parser = new RegExpParser({ ecmaVersion: 2024 });

export function parsePattern(source: string): ParsedPattern {
  try {
    return { ok: true, ast: parser.parsePattern(source, 0, source.length, { unicode: true }) };
  } catch (e) {
    const err = e as { index?: number; message?: string };
    return { ok: false, index: typeof err.index === "number" ? err.index : 0, message: String(err.message ?? e) };
  }
}

/** The verdict that counts: does V8 itself compile it with the contract's flags? */
export function compileJs(source: string): { ok: true; regex: RegExp } | { ok: false; message: string } {
  try {
    return { ok: true, regex: new RegExp(source, JS_FLAGS) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/**
 * Literal characters every match must contain (outside classes; the shortest alternative counts):
 * how specific a pattern is, for ranking.
 */
export function countLiteralCharacters(ast: AST.Pattern): number {
  const ofAlternatives = (alternatives: readonly AST.Alternative[]): number =>
    alternatives.length === 0 ? 0 : Math.min(...alternatives.map((alt) => alt.elements.reduce((n, el) => n + ofElement(el), 0)));
  const ofElement = (node: AST.Element): number => {
    switch (node.type) {
      case "Character":
        return 1;
      case "Group":
      case "CapturingGroup":
        return ofAlternatives(node.alternatives);
      case "Quantifier":
        return node.min === 0 ? 0 : ofElement(node.element) * Math.min(node.min, 1_000);
      default:
        return 0;
    }
  };
  return ofAlternatives(ast.alternatives);
}

const contractFlags = new RegExpParser({ ecmaVersion: 2024 }).parseFlags(JS_FLAGS);

/** The contract's flags as regexpp and refa read them. */
export function parsedContractFlags(): AST.Flags {
  return contractFlags;
}
