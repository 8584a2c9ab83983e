// Finds constructs that JavaScript and Python read differently or that only one of them accepts,
// with the index of each in the pattern, so a regex behaves the same wherever the index is used.
// Verified on Node 20 and Python 3.11: İ and ı fold differently (Python matches them to i and I
// case-insensitively, JavaScript's "iu" does not), and a backreference to a group that did not take
// part (optional, in another branch, or inside a negative lookaround) matches the empty string in
// JavaScript but fails in Python; a surrogate pair of \u escapes is one character in JavaScript and
// two lone surrogates in Python; a class range can hold İ or ı without naming them.
import { visitRegExpAST, type AST } from "@eslint-community/regexpp";
import { fixedLength } from "./fixed-length.ts";
import type { Severity } from "../model/diagnostic.ts";

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
      else if (mayNotParticipate(node))
        add(
          node,
          "error",
          `backreference ${node.raw} refers to a group that may not take part in the match: JavaScript then matches it as empty, Python fails the match`,
          "make the group required, or write the repeated text out instead of referring back to it",
        );
      else
        add(
          node,
          "warning",
          `backreference ${node.raw} compares case-insensitively by different rules: JavaScript folds case (ſ matches s, ς matches σ), Python lowers (they do not)`,
          "write the repeated text out, or accept that the engines disagree on such letters",
        );
    },
    onCharacterSetEnter(node) {
      if (node.kind === "property")
        add(node, "error", `Unicode property escape ${node.raw} does not exist in Python's re module`, "list the characters in a class, e.g. [A-Za-z]");
      else if (node.kind === "digit")
        add(node, "warning", `${node.raw} matches only ASCII digits in JavaScript but every Unicode digit in Python`, asciiSpelling(node, "0-9"));
      else if (node.kind === "word")
        add(node, "warning", `${node.raw} means different characters in JavaScript ("iu": ASCII plus ſ and K) and Python (all Unicode letters)`, asciiSpelling(node, "A-Za-z0-9_"));
    },
    onAssertionEnter(node) {
      if (node.kind === "word")
        add(
          node,
          "warning",
          `${node.raw} uses JavaScript's ASCII word characters but Python's Unicode ones, so boundaries differ next to accented letters`,
          node.negate
            ? "spell the non-boundary out: (?:(?<=[A-Za-z0-9_])(?=[A-Za-z0-9_])|(?<![A-Za-z0-9_])(?![A-Za-z0-9_]))"
            : "spell the boundary out: (?:(?<![A-Za-z0-9_])(?=[A-Za-z0-9_])|(?<=[A-Za-z0-9_])(?![A-Za-z0-9_]))",
        );
      else if (node.kind === "lookbehind" && !hasFixedWidth(node.alternatives))
        add(node, "error", `variable-width lookbehind ${node.raw} works in JavaScript but Python rejects it`, "make every alternative of the lookbehind the same fixed length, or drop it");
    },
    onCharacterClassEnter(node) {
      if (node.elements.length === 0)
        add(node, "error", `the class ${node.raw} is JavaScript-only (${node.negate ? "any character" : "nothing"}); Python rejects it`, node.negate ? "write [\\s\\S]" : "remove it");
    },
    onCharacterClassRangeEnter(node) {
      // A range such as [\u00c0-\u024f] holds İ and ı without naming them (its ends are checked as characters).
      const inside = [...CASE_FOLDING_TRAPS].filter(([code, trap]) => trap.severity === "error" && node.min.value < code && code < node.max.value);
      if (inside.length > 0)
        add(
          node,
          "error",
          `the range ${node.raw} holds ${inside.map(([code, trap]) => `U+${hex(code)}, which ${trap.message}`).join(", and ")}`,
          `leave ${inside.length > 1 ? "them" : "it"} out of the range, e.g. ${rangeWithout(node, inside.map(([code]) => code))}`,
        );
    },
    onCharacterEnter(node) {
      if (node.value > 0xffff && /^\\u[dD][89abAB]/.test(node.raw))
        add(node, "error", `surrogate pair ${node.raw}: JavaScript reads it as one character (U+${hex(node.value)}), Python as two lone surrogates, which no text holds`, "write the character itself (entries are UTF-8)");
      const trap = CASE_FOLDING_TRAPS.get(node.value);
      if (trap) add(node, trap.severity, `${node.raw} (U+${hex(node.value)}) ${trap.message}`, trap.hint);
      if (node.raw.startsWith("\\u{")) add(node, "error", `code point escape ${node.raw} is JavaScript-only`, "write the character itself, or \\uXXXX / \\UXXXXXXXX");
      else if (node.raw.startsWith("\\c")) add(node, "error", `control escape ${node.raw} is JavaScript-only`, "write \\xHH");
    },
  });
  return out.sort((a, b) => a.index - b.index);
}

