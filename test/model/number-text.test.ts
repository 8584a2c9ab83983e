// Numbers as written: the exact decimal value behind a literal, found in time linear in its length.
// A trailing-zero count by /0*$/ retried from every zero of a run: 100,000 zeros then a 1 took 70 s
// to lint (pass O); here 200,000 must come back at once with the right value.
import { describe, expect, it } from "vitest";
import { decimalValue, exactNumberIn, holdsExactly } from "../../scripts/model/number-text.ts";

describe("decimalValue", () => {
  it("gives one spelling for every way of writing a number", () => {
    expect(decimalValue("-0.90")).toBe("-9e-1");
    expect(decimalValue("900e-3")).toBe("9e-1");
    expect(decimalValue("0.000")).toBe("0");
    expect(decimalValue("0x55")).toBeUndefined();
  });

  it("reads a long run of zeros in one pass, whatever ends it (pass O)", () => {
    const zeros = "0".repeat(200_000);
    expect(decimalValue(`1${zeros}1`)).toBe(`1${zeros}1e0`);
    expect(decimalValue(`1${zeros}`)).toBe("1e200000");
    expect(decimalValue(`0.${zeros}1`)).toBe("1e-200001");
    expect(holdsExactly(`0.1${zeros}1`, 0.1)).toBe(false);
    expect(exactNumberIn(` 0.1${zeros} `)).toBe(0.1);
  });
});
