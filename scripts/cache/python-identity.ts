// Which Python answers `python3` on this machine, for cache contexts: regex verdicts computed with one
// Python (or with none) are not reused with another.
import { spawn } from "node:child_process";

let identity: Promise<string> | undefined;

/** "python <version>" or "no python3"; asked once per process. */
export function pythonIdentity(): Promise<string> {
  identity ??= new Promise((resolve) => {
    const child = spawn("python3", ["-I", "-c", "import sys; print(sys.version)"], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (c: string) => (out += c));
    child.on("error", () => resolve("no python3"));
    child.on("close", (code) => resolve(code === 0 ? `python ${out.trim()}` : "no python3"));
  });
  return identity;
}
