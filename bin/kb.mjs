#!/usr/bin/env node
// The `kb` command. Runs the JavaScript compiled to dist/ by `npm run prepare` when it was compiled
// from exactly the current sources (it starts in half the time), else registers tsx and runs the
// TypeScript as it is, so an edited source is never shadowed by a stale build. KB_FROM_SOURCE=1
// forces the TypeScript.
import { distIsCurrent } from "../scripts/cache/source-digest.mjs";

/** @type {{ main(argv: string[]): Promise<number> }} */
let cli;
if (process.env.KB_FROM_SOURCE !== "1" && distIsCurrent()) {
  // @ts-ignore dist/ exists only after `npm run prepare`
  cli = await import("../dist/cli/main.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import("../scripts/cli/main.ts");
}
process.exitCode = await cli.main(process.argv);
