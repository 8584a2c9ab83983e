// The backtracking analysis runs in a worker under a deadline: a pattern whose analysis overruns is
// stopped and counted as a timeout, the patterns after it are still analysed (in a fresh worker), and
// once the total budget is spent the rest are skipped, never passed. The hostile pattern's analysis
// takes tens of seconds; the deadlines here are a fraction of that, so no result depends on speed.
import { describe, expect, it } from "vitest";
import { analyseWithDeadline } from "../../scripts/regex/analysis-runner.ts";

/** 150 alternations under a repeat: scslre took 32 s on it in lint's own thread. */
const HOSTILE = `X(?:${"(?:.*a|b)".repeat(150)})+;`;

describe("analyseWithDeadline", () => {
  it("stops an analysis that overruns, and analyses the patterns after it in a fresh worker", async () => {
    const out = await analyseWithDeadline([HOSTILE, "a(?:.*x)+y", "plain text"], { timeoutMs: 1_000, totalBudgetMs: 120_000 });
    expect(out[0]).toEqual({ kind: "timeout" });
    expect(out[1]).toMatchObject({ kind: "analysed", findings: [{ exponential: true }] });
    expect(out[2]).toEqual({ kind: "analysed", findings: [] });
  });

  it("counts a pattern whose analysis runs out of the worker's heap as failed, and goes on in a fresh worker", async () => {
    const huge = `(?:${Array.from({ length: 200_000 }, (_, i) => `w${i}`).join("|")})`;
    const out = await analyseWithDeadline([huge, "a(?:.*x)+y"], { timeoutMs: 120_000, totalBudgetMs: 120_000, heapMb: 32 });
    expect(out[0]).toMatchObject({ kind: "failed", reason: expect.stringMatching(/memory/) });
    expect(out[1]).toMatchObject({ kind: "analysed", findings: [{ exponential: true }] });
  });

  it("keeps a deadline longer than a Node timer holds, instead of firing it at once (pass T: every regex timed out, with a TimeoutOverflowWarning)", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      expect(await analyseWithDeadline(["a(?:.*x)+y"], { timeoutMs: 3_000_000_000, totalBudgetMs: 9_000_000_000_000 })).toMatchObject([{ kind: "analysed", findings: [{ exponential: true }] }]);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it("skips what the total budget leaves no time for", async () => {
    const out = await analyseWithDeadline(["a", HOSTILE, "b"], { timeoutMs: 120_000, totalBudgetMs: 0 });
    expect(out.map((o) => o.kind)).toEqual(["skipped", "skipped", "skipped"]);
  });
});

describe("analyseWithDeadline, called many times", () => {
  it("keeps one worker without adding a listener per call (20,000 entries printed MaxListenersExceededWarning, pass S)", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      for (let i = 0; i < 15; i++) expect(await analyseWithDeadline([`a${i}`], { timeoutMs: 120_000, totalBudgetMs: 120_000 })).toEqual([{ kind: "analysed", findings: [] }]);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });
});
