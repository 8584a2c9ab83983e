#!/usr/bin/env node
// The `kb` command. Runs the JavaScript that `npm run prepare` compiled to dist/ when it is newer than
// every source file (a make-style check on modification times), else registers tsx and runs the
// TypeScript as it is, so an edited source is never shadowed by a stale build. KB_FROM_SOURCE=1
// forces the TypeScript.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Newest modification time of any file under `dir` (links not followed). @param {string} dir @returns {number} */
function newest(dir) {
  let latest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, item.name);
    if (item.isDirectory()) latest = Math.max(latest, newest(abs));
    else if (item.isFile()) latest = Math.max(latest, statSync(abs).mtimeMs);
  }
  return latest;
}

function distIsCurrent() {
  try {
    return statSync(path.join(root, "dist", ".built")).mtimeMs >= newest(path.join(root, "scripts"));
  } catch {
    return false;
  }
}

/** @type {{ main(argv: string[]): Promise<number> }} */
let cli;
if (process.env.KB_FROM_SOURCE !== "1" && distIsCurrent()) {
  // A specifier in a variable: dist/ exists only after `npm run prepare`, and the type-checker must not follow it.
  const compiled = "../dist/cli/main.js";
  cli = await import(compiled);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import("../scripts/cli/main.ts");
}
process.exitCode = await cli.main(process.argv);
