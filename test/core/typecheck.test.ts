// The whole project type-checks under strict: a type error fails the suite like any other bug.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "../helpers/repo.ts";

it("tsc --noEmit is clean", () => {
  let output = "";
  try {
    execFileSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", ROOT], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    output = String((e as { stdout?: string }).stdout ?? e);
  }
  expect(output).toBe("");
}, 180_000);
