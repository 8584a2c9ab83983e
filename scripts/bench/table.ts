// Formats benchmark results as a Markdown table, with each figure's ratio to the floor measured in
// the same run, so results from noisy or different machines stay comparable.
import type { Measurement } from "./measure.ts";

export interface BenchRow {
  readonly size: number;
  readonly step: string;
  readonly m: Measurement;
}

const fixed = (n: number, digits: number) => n.toFixed(digits);

/** Issue 14's targets, by corpus size and step: wall seconds, CPU seconds, and peak RSS for every step. */
interface Target {
  readonly wallS?: number;
  readonly cpuS?: number;
}
interface SizeTargets {
  readonly steps: Readonly<Record<string, Target>>;
  readonly rssMb: number;
}
const TARGETS = new Map<number, SizeTargets>([
  [2_500, { steps: { "cold `build`": { wallS: 4, cpuS: 7 }, "warm `check`, nothing changed": { wallS: 0.5 }, "`build` after one entry changed": { wallS: 0.8 } }, rssMb: 300 }],
  [10_000, { steps: { "cold `build`": { wallS: 16 }, "warm `check`, nothing changed": { wallS: 2 }, "`build` after one entry changed": { wallS: 2 }, "`lookup -` of a 100,000-line log": { wallS: 2 } }, rssMb: 600 }],
  [100_000, { steps: { "cold `build`": { wallS: 120 }, "warm `check`, nothing changed": { wallS: 10 }, "`build` after one entry changed": { wallS: 5 } }, rssMb: 2_048 }],
]);

/** The target of a row and whether the measurement meets it ("" when the size or step has none). */
export function targetOf(r: BenchRow): { text: string; met: boolean | undefined } {
  const forSize = TARGETS.get(r.size);
  if (!forSize || r.step === "floor") return { text: "", met: undefined };
  const t = forSize.steps[r.step] ?? {};
  const parts = [t.wallS !== undefined ? `≤ ${t.wallS} s` : "", t.cpuS !== undefined ? `≤ ${t.cpuS} CPU-s` : "", `≤ ${forSize.rssMb.toLocaleString("en-US")} MB`].filter(Boolean);
  const met = r.m.exitCode === 0 && (t.wallS === undefined || r.m.wallS <= t.wallS) && (t.cpuS === undefined || r.m.cpuS <= t.cpuS) && r.m.peakRssMb <= forSize.rssMb;
  return { text: parts.join(", "), met };
}

export function formatTable(rows: readonly BenchRow[], floors: ReadonlyMap<number, Measurement>): string {
  const lines = [
    "| entries | step | wall | × floor | CPU (user+sys) | × floor | peak RSS | target (issue 14) | met |",
    "|---:|---|---:|---:|---:|---:|---:|---|:-:|",
  ];
  for (const r of rows) {
    const floor = floors.get(r.size);
    const ratio = (a: number, b: number | undefined) => (b && b > 0 ? `${fixed(a / b, 1)}×` : "—");
    const failed = r.m.exitCode === 0 ? "" : ` (exit ${r.m.exitCode})`;
    const target = targetOf(r);
    lines.push(
      `| ${r.size.toLocaleString("en-US")} | ${r.step}${failed} | ${fixed(r.m.wallS, 2)} s | ${r.step === "floor" ? "" : ratio(r.m.wallS, floor?.wallS)} | ${fixed(r.m.cpuS, 2)} s | ${r.step === "floor" ? "" : ratio(r.m.cpuS, floor?.cpuS)} | ${fixed(r.m.peakRssMb, 0)} MB | ${target.text} | ${target.met === undefined ? "" : target.met ? "yes" : "**no**"} |`,
    );
  }
  return lines.join("\n") + "\n";
}
