// Entries are diffed and reviewed as text; one canonical layout keeps diffs to the change itself and
// lets `kb fix` rewrite any file without noise.
import { canonicalText, firstDifference } from "../../model/canonical.ts";
import { entryRule } from "../rule.ts";

export const canonicalFormat = entryRule({
  meta: {
    id: "kb/canonical-format",
    description: "the file is in canonical form: schema key order, 2-space indent, LF, final newline, trimmed strings, sorted unique tags",
    severity: "error",
    fixable: true,
    why: "One layout keeps review diffs to the content; `kb fix` produces it, so nobody formats by hand.",
  },
  requires: [],
  check({ source, report }) {
    const expected = canonicalText(source.value);
    const at = firstDifference(source.text, expected);
    if (at < 0) return;
    report({ pointer: "", offset: at, message: `the file is not in canonical form (${describeDifference(source.text, expected, at)})`, hint: "run npx kb fix" });
  },
});

function describeDifference(actual: string, expected: string, at: number): string {
  if (actual.includes("\r")) return "CRLF line endings";
  if (at >= actual.length) return "missing final newline";
  if (at >= expected.length) return "text after the final newline";
  const tail = actual.slice(at);
  if (/^[ \t]/.test(tail) || /^[ \t]/.test(expected.slice(at))) return "indentation or spacing differs from 2-space JSON";
  return "key order, spacing, untrimmed text or unsorted tags";
}
