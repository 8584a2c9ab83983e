// A minimal unified diff for `kb fix --dry-run`: shows what would change without writing.
export function unifiedDiff(file: string, before: string, after: string, context = 2): string {
  const a = before.split("\n");
  const b = after.split("\n");
  const ops = diffLines(a, b);
  const out = [`--- ${file}`, `+++ ${file} (fixed)`];
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
    for (const o of hunk) out.push(`${o.kind === "same" ? " " : o.kind === "add" ? "+" : "-"}${o.text}`);
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

/** Longest-common-subsequence line diff; entries are small, so O(n·m) is fine. */
function diffLines(a: string[], b: string[]): Op[] {
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
