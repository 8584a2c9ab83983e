// Formats benchmark results as a Markdown table, with each figure's ratio to the floor measured in
// the same run, so results from noisy or different machines stay comparable.
import type { Measurement } from "./measure.ts";

export interface BenchRow {
  readonly size: number;
  readonly step: string;
  readonly m: Measurement;
}

const fixed = (n: number, digits: number) => n.toFixed(digits);

export function formatTable(rows: readonly BenchRow[], floors: ReadonlyMap<number, Measurement>): string {
  const lines = [
    "| entries | step | wall | × floor | CPU (user+sys) | × floor | peak RSS |",
    "|---:|---|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    const floor = floors.get(r.size);
    const ratio = (a: number, b: number | undefined) => (b && b > 0 ? `${fixed(a / b, 1)}×` : "—");
    const failed = r.m.exitCode === 0 ? "" : ` (exit ${r.m.exitCode})`;
    lines.push(
      `| ${r.size.toLocaleString("en-US")} | ${r.step}${failed} | ${fixed(r.m.wallS, 2)} s | ${r.step === "floor" ? "" : ratio(r.m.wallS, floor?.wallS)} | ${fixed(r.m.cpuS, 2)} s | ${r.step === "floor" ? "" : ratio(r.m.cpuS, floor?.cpuS)} | ${fixed(r.m.peakRssMb, 0)} MB |`,
    );
  }
  return lines.join("\n") + "\n";
}
