// The worker pool after a worker dies (past its heap limit on a huge batch, or killed): the work it
// held is rejected, and later work is never posted to it, where a message is lost and a promise never
// settles (kb build then exited 0 having written nothing). Callers do rejected work themselves.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WorkerPool } from "../../scripts/speed/pool.ts";
import { ROOT } from "../helpers/repo.ts";

describe("the worker pool", () => {
  it("never gives work to a worker that has died, and says when none is left", async () => {
    const pool = new WorkerPool(1);
    try {
      const slots = (pool as unknown as { slots: { worker: import("node:worker_threads").Worker }[] }).slots;
      const exited = new Promise((resolve) => slots[0]!.worker.once("exit", resolve));
      await slots[0]!.worker.terminate();
      await exited;
      await expect(pool.run("render", () => ({ views: [] }))).rejects.toThrow("no worker of the pool is left");
    } finally {
      await pool.close();
    }
  });

  it("gives a worker one task at a time, making each task's payload only when a worker takes it", async () => {
    const pool = new WorkerPool(1);
    try {
      const made: number[] = [];
      const task = (n: number) => () => {
        made.push(n);
        return { views: [] };
      };
      const first = pool.run("render", task(1));
      const second = pool.run("render", task(2));
      const third = pool.run("render", task(3));
      // Only the first was handed over; the other two wait in this thread, not in the worker's heap.
      expect(made).toEqual([1]);
      await first;
      await Promise.all([second, third]);
      expect(made).toEqual([1, 2, 3]);
    } finally {
      await pool.close();
    }
  });

  it("hands the tasks that wait to the other worker when one dies, and rejects only the task it held", async () => {
    const pool = new WorkerPool(2);
    try {
      const slots = (pool as unknown as { slots: { worker: import("node:worker_threads").Worker }[] }).slots;
      const tasks = [1, 2, 3, 4].map(() => pool.run("render", () => ({ views: [] })));
      const exited = new Promise((resolve) => slots[0]!.worker.once("exit", resolve));
      await slots[0]!.worker.terminate();
      await exited;
      const outcomes = await Promise.allSettled(tasks);
      expect(outcomes.map((o) => o.status)).toEqual(["rejected", "fulfilled", "fulfilled", "fulfilled"]);
    } finally {
      await pool.close();
    }
  });
});

describe("a command whose work was lost", () => {
  it("exits 3 saying so, not 0 as if all went well", () => {
    const script = `import { guardUnfinishedCommand } from ${JSON.stringify(path.join(ROOT, "scripts/cli/main.ts"))}; guardUnfinishedCommand(); new Promise(() => {});`;
    const res = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(res.stderr).toContain("kb: internal error: kb stopped before the command finished");
    expect(res.status).toBe(3);
  });
});
