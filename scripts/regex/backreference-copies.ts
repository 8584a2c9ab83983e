// The tree the ambiguity check reads (regex/ambiguity.ts), with each backreference replaced by a copy
// of its group. refa's automata read a backreference as matching nothing, which hid the ambiguity of
// (?:(\w)\1?)+ (pass S); a copy matches every text the group can take, so no way the search can read
// the pattern is lost. The copies are marked, so the check can tell a reference from the group it copies.
import { visitRegExpAST, type AST } from "@eslint-community/regexpp";

/** A copy of a node's subtree under `parent`: groups in it do not capture (the pattern's groups stay as they were numbered). */
function copyTree<T extends AST.Node>(node: T, parent: AST.Node): T {
  const copy: Record<string, unknown> = { ...node, parent };
  for (const [key, value] of Object.entries(node)) {
    if (key === "parent" || key === "resolved" || key === "references") continue;
    if (Array.isArray(value)) copy[key] = value.map((v: unknown) => (isNode(v) ? copyTree(v, copy as unknown as AST.Node) : v));
    else if (isNode(value)) copy[key] = copyTree(value, copy as unknown as AST.Node);
  }
  if (copy.type === "CapturingGroup") {
    copy.type = "Group";
    copy.modifiers = null;
    delete copy.name;
    delete copy.references;
  }
  return copy as unknown as T;
}

const isNode = (v: unknown): v is AST.Node => typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string";

const copies = new WeakMap<AST.Node, readonly AST.CapturingGroup[]>();

/** The groups a node of the tree copies, when it stands for a backreference (readBackreferencesAsCopies). */
export const groupsCopiedBy = (node: AST.Node): readonly AST.CapturingGroup[] | undefined => copies.get(node);

/**
 * Each backreference whose group has closed before it replaced, in place, by a non-capturing copy of
 * that group (of each, for a name used twice): what the group took is one of the texts the copy
 * matches, so every way the search can read the pattern is still there. The automata read a
 * backreference as matching nothing, and (?:(\w)\1?)+, which reads a run of letters as \w and \w\1 in
 * exponentially many ways, looked like (?:\w)+ (1.5 s on 55 characters, pass S). False when the
 * copies would pass MAX_COPIED_NODES: the references from there on stay as they are, and the
 * analysis counts as undecided.
 */
export function readBackreferencesAsCopies(ast: AST.Pattern): boolean {
  const refs: AST.Backreference[] = [];
  visitRegExpAST(ast, { onBackreferenceEnter: (b) => void refs.push(b) });
  let copied = 0;
  for (const ref of refs) {
    const groups = Array.isArray(ref.resolved) ? ref.resolved : [ref.resolved];
    // A group still open, or after the reference, has taken nothing: the reference matches the empty text.
    if (groups.some((g) => g.end > ref.start)) continue;
    // Copies of groups holding copies double with each group: (a)(\1\1)(\2\2)… took 16 s to analyse (pass T).
    copied += groups.reduce((n, g) => n + sizeOf(g), 0);
    if (copied > MAX_COPIED_NODES) return false;
    const parent = ref.parent;
    const group = { type: "Group", parent, start: ref.start, end: ref.end, raw: ref.raw, modifiers: null, alternatives: [] } as unknown as AST.Group;
    group.alternatives = groups.flatMap((g) => g.alternatives.map((a) => copyTree(a, group)));
    copies.set(group, groups);
    if (parent.type === "Quantifier") (parent as { element: AST.QuantifiableElement }).element = group;
    else parent.elements[parent.elements.indexOf(ref)] = group;
  }
  return true;
}

/** Most nodes the copies of one pattern may add: past it the copying stops and the analysis is undecided. */
const MAX_COPIED_NODES = 20_000;

function sizeOf(node: AST.Node): number {
  let n = 0;
  visitRegExpAST(node as never, {
    onAlternativeEnter: () => void n++,
    onCharacterEnter: () => void n++,
    onCharacterClassEnter: () => void n++,
    onCharacterSetEnter: () => void n++,
    onQuantifierEnter: () => void n++,
    onGroupEnter: () => void n++,
    onCapturingGroupEnter: () => void n++,
    onAssertionEnter: () => void n++,
    onBackreferenceEnter: () => void n++,
  });
  return n;
}
