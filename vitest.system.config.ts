// The system tier (`npm run test:system`): slow suites that a contributor need not run on every change
// (the consumer package installed from its tarball, SIGKILL and concurrency loops, fuzzing and property
// runs at scale, large-corpus equivalence). CI runs it after `npm test`; .ci/run counts both.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/system/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 2,
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: ["default", ["json", { outputFile: "test-results/vitest-system.json" }]],
  },
});
