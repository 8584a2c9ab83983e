// The contributor tier (`npm test`): every suite under test/ except the slow system tier, which has
// its own config (vitest.system.config.ts). A JSON report feeds .ci/run's closing count.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/system/**", "**/node_modules/**"],
    pool: "forks",
    // Both cores: most suites wait on child processes (the CLI, git, python3), not on this one.
    maxWorkers: 2,
    // Each worker keeps its modules loaded from one file to the next: the suites share no mutable
    // state across files (each makes its own temporary repositories), and re-importing them per file
    // cost about 20 s of the two minutes (121 s -> 98 s wall, one idle run each).
    isolate: false,
    globalSetup: ["test/global-setup.ts"],
    // Generous: a deadline in a test is there to end a hang, never to measure speed.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
  },
});
