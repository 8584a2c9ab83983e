// The properties of test/markdown/serialise.test.ts with many runs (KB_PROPERTY_RUNS, default 5000),
// and every generated view: the slow tier's proof that serialise() writes what remark reads back.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkViewReadsBack, generatedViews, properties, viewEscapes } from "../markdown/arbitraries.ts";

const RUNS = Number(process.env.KB_PROPERTY_RUNS ?? 5000);

describe(`serialise at scale (${RUNS} runs per property)`, () => {
  for (const { name, arbitrary, check } of properties) {
    it(name, () => fc.assert(fc.property(arbitrary, check), { numRuns: RUNS }), 60 * 60_000);
  }

  it("every generated view reads back as itself and as remark's output, with no more escapes", () => {
    for (const [file, view] of generatedViews()) {
      checkViewReadsBack(file, view);
      const escapes = viewEscapes(view);
      expect(escapes.ours, file).toBeLessThanOrEqual(escapes.remark);
    }
  });
});
