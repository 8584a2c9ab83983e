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

describe("LiteralIndex.candidates on texts that are one long run of a key", () => {
  it("walks a bucket again only while some of its items are not found (400 literals of a against 20,000 a: linear, not 8 million comparisons)", () => {
    const index = new LiteralIndex<number>();
    for (let i = 0; i < 400; i++) index.add(i, ["a".repeat(10 + (i % 50)), "a".repeat(10 + (i % 50))]); // the same literal twice is filed once
    // Each posting walked asks whether its item is found already: count those questions.
    const original = Map.prototype.has;
    let asked = 0;
    Map.prototype.has = function (this: Map<unknown, unknown>, key: unknown) {
      asked++;
      return original.call(this, key);
    };
    let found: number[];
    try {
      found = index.candidates("a".repeat(20_000));
    } finally {
      Map.prototype.has = original;
    }
    expect(found).toEqual(Array.from({ length: 400 }, (_, i) => i));
    expect(asked).toBeLessThan(20_000);
  });

  it("gives up (undefined) once its deadline has passed, also inside one long text", () => {
    const index = new LiteralIndex<number>();
    index.add(0, ["aaaaaa"]);
    expect(index.candidates("aaaaaaa", true, Date.now() - 1)).toBeUndefined();
    expect(index.candidates("b".repeat(100_000), true, Date.now() - 1)).toBeUndefined();
    expect(index.candidates("xaaaaaay", true, Date.now() + 60_000)).toEqual([0]);
    expect(candidatesOfTexts(index, ["aaaaaa"], [{ text: "aaaaaa", line: 0 }], Date.now() - 1)).toBeUndefined();
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
