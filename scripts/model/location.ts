// Turns offsets, JSON pointers and positions inside string values into the 1-based line and column
// every diagnostic carries, so a contributor's editor jumps to the exact key or character.
import { findNodeAtLocation, type Node } from "jsonc-parser";
import { fromPointer } from "./pointer.ts";

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Line starts of a text; `\n`, `\r\n` and a lone `\r` each end a line, as in editors. */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** A leading byte-order mark, which editors hide: columns of line 1 count from the character after it (as in ESLint). */
  private readonly bom: boolean;

  constructor(text: string) {
    this.bom = text.charCodeAt(0) === 0xfeff;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const column = offset - (this.starts[lo] ?? 0) + 1;
    return { line: lo + 1, column: lo === 0 && this.bom && offset > 0 ? column - 1 : column };
  }
}

export type Target = "value" | "key";

/**
 * Offset of the node a pointer names. `key` targets the property name (for unknown keys);
 * a pointer that runs past the tree (a missing property) falls back to its deepest existing parent.
 */
export function offsetOfPointer(tree: Node | undefined, pointer: string, target: Target = "value"): number {
  if (!tree) return 0;
  const path = fromPointer(pointer);
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(tree, path.slice(0, depth));
    if (!node) continue;
    if (target === "key" && depth === path.length && node.parent?.type === "property") {
      return node.parent.children?.[0]?.offset ?? node.offset;
    }
    return node.offset;
  }
  return tree.offset;
}

/**
 * Offset in the source of the `index`-th UTF-16 unit of the decoded string literal starting at
 * `literalOffset` (its opening quote), following JSON escapes: points a regex diagnostic at the
 * very character of the pattern.
 */
export function offsetInStringLiteral(text: string, literalOffset: number, index: number): number {
  let raw = literalOffset + 1;
  let decoded = 0;
  while (decoded < index && raw < text.length) {
    const c = text[raw];
    if (c === '"') break;
    if (c === "\\") raw += text[raw + 1] === "u" ? 6 : 2;
    else raw += 1;
    decoded++;
  }
  return raw;
}
