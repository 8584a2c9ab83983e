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

/** @returns {Promise<{ main(argv: string[]): Promise<number> }>} */
async function load() {
  if (process.env.KB_FROM_SOURCE !== "1" && distIsCurrent()) {
    // A specifier in a variable: dist/ exists only after `npm run prepare`, and the type-checker must not follow it.
    const compiled = "../dist/cli/main.js";
    return import(compiled);
  }
  const { register } = await import("tsx/esm/api");
  register();
  return import("../scripts/cli/main.ts");
}

/** @type {{ main(argv: string[]): Promise<number> }} */
let cli;
try {
  cli = await load();
} catch (e) {
  // A checkout without node_modules (a fresh worktree, a clone before npm ci) printed Node's stack
  // trace, and the pre-commit hook then blamed the entries (pass W).
  const message = String(/** @type {Error} */ (e).message).split("\n")[0] ?? "";
  if (/** @type {NodeJS.ErrnoException} */ (e).code !== "ERR_MODULE_NOT_FOUND" || !message.startsWith("Cannot find package")) throw e;
  const inert = (/** @type {string} */ text) => text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  process.stderr.write(`kb: a package kb needs is not installed (${inert(message)}); run npm ci in ${inert(root)}\n`);
  process.exit(2);
}
process.exitCode = await cli.main(process.argv);
