// Before the suites: make sure dist/ is compiled from the current sources, so the many CLI runs of
// the tests start the compiled kb (about a third of the time tsx takes) and test what users run.
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function newest(dir: string): number {
  let latest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, item.name);
    latest = Math.max(latest, item.isDirectory() ? newest(abs) : statSync(abs).mtimeMs);
  }
  return latest;
}

export default function setup(): void {
  let built = 0;
  try {
    built = statSync(path.join(ROOT, "dist", ".built")).mtimeMs;
  } catch {
    built = 0;
  }
  if (built < newest(path.join(ROOT, "scripts"))) execFileSync("npm", ["run", "--silent", "prepare"], { cwd: ROOT, stdio: "inherit" });
}
