// Which Python answers `python3` on this machine, for cache contexts: regex verdicts computed with one
// Python (or with none) are not reused with another.
import { resolvePython } from "../regex/python-probe.ts";

/** "python <version> at <path>" or "no python3"; asked once per process. */
export async function pythonIdentity(): Promise<string> {
  const p = await resolvePython();
  return p ? `python ${p.version} at ${p.executable}` : "no python3";
}
