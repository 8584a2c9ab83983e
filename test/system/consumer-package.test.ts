// The consumer package as a consumer gets it: packed, installed from its tarball into an empty project
// with --ignore-scripts and no network, with nothing else installed; README's examples run in ESM,
// CommonJS and strict TypeScript (node16, bundler and node10 resolution), and the JSON is typed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConsumerPackage } from "../../scripts/package/pack-consumer.ts";
import { ROOT } from "../helpers/repo.ts";

let project: string;
let tarball: string;

/** The fenced blocks of README's consumer section, by their info string (mjs, cjs, ts). */
function readmeExamples(): Record<string, string> {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Using the knowledge base from code"));
  const blocks: Record<string, string> = {};
  for (const m of section.matchAll(/```(mjs|cjs|ts)\n([\s\S]*?)```/g)) blocks[m[1]!] ??= m[2]!;
  return blocks;
}

beforeAll(() => {
  tarball = buildConsumerPackage();
  project = mkdtempSync(path.join(os.tmpdir(), "kb-consumer-"));
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  execFileSync("npm", ["install", tarball, "--ignore-scripts", "--offline", "--no-audit", "--no-fund"], { cwd: project, stdio: "pipe" });
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("error-kb-data", () => {
  it("installs nothing else, and ships nothing of the CLI", () => {
    const tree = JSON.parse(execFileSync("npm", ["ls", "--all", "--json"], { cwd: project, encoding: "utf8" })) as { dependencies: Record<string, { dependencies?: object }> };
    expect(Object.keys(tree.dependencies)).toEqual(["error-kb-data"]);
    expect(tree.dependencies["error-kb-data"]!.dependencies).toBeUndefined();
    const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n");
    expect(files.some((f) => /cli\/|bin\/|runner\/|lint\/|\/outputs\//.test(f))).toBe(false);
    expect(files).toContain("package/index.json");
    expect(files).toContain("package/lib/cjs/lookup/index.d.ts");
  });

  it("runs README's ESM example", () => {
    const { mjs } = readmeExamples();
    writeFileSync(path.join(project, "example.mjs"), mjs!);
    const out = execFileSync(process.execPath, ["example.mjs"], { cwd: project, encoding: "utf8" });
    expect(out).toContain("node/eaddrinuse-address-already-in-use");
  });

  it("runs README's CommonJS example", () => {
    const { cjs } = readmeExamples();
    writeFileSync(path.join(project, "example.cjs"), cjs!);
    const out = execFileSync(process.execPath, ["example.cjs"], { cwd: project, encoding: "utf8" });
    expect(out).toContain("python/modulenotfounderror-no-module-named");
  });

  for (const resolution of ["node16", "bundler", "node10"] as const) {
    it(`type-checks README's TypeScript example strictly with moduleResolution ${resolution}, JSON typed`, () => {
      const { ts } = readmeExamples();
      const dir = path.join(project, `ts-${resolution}`);
      execFileSync("mkdir", ["-p", dir]);
      writeFileSync(path.join(dir, "example.ts"), `${ts!}\n// The JSON's type is the index's, not a literal: this line does not compile otherwise.\nconst check: import("error-kb-data").BundledIndex = index;\nvoid check;\n`);
      const module = resolution === "node16" ? "node16" : resolution === "bundler" ? "esnext" : "commonjs";
      writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module, moduleResolution: resolution, resolveJsonModule: true, esModuleInterop: true, skipLibCheck: false, target: "es2022", types: [], ignoreDeprecations: "6.0", ...(resolution === "node10" ? {} : {}) }, include: ["example.ts"] }),
      );
      writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: resolution === "node16" ? "module" : "commonjs" }));
      const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
      const run = () => execFileSync(process.execPath, [tsc, "-p", dir], { cwd: project, encoding: "utf8", stdio: "pipe" });
      expect(run).not.toThrow();
    });
  }
});
