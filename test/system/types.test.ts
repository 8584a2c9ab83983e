// The project type-checks (tsc --noEmit over scripts/, test/, bin/ and the configs): vitest runs
// TypeScript unchecked, so without this a type error would only show in an editor. ~10 s, hence here.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/repo.ts";

describe("types", () => {
  it("tsc --noEmit finds nothing", () => {
    const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "--noEmit", "-p", ROOT], { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  });
});
