// The index is written in pieces because at 100,000 entries it is longer than a string can be; the
// pieces must join to exactly what JSON.stringify(value, null, 2) + "\n" gives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonChunks } from "../../scripts/build/json-chunks.ts";
import { bundleIndex } from "../../scripts/build/bundle.ts";
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
});
