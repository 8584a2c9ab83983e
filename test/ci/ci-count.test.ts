// The closing line CI reads: both tiers and the check counted, and nothing that crashed counted as a pass.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { count } from "../../.ci/count.mjs";

const dir = mkdtempSync(path.join(os.tmpdir(), "kb-count-"));
function report(name: string, body: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof body === "string" ? body : JSON.stringify(body));
  return file;
}
const ok = (passed: number, failed = 0, testResults: unknown[] = []) => ({ numPassedTests: passed, numFailedTests: failed, testResults });

describe(".ci/count.mjs", () => {
  it("adds both tiers and the check", () => {
    expect(count([{ file: report("a.json", ok(10)), status: 0 }, { file: report("b.json", ok(5)), status: 0 }], 0)).toBe("16 passed, 0 failed");
  });
  it("counts failed tests, a failed check, and a suite that failed to load", () => {
    const loadFailure = ok(3, 1, [{ status: "failed", assertionResults: [] }, { status: "failed", assertionResults: [{ status: "failed" }] }]);
    expect(count([{ file: report("c.json", loadFailure), status: 1 }], 1)).toBe("3 passed, 3 failed");
  });
  it("counts a missing, torn or shapeless report, and a non-zero exit with nothing failed, as failures", () => {
    const tiers = [
      { file: path.join(dir, "missing.json"), status: 1 },
      { file: report("torn.json", '{"numPassedTests": 4'), status: 1 },
      { file: report("shape.json", { passed: 4 }), status: 0 },
      { file: report("silent.json", ok(7)), status: 1 },
    ];
    expect(count(tiers, 0)).toBe("8 passed, 4 failed");
  });
});
