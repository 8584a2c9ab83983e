// @ts-check
// Stand-in for GNU time where it is not installed: preloaded into the measured Node process
// (node --import), it writes "<wall s> <user s> <system s> <peak RSS KB>" of that process, worker
// threads included, to $KB_BENCH_RUSAGE when it exits. Child processes (python3) are not counted.
import { writeFileSync } from "node:fs";

const report = process.env.KB_BENCH_RUSAGE;
if (report) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(report, `${process.uptime()} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6} ${u.maxRSS}\n`);
  });
}
