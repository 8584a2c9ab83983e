// The closing line of .ci/run, "N passed, N failed", counted from both test tiers' vitest JSON reports
// and the `kb check` exit status. A tier whose report is missing or unreadable, a suite that failed to
// load, and a tier that exited non-zero with nothing counted as failed each count as one failure:
// a crash is never a pass. Usage: node .ci/count.mjs <report> <status> [<report> <status>...] <check-status>
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/**
 * @param {{ file: string, status: number }[]} tiers
 * @param {number} checkStatus
 * @returns {string}
 */
export function count(tiers, checkStatus) {
  let passed = 0;
  let failed = 0;
  for (const { file, status } of tiers) {
    /** @type {any} */
    let report;
    try {
      report = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      failed += 1;
      continue;
    }
    const tests = Number.isInteger(report.numPassedTests) && Number.isInteger(report.numFailedTests);
    if (!tests) {
      failed += 1;
      continue;
    }
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    const broken = (report.testResults ?? []).filter((/** @type {{ status?: string, assertionResults?: { status?: string }[] }} */ r) => r.status === "failed" && !(r.assertionResults ?? []).some((a) => a.status === "failed")).length;
    failed += broken;
    if (status !== 0 && report.numFailedTests === 0 && broken === 0) failed += 1;
  }
  if (checkStatus === 0) passed += 1;
  else failed += 1;
  return `${passed} passed, ${failed} failed`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const checkStatus = Number(args.pop());
  const tiers = [];
  for (let i = 0; i + 1 < args.length; i += 2) tiers.push({ file: String(args[i]), status: Number(args[i + 1]) });
  console.log(count(tiers, checkStatus));
}