const hex = (code: number) => code.toString(16).toUpperCase().padStart(4, "0");
const escape = (code: number) => (code > 0xffff ? `\\u{${hex(code)}}` : `\\u${hex(code)}`);

/** The range written as ranges around the given code points inside it. */
function rangeWithout(range: AST.CharacterClassRange, codes: readonly number[]): string {
  const part = (a: number, b: number) => (a > b ? "" : a === b ? escape(a) : `${escape(a)}-${escape(b)}`);
  let from = range.min.value;
  let out = "";
  for (const code of [...codes].sort((x, y) => x - y)) {
    out += part(from, code - 1);
    from = code + 1;
  }
  return out + part(from, range.max.value);
}

/** Non-ASCII letters whose case-insensitive matching is a trap, by code point. */
const CASE_FOLDING_TRAPS = new Map<number, { severity: Severity; message: string; hint: string }>([
  [0x130, { severity: "error", message: "matches i case-insensitively in Python but not in JavaScript", hint: "write the dotted capital I only if you mean Turkish text, and test both engines; usually write i" }],
  [0x131, { severity: "error", message: "matches I case-insensitively in Python but not in JavaScript", hint: "usually write i; dotless i is Turkish" }],
  [0x17f, { severity: "warning", message: "folds to s in both engines: it matches every s", hint: "write s" }],
  [0x212a, { severity: "warning", message: "(Kelvin sign) folds to k in both engines: it matches every k", hint: "write k" }],
  [0x212b, { severity: "warning", message: "(Angstrom sign) folds to å: it matches every å", hint: "write å" }],
]);

/**
 * Whether the group a numbered backreference names might not take part when the reference is reached:
 * it is optional (a quantifier with minimum 0 around it), in another branch of an alternation, or
 * comes after the reference.
 */
function mayNotParticipate(ref: AST.Backreference): boolean {
  const group = Array.isArray(ref.resolved) ? ref.resolved[0] : ref.resolved;
  if (!group) return true;
  if (group.start >= ref.start) return true;
  for (let node: AST.Node | null = group.parent; node && node.type !== "Pattern"; node = node.parent) {
    if (node.type === "Quantifier" && node.min === 0) return true;
    // A group inside a negative lookaround never takes part in a match that gets past it.
    if (node.type === "Assertion" && (node.kind === "lookahead" || node.kind === "lookbehind") && node.negate && !(node.start <= ref.start && ref.end <= node.end)) return true;
    if ((node.type === "Group" || node.type === "CapturingGroup" || node.type === "Assertion") && "alternatives" in node && node.alternatives.length > 1) {
      const branch = node.alternatives.find((alt) => alt.start <= group.start && group.end <= alt.end);
      if (branch && !(branch.start <= ref.start && ref.end <= branch.end)) return true;
    }
  }
  return topLevelBranchDiffers(group, ref);
}

/** The group and the reference sit in different top-level alternatives of the pattern. */
function topLevelBranchDiffers(group: AST.CapturingGroup, ref: AST.Backreference): boolean {
  let node: AST.Node = group;
  while (node.parent && node.parent.type !== "Pattern") node = node.parent;
  return !(node.start <= ref.start && ref.end <= node.end);
}

/** Every alternative matches texts of one and the same length (what Python's lookbehind needs). */
function hasFixedWidth(alternatives: readonly AST.Alternative[]): boolean {
  const widths = new Set(alternatives.map(fixedLength));
  return widths.size === 1 && !widths.has(undefined);
}

/** The ASCII spelling of \\d, \\w and their negations, as a class of its own or as the part of the class it sits in. */
function asciiSpelling(node: { negate: boolean; parent: { type: string } }, range: string): string {
  if (node.parent.type === "CharacterClass") return node.negate ? `list the characters the class should match instead (${range} spelled out cannot be negated inside a class)` : `write ${range} inside the class`;
  return node.negate ? `write [^${range}]` : `write [${range}]`;
}
