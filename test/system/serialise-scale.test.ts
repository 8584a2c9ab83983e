// The properties of test/markdown/serialise.test.ts with many runs (KB_PROPERTY_RUNS, default 5000):
// the slow tier's proof that serialise() writes what remark-parse + remark-gfm reads back.
import fc from "fast-check";
import { describe, it } from "vitest";
import { properties } from "../markdown/arbitraries.ts";

const RUNS = Number(process.env.KB_PROPERTY_RUNS ?? 5000);

describe(`serialise at scale (${RUNS} runs per property)`, () => {
  for (const { name, arbitrary, check } of properties) {
    it(name, () => fc.assert(fc.property(arbitrary, check), { numRuns: RUNS }), 60 * 60_000);
  }
});
