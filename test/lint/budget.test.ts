// totalBudgetMs bounds the time regexes run, not the run: time outside regex work is not charged, and
// batches running at once are charged once, so a large corpus is not cut off for its size while a
// hostile one still is (the bench's 100,000-entry lint ran out of a wall-clock budget on parsing alone).
import { describe, expect, it } from "vitest";
import { startBudget } from "../../scripts/lint/regex-runner.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the regex budget", () => {
  it("is not used up by time outside regex work", async () => {
    const budget = startBudget(1_000);
    await sleep(60);
    expect(budget.remainingMs()).toBe(1_000);
  });

  it("is charged for regex work, concurrent batches once", async () => {
    const budget = startBudget(100_000);
    const started = performance.now();
    await Promise.all([budget.charge(() => sleep(80)), budget.charge(() => sleep(80))]);
    const wall = performance.now() - started;
    const used = 100_000 - budget.remainingMs();
    expect(used).toBeGreaterThanOrEqual(70);
    // Charged once: at most the wall time the two took together (each alone took most of it).
    expect(used).toBeLessThanOrEqual(wall + 1);
  });

  it("runs out, and stays out, once the work took it all", async () => {
    const budget = startBudget(30);
    await budget.charge(() => sleep(50));
    expect(budget.remainingMs()).toBe(0);
    await expect(budget.charge(async () => "still runs")).resolves.toBe("still runs");
    expect(budget.remainingMs()).toBe(0);
  });

  it("is charged for regex time a pool worker reports, and ignores reports that are not a time", () => {
    const budget = startBudget(1_000);
    budget.spend(300);
    budget.spend(Number.NaN);
    budget.spend(-50);
    expect(budget.remainingMs()).toBe(700);
    budget.spend(900);
    expect(budget.remainingMs()).toBe(0);
  });
});
