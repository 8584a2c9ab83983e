// The bench table states issue 14's targets next to each measurement and says whether each is met:
// wall, CPU and peak RSS all count, a failed step never meets its target, and sizes without targets show none.
import { describe, expect, it } from "vitest";
import { formatTable, targetOf, type BenchRow } from "../../scripts/bench/table.ts";

const row = (size: number, step: string, wallS: number, cpuS: number, peakRssMb: number, exitCode = 0): BenchRow => ({ size, step, m: { wallS, cpuS, peakRssMb, exitCode, stdout: "", stderr: "" } });

describe("bench targets", () => {
  it("are met only when wall, CPU and memory all are", () => {
    expect(targetOf(row(2_500, "cold `build`", 3.9, 6.9, 299))).toEqual({ text: "≤ 4 s, ≤ 7 CPU-s, ≤ 300 MB", met: true });
    expect(targetOf(row(2_500, "cold `build`", 3.9, 7.1, 200)).met).toBe(false);
    expect(targetOf(row(2_500, "cold `build`", 3.9, 6, 301)).met).toBe(false);
    expect(targetOf(row(10_000, "`lookup -` of a 100,000-line log", 1.5, 3, 100)).met).toBe(true);
    expect(targetOf(row(10_000, "`build` after one entry changed", 1, 1, 100, 1)).met).toBe(false);
  });
  it("are absent for sizes and steps the issue sets none for", () => {
    expect(targetOf(row(1_000, "cold `build`", 1, 1, 1))).toEqual({ text: "", met: undefined });
    expect(targetOf(row(2_500, "floor", 1, 1, 1)).met).toBeUndefined();
  });
  it("are printed as a column, a miss in bold", () => {
    const table = formatTable([row(2_500, "floor", 0.5, 0.4, 60), row(2_500, "cold `build`", 9, 20, 400)], new Map([[2_500, row(2_500, "floor", 0.5, 0.4, 60).m]]));
    expect(table).toContain("| 2,500 | cold `build` | 9.00 s | 18.0× | 20.00 s | 50.0× | 400 MB | ≤ 4 s, ≤ 7 CPU-s, ≤ 300 MB | **no** |");
  });
});
