// kb lint --watch runs its lint again after each change, and ends with a run's error instead of
// leaving it unhandled: the entries folder moved away while watched was a stack trace and exit 3 (pass T).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { watchFolder } from "../../scripts/cli/watch.ts";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Writes a file in the folder until `done` settles: one write can land before the watcher is ready. */
async function touchUntil(folder: string, done: Promise<unknown>): Promise<void> {
  let settled = false;
  void done.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; !settled && i < 600; i++) {
    writeFileSync(path.join(folder, "touched.json"), String(i));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("watchFolder", () => {
  it("runs again after a change", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "kb-watch-"));
    let runs = 0;
    let ran!: () => void;
    const second = new Promise<void>((resolve) => (ran = resolve));
    void watchFolder(dir, async () => {
      runs++;
      ran();
    }, 10).catch(() => undefined);
    await touchUntil(dir, second);
    expect(runs).toBeGreaterThanOrEqual(1);
  });

  it("ends with the error of a run that failed, instead of leaving it unhandled (pass T: exit 3 and a stack trace)", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "kb-watch-"));
    const failure = new Error("the entries folder entries does not exist");
    const watching = watchFolder(dir, async () => {
      throw failure;
    }, 10);
    await touchUntil(dir, watching);
    await expect(watching).rejects.toBe(failure);
  });
});
