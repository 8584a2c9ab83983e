// Entry prose is read the way CommonMark reads code spans: for any text of backticks, letters and
// spaces, splitCodeSpans gives the code and text remark-parse finds (the oracle).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitCodeSpans } from "../../scripts/model/code-spans.ts";
import { parseMarkdown } from "../helpers/remark-oracle.ts";

function remarkParts(value: string): { kind: string; value: string }[] {
  const paragraph = parseMarkdown(value).children[0] as { children: { type: string; value: string }[] } | undefined;
  return (paragraph?.children ?? []).map((n) => ({ kind: n.type === "inlineCode" ? "code" : "text", value: n.value }));
}

describe("splitCodeSpans", () => {
  it("reads backtick runs as CommonMark does", () => {
    const prose = fc.array(fc.constantFrom("`", "``", "a", "b", " "), { maxLength: 16 }).map((parts) => `x${parts.join("")}x`);
    fc.assert(
      fc.property(prose, (value) => {
        const ours = splitCodeSpans(value).map(({ kind, value: v }) => ({ kind, value: v }));
        expect(ours).toEqual(remarkParts(value));
      }),
      { numRuns: 500 },
    );
  });

  it("holds backticks inside a double-backtick span, and leaves an unclosed run as text", () => {
    expect(splitCodeSpans("says `` expected `i32` `` here").map((p) => p.value)).toEqual(["says ", "expected `i32`", " here"]);
    expect(splitCodeSpans("a `b").map((p) => p.kind)).toEqual(["text"]);
  });
});
