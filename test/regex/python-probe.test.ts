// The Python half's watchdog judges Python by its output, so it must not blame Python for this thread's
// own silence: when the main thread was busy (a long collection, a big synchronous step), the event
// loop runs the watchdog's timer before it reads the output waiting in the pipe, and trivial regexes
// were reported as running past regexTimeoutMs. A stand-in interpreter answers on a known schedule.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { probePython } from "../../scripts/regex/python-probe.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("the Python probe's watchdog", () => {
  it("does not call Python stalled for output that waited while this thread was busy", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kb-probe-"));
    dirs.push(dir);
    const runs = path.join(dir, "runs");
    const fake = path.join(dir, "python");
    // Answers the compile at once, the three tests 300 ms later: well inside a 500 ms deadline.
    writeFileSync(fake, `#!/bin/sh\necho run >> '${runs}'\ncat > /dev/null\necho "C 0 null"\nsleep 0.3\necho "R 0 none"\necho "R 1 none"\necho "R 2 none"\n`);
    chmodSync(fake, 0o755);
    const probe = probePython([{ pattern: "x", texts: ["a", "b", "c"] }], { timeoutMs: 500, totalBudgetMs: 60_000, python: fake });
    // This thread is busy from 100 ms to 1.6 s: the answers arrive meanwhile and wait in the pipe. Busy
    // in the check phase (setImmediate), the next thing the event loop runs is the timers, before the pipe.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        const until = Date.now() + 1_500;
        while (Date.now() < until);
        resolve();
      }),
    );
    const result = await probe;
    expect(result.available && result.jobs[0]!.matches).toEqual([{ kind: "no-match" }, { kind: "no-match" }, { kind: "no-match" }]);
    expect(readFileSync(runs, "utf8")).toBe("run\n"); // never killed and started again
  });
});
