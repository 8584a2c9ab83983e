// The index is written in pieces because at 100,000 entries it is longer than a string can be; the
// pieces must join to exactly what JSON.stringify(value, null, 2) + "\n" gives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonChunks, LazyArray } from "../../scripts/build/json-chunks.ts";
import { bundleIndex, lazyBundle } from "../../scripts/build/bundle.ts";
import { generateEntry } from "../../scripts/bench/corpus.ts";
import type { Entry } from "../../scripts/schema/entry-schema.ts";

const whole = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

describe("jsonChunks", () => {
  it("joins to JSON.stringify's text for any JSON value and split depth", () => {
    fc.assert(fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 5 }), (value, depth) => [...jsonChunks(value, depth)].join("") === whole(value)), { numRuns: 2000 });
  });

  it("follows JSON.stringify for what JSON cannot hold (undefined, functions, toJSON, boxed values)", () => {
    const odd = { a: undefined, b: () => 1, c: [undefined, () => 1, Symbol("s")], d: new Date(0), e: new Number(3), f: { toJSON: () => ({ g: [1] }) }, h: {}, i: [] };
    expect([...jsonChunks(odd)].join("")).toBe(whole(odd));
  });

  it("splits an index into one piece per entry, joined to the same text", () => {
    const index = bundleIndex(Array.from({ length: 30 }, (_, i) => generateEntry(i, 30) as unknown as Entry));
    const pieces = [...jsonChunks(index)];
    expect(pieces.length).toBeGreaterThan(60);
    expect(pieces.join("")).toBe(whole(index));
  });

  it("writes a LazyArray as the array it stands for, at any depth, making each item only when written", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.integer({ min: 0, max: 4 }), (items, depth) => {
        const made: number[] = [];
        const lazy = new LazyArray(items.length, (i) => (made.push(i), items[i]));
        const text = [...jsonChunks({ before: 1, list: lazy, after: [2] }, depth)].join("");
        return text === whole({ before: 1, list: items, after: [2] });
      }),
      { numRuns: 1000 },
    );
    const made: number[] = [];
    const pieces = jsonChunks({ list: new LazyArray(3, (i) => (made.push(i), { i })) });
    pieces.next();
    pieces.next();
    expect(made).toEqual([]); // nothing made before the list is reached
    [...pieces];
    expect(made).toEqual([0, 1, 2]);
  });

  it("writes the lazily filled index byte for byte like the index filled whole", () => {
    const entries = Array.from({ length: 25 }, (_, i) => generateEntry(i, 25) as unknown as Entry).reverse();
    expect([...jsonChunks(lazyBundle(entries))].join("")).toBe(whole(bundleIndex(entries)));
    expect(JSON.stringify(lazyBundle(entries))).toBe(JSON.stringify(bundleIndex(entries)));
  });
});
