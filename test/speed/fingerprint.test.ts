// The cache's tool fingerprint covers the packages kb runs on: a dependency updated in place (npm
// install or npm update keep node_modules/.cache, unlike npm ci) must not leave cached verdicts that a
// run without the cache would not give.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dependencyVersions } from "../../scripts/speed/fingerprint.ts";
import { ROOT } from "../helpers/repo.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function manifest(folder: string, body: object): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "package.json"), JSON.stringify(body));
}

describe("dependencyVersions", () => {
  it("lists every run-time package, transitively and as Node finds them, and changes when one is updated in place", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kb-fingerprint-"));
    dirs.push(dir);
    manifest(dir, { name: "kb", dependencies: { scslre: "^1", gone: "^1" }, devDependencies: { vitest: "^4" } });
    manifest(path.join(dir, "node_modules/scslre"), { version: "0.3.0", dependencies: { refa: "^0.12" } });
    manifest(path.join(dir, "node_modules/refa"), { version: "0.12.1" });
    manifest(path.join(dir, "node_modules/scslre/node_modules/refa"), { version: "0.11.0" }); // nested: what scslre really loads
    manifest(path.join(dir, "node_modules/vitest"), { version: "4.0.0" });
    const before = dependencyVersions(dir);
    expect(before).toEqual(["gone@missing", "refa@0.11.0", "scslre@0.3.0"]);
    manifest(path.join(dir, "node_modules/scslre/node_modules/refa"), { version: "0.12.1" });
    expect(dependencyVersions(dir)).not.toEqual(before);
  });

  it("finds kb's own run-time dependencies in this checkout", () => {
    const versions = dependencyVersions(ROOT);
    for (const name of ["ajv", "scslre", "jsonc-parser", "commander"]) expect(versions.some((v) => v.startsWith(`${name}@`) && !v.endsWith("@missing")), name).toBe(true);
  });
});
