// A minimal unified diff for `kb fix --dry-run`: shows what would change without writing. It is read on
// a terminal, so entry text and the file name go through the terminal-safe step like every report.
import { terminalSafe, terminalSafeLine } from "./terminal-text.ts";

export function unifiedDiff(file: string, before: string, after: string, context = 2): string {
  const a = before.split("\n");
  const b = after.split("\n");
  const ops = diffLines(a, b);
  const name = terminalSafeLine(file);
  const out = [`--- ${name}`, `+++ ${name} (fixed)`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === "same") {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    while (end < ops.length && (ops[end]!.kind !== "same" || ops.slice(end, end + context * 2 + 1).some((o) => o.kind !== "same"))) end++;
    end = Math.min(ops.length, end + context);
    const hunk = ops.slice(start, end);
    const aStart = (hunk[0]?.aLine ?? 0) + 1;
    const bStart = (hunk[0]?.bLine ?? 0) + 1;
    out.push(`@@ -${aStart},${hunk.filter((o) => o.kind !== "add").length} +${bStart},${hunk.filter((o) => o.kind !== "del").length} @@`);
    for (const o of hunk) out.push(`${o.kind === "same" ? " " : o.kind === "add" ? "+" : "-"}${terminalSafe(o.text)}`);
    i = end;
  }
  return out.join("\n") + "\n";
}

interface Op {
  kind: "same" | "add" | "del";
  text: string;
  aLine: number;
  bLine: number;
}

/** Past this many cells the middle's LCS table would cost too much memory and time: it is shown replaced whole. */
const MAX_LCS_CELLS = 4_000_000;

/**
 * Line diff: the common head and tail as they are, and between them a longest common subsequence when
 * the table is small (entries usually are), else the old middle removed and the new one added. A 1 MiB
 * entry of 40,000 lines would otherwise need a 6 GB table.
 */
function diffLines(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [];
  for (let k = 0; k < head; k++) ops.push({ kind: "same", text: a[k]!, aLine: k, bLine: k });
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const middle = (midA.length + 1) * (midB.length + 1) <= MAX_LCS_CELLS ? lcsDiff(midA, midB) : replaceWhole(midA, midB);
  for (const o of middle) ops.push({ ...o, aLine: o.aLine + head, bLine: o.bLine + head });
  for (let k = tail; k > 0; k--) ops.push({ kind: "same", text: a[a.length - k]!, aLine: a.length - k, bLine: b.length - k });
  return ops;
}

function replaceWhole(a: string[], b: string[]): Op[] {
  return [...a.map((text, i): Op => ({ kind: "del", text, aLine: i, bLine: 0 })), ...b.map((text, j): Op => ({ kind: "add", text, aLine: a.length, bLine: j }))];
}

/** Longest-common-subsequence line diff, O(n·m): only for inputs under MAX_LCS_CELLS. */
function lcsDiff(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: "same", text: a[i]!, aLine: i++, bLine: j++ });
    else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push({ kind: "add", text: b[j]!, aLine: i, bLine: j++ });
    else ops.push({ kind: "del", text: a[i]!, aLine: i++, bLine: j });
  }
  return ops;
}
