// error-kb as another project sees it: a copy of the package built by its own `prepare` script, linked
// into a consumer's node_modules, imported through package.json "exports" by plain node (the README
// example) and type-checked by tsc as a TypeScript consumer would.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BundledIndex } from "../../scripts/build/bundle.ts";
import { makeRepo, readJson, ROOT } from "../helpers/repo.ts";

// The example exactly as README.md shows it, under "From your code".
const example = /```js\n([\s\S]*?)```/.exec(readFileSync(path.join(ROOT, "README.md"), "utf8").split("### From your code")[1]!)![1]!;
const workspace = makeRepo();
const pkg = path.join(workspace.dir, "error-kb");
const consumer = path.join(workspace.dir, "consumer");

const node = (file: string) => spawnSync(process.execPath, [file], { cwd: consumer, encoding: "utf8", timeout: 60_000 });

beforeAll(() => {
  // What an install from the repository gets: the package files, then `npm run prepare`.
  mkdirSync(pkg);
  for (const f of ["package.json", "tsconfig.json", "tsconfig.build.json"]) cpSync(path.join(ROOT, f), path.join(pkg, f));
  for (const d of ["scripts", "generated"]) cpSync(path.join(ROOT, d), path.join(pkg, d), { recursive: true });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(pkg, "node_modules"), "dir");
  execFileSync("npm", ["run", "--silent", "prepare"], { cwd: pkg, stdio: "pipe", env: { ...process.env, npm_config_update_notifier: "false" } });

  mkdirSync(path.join(consumer, "node_modules"), { recursive: true });
  writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  symlinkSync(pkg, path.join(consumer, "node_modules/error-kb"), "dir");
}, 120_000);

afterAll(() => workspace.cleanup());

describe("error-kb as a package", () => {
  it("runs the README example with plain node and finds the error", () => {
    writeFileSync(path.join(consumer, "example.mjs"), example);
    const r = node("example.mjs");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const entry = readJson<BundledIndex>(path.join(ROOT, "generated/index.json")).entries.find((e) => e.id === "node/eaddrinuse-address-already-in-use")!;
    expect(r.stdout).toBe(`node/eaddrinuse-address-already-in-use\n${entry.workarounds[0]!.action}\n`);
    expect(example).toContain("// node/eaddrinuse-address-already-in-use");
  });

  it("looks up through match.json too, and exposes only what exports lists", () => {
    writeFileSync(
      path.join(consumer, "compact.mjs"),
      [
        'import { loadMatchIndex, lookup, INDEX_SCHEMA_VERSION } from "error-kb";',
        'const { results } = await lookup("fatal: refusing to merge unrelated histories", await loadMatchIndex());',
        "console.log(results[0]?.entry.id, results[0]?.entry.flags, INDEX_SCHEMA_VERSION);",
        'try { await import("error-kb/scripts/index.ts"); console.log("deep import allowed"); } catch (e) { console.log(e.code); }',
        'const { createRequire } = await import("node:module");',
        'console.log(createRequire(import.meta.url)("error-kb/generated/match.json").count > 0);',
      ].join("\n"),
    );
    const r = node("compact.mjs");
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")).toEqual(["git/refusing-to-merge-unrelated-histories iu 1.0.0", "ERR_PACKAGE_PATH_NOT_EXPORTED", "true", ""]);
  });

  it("type-checks a TypeScript consumer against the published types", () => {
    writeFileSync(
      path.join(consumer, "check.ts"),
      [
        'import { loadIndex, loadMatchIndex, lookup, type Entry, type IndexedEntry, type IndexLookupResult, type MatchIndexEntry } from "error-kb";',
        "const report = await lookup(\"x\", await loadIndex());",
        "const first: IndexLookupResult<IndexedEntry> | undefined = report.results[0];",
        "const zh: string | null | undefined = first?.entry.signature_zh;",
        "const compact: IndexLookupResult<MatchIndexEntry>[] = (await lookup(\"x\", await loadMatchIndex())).results;",
        'const resolvable: Entry["resolvable"] = "partial";',
        "// @ts-expect-error: the entry type knows its fields, so a wrong one is an error",
        "first?.entry.no_such_field;",
        "console.log(zh, compact.length, resolvable);",
      ].join("\n"),
    );
    writeFileSync(
      path.join(consumer, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ["check.ts"] }),
    );
    const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", consumer], { encoding: "utf8", timeout: 120_000 });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 120_000);
});
