// Limits are counts, bytes and milliseconds: whole and positive. A fraction was accepted and printed
// "17.5 more problems in this file were not listed" (pass O).
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, resolveLimits } from "../../scripts/model/limits.ts";

describe("resolveLimits", () => {
  it("takes positive whole numbers and refuses fractions, zero, negatives and text", () => {
    expect(resolveLimits({ maxDiagnosticsPerFile: 5 })).toEqual({ limits: { ...DEFAULT_LIMITS, maxDiagnosticsPerFile: 5 }, problems: [] });
    for (const value of [1.5, 0, -1, "64", Number.POSITIVE_INFINITY]) {
      expect(resolveLimits({ maxDiagnosticsPerFile: value }).problems, String(value)).toEqual(['limit "maxDiagnosticsPerFile" must be a positive whole number']);
    }
  });
});
