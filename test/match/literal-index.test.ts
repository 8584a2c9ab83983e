// The literal index never misses a candidate: for any texts and literals, the items it returns are
// exactly those with a literal in the folded text (plus the unfilterable ones), in insertion order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { candidatesOfTexts, foldText, LiteralIndex } from "../../scripts/match/literal-index.ts";
import { normaliseInput } from "../../scripts/match/normalise-input.ts";

const alphabet = fc.constantFrom("a", "b", "c", "A", "é", " ", "-", "1", "ſ");
const word = (min: number, max: number) => fc.array(alphabet, { minLength: min, maxLength: max }).map((a) => a.join(""));

describe("LiteralIndex.candidates", () => {
  it("returns exactly the items one of whose literals occurs in the text", () => {
    fc.assert(
      fc.property(fc.array(fc.array(word(3, 9), { minLength: 1, maxLength: 3 }), { maxLength: 12 }), word(0, 60), (items, text) => {
        const index = new LiteralIndex<number>();
        const literals = items.map((ls) => ls.map(foldText));
        literals.forEach((ls, i) => index.add(i, ls));
        const folded = foldText(text);
        const expected = literals.flatMap((ls, i) => (ls.some((l) => l.length < 3 || /[^\x00-\x7f]/u.test(l) || folded.includes(l)) ? [i] : []));
        expect(index.candidates(text)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe("candidatesOfTexts", () => {
  it("never misses a candidate scanning a text whole would find, joined lines included (a joined line may add its two lines' own)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(word(3, 8), { minLength: 1, maxLength: 2 }), { maxLength: 10 }), fc.array(word(0, 30), { maxLength: 6 }), (items, lines) => {
        const index = new LiteralIndex<number>();
        items.forEach((ls, i) => index.add(i, ls.map(foldText)));
        const { candidates } = normaliseInput(lines.join("\n"));
        const ours = candidatesOfTexts(index, normaliseInput(lines.join("\n")).lines, candidates);
        candidates.forEach((c, k) => {
          const got = [...ours[k]!];
          for (const i of index.candidates(c.text)) expect(got).toContain(i);
          expect(got).toEqual([...new Set(got)].sort((a, b) => a - b));
          if (c.joinAt === undefined) expect(got).toEqual(index.candidates(c.text));
        });
      }),
      { numRuns: 500 },
    );
  });
});
