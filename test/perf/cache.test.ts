// The cache must never change results: cold and warm runs of the real CLI on the same corpus give
// byte-identical diagnostics and generated trees, and a cache that is corrupted, or written by another
// version or with other settings, is ignored rather than trusted.
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { canonicalText } from "../../scripts/fix/canonical.ts";
import { cacheFilePath } from "../../scripts/cache/store.ts";
import { entryFile } from "../../scripts/bench/write-corpus.ts";
import { addErrors, addWarnings, corpusRepo, kb, outputs, plantDiagnostic, readCacheFile, removeCache, writeCacheFile } from "./support.ts";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function repo(size: number, ...extras: ((dir: string) => void)[]): string {
  const r = corpusRepo(size, ...extras);
  cleanups.push(r.cleanup);
  return r.dir;
}

const PLANTED = "planted by the test: this run trusted the cache";

describe("lint: cold and warm", () => {
  it("gives byte-identical diagnostics with and without a cache, and the warm run reads the cache", async () => {
    const dir = repo(40, addErrors, addWarnings);
    const uncached = await kb(dir, ["lint", "--format", "json", "--no-cache"]);
    const cold = await kb(dir, ["lint", "--format", "json"]);
    const warm = await kb(dir, ["lint", "--format", "json"]);
    expect(JSON.parse(cold.stdout).length).toBeGreaterThan(8);
    expect(cold.code).toBe(1);
    expect(cold.stdout).toBe(uncached.stdout);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(cold.code);

    // Proof that the warm run was served by the cache: a record planted in it shows up.
    writeCacheFile(dir, "lint", plantDiagnostic(readCacheFile(dir, "lint"), PLANTED));
    expect((await kb(dir, ["lint", "--format", "json"])).stdout).toContain(PLANTED);
  });

  it("re-checks exactly the changed entry: a new problem appears, a fixed one goes", async () => {
    const dir = repo(30, addErrors);
    await kb(dir, ["lint", "--format", "json"]);
    const broken = path.join(dir, "entries/bad/broken-regex.json");
    writeFileSync(broken, readFileSync(broken, "utf8").replace("broken (regex", "broken regex"));
    const changed = path.join(dir, "entries", entryFile(7));
    const value = JSON.parse(readFileSync(changed, "utf8"));
    writeFileSync(changed, canonicalText({ ...value, last_updated: "2099-01-01" }));
    const warm = await kb(dir, ["lint", "--format", "json"]);
    removeCache(dir);
    const cold = await kb(dir, ["lint", "--format", "json", "--no-cache"]);
    expect(warm.stdout).toBe(cold.stdout);
    const rulesOf = (file: string) => (JSON.parse(warm.stdout) as { file: string; rule: string }[]).filter((d) => d.file === file).map((d) => d.rule);
    expect(rulesOf(`entries/${entryFile(7)}`)).toContain("kb/date-order");
    expect(rulesOf("entries/bad/broken-regex.json")).not.toContain("kb/regex-compiles");
  });
});

describe("build and check: cold and warm", () => {
  it("writes byte-identical trees from a cold and a warm cache, and check agrees", async () => {
    const dir = repo(60, addWarnings);
    const cold = await kb(dir, ["build", "--format", "json"]);
    expect(cold.code).toBe(0);
    const coldTree = outputs(dir);
    expect(Object.keys(coldTree).length).toBeGreaterThan(60);

    const checkWarm = await kb(dir, ["check", "--format", "json"]);
    const checkCold = await kb(dir, ["check", "--format", "json", "--no-cache"]);
    expect(checkWarm.stdout).toBe(checkCold.stdout);
    expect(checkWarm.code).toBe(0);

    // A warm build into an emptied folder must write the same bytes.
    const warmDir = repo(60, addWarnings);
    await kb(warmDir, ["build"]);
    const { rmSync } = await import("node:fs");
    rmSync(path.join(warmDir, "generated"), { recursive: true });
    const warm = await kb(warmDir, ["build", "--format", "json"]);
    expect(warm.stdout).toBe(cold.stdout);
    expect(outputs(warmDir)).toEqual(coldTree);
  });

  it("after one entry changes, a warm build equals a cold build of the same entries", async () => {
    const dir = repo(50, addWarnings);
    await kb(dir, ["build"]);
    const file = path.join(dir, "entries", entryFile(1));
    const value = JSON.parse(readFileSync(file, "utf8"));
    // Entry 1 is entry 0's confusion partner: entry 0's view shows its signature, so it must change too.
    writeFileSync(file, canonicalText({ ...value, signature: `${value.signature} (renamed)`, aliases: [...value.aliases] }));
    const before = outputs(dir);
    const warm = await kb(dir, ["build"]);
    expect(warm.code).toBe(0);
    const warmTree = outputs(dir);
    expect(warmTree).not.toEqual(before);

    removeCache(dir);
    const { rmSync } = await import("node:fs");
    rmSync(path.join(dir, "generated"), { recursive: true });
    await kb(dir, ["build", "--no-cache"]);
    expect(warmTree).toEqual(outputs(dir));
  });

  it("re-renders an output made from many entries only when a field it read changed, and still equals a cold build", async () => {
    const dir = repo(40);
    await kb(dir, ["build"]);
    const catalogue = readCacheFile(dir, "outputs").records["README.md"] as { deps: string[] | null };
    expect(catalogue.deps).toEqual(expect.arrayContaining(["id", "signature"]));
    expect(catalogue.deps).not.toContain("root_cause");
    expect((readCacheFile(dir, "outputs").records["index.json"] as { deps: unknown }).deps).toBeNull(); // it lists every key

    const readme = path.join(dir, "generated", "README.md");
    const inode = statSync(readme).ino;
    const file = path.join(dir, "entries", entryFile(7));
    const value = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, canonicalText({ ...value, root_cause: `${value.root_cause} A sentence the catalogue never shows.` }));
    const quiet = await kb(dir, ["build"]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toContain("3 updated"); // the view, index.json and the domain's JSON; not the catalogue
    expect(statSync(readme).ino).toBe(inode);

    writeFileSync(file, canonicalText({ ...value, signature: `${value.signature} (renamed)` }));
    const loud = await kb(dir, ["build"]);
    expect(loud.code).toBe(0);
    expect(statSync(readme).ino).not.toBe(inode);
    const warmTree = outputs(dir);

    removeCache(dir);
    rmSync(path.join(dir, "generated"), { recursive: true });
    await kb(dir, ["build", "--no-cache"]);
    expect(warmTree).toEqual(outputs(dir));
  });

  it("notices a generated file edited behind its back, even with a warm cache", async () => {
    const dir = repo(20);
    await kb(dir, ["build"]);
    await kb(dir, ["check"]);
    const view = path.join(dir, "generated", entryFile(3).replace(/\.json$/, ".md"));
    // Same length, so only the content tells.
    writeFileSync(view, readFileSync(view, "utf8").replace("Root cause", "Root Cause"));
    const warm = await kb(dir, ["check", "--format", "json"]);
    const cold = await kb(dir, ["check", "--format", "json", "--no-cache"]);
    expect(warm.code).toBe(1);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.stdout).toContain("is stale");
    const rebuilt = await kb(dir, ["build"]);
    expect(rebuilt.stderr).toContain("1 updated");
  });
});

describe("a cache that cannot be trusted is ignored", () => {
  it("ignores a corrupted lint cache: results equal a run without cache", async () => {
    const dir = repo(30, addErrors);
    const reference = await kb(dir, ["lint", "--format", "json", "--no-cache"]);
    await kb(dir, ["lint", "--format", "json"]);
    // Records changed without updating the checksum, as a torn or hand-edited file would be.
    writeCacheFile(dir, "lint", plantDiagnostic(readCacheFile(dir, "lint"), PLANTED), false);
    const afterTamper = await kb(dir, ["lint", "--format", "json"]);
    expect(afterTamper.stdout).toBe(reference.stdout);
    // Truncated in the middle.
    const file = cacheFilePath(dir, "lint");
    writeFileSync(file, readFileSync(file, "utf8").slice(0, 200));
    expect((await kb(dir, ["lint", "--format", "json"])).stdout).toBe(reference.stdout);
    writeFileSync(file, "\u0000garbage");
    expect((await kb(dir, ["lint", "--format", "json"])).stdout).toBe(reference.stdout);
  });

  it("ignores a cache written by another version or with other settings", async () => {
    const dir = repo(30, addErrors);
    const reference = await kb(dir, ["lint", "--format", "json", "--no-cache"]);
    await kb(dir, ["lint", "--format", "json"]);
    const parts = plantDiagnostic(readCacheFile(dir, "lint"), PLANTED);
    writeCacheFile(dir, "lint", { ...parts, header: { ...parts.header, context: "written-by-another-version" } });
    expect((await kb(dir, ["lint", "--format", "json"])).stdout).toBe(reference.stdout);

    writeCacheFile(dir, "lint", { ...parts, header: { ...parts.header, format: 0 } });
    expect((await kb(dir, ["lint", "--format", "json"])).stdout).toBe(reference.stdout);

    // Another day is another context: a date in the future today may not be tomorrow.
    await kb(dir, ["lint", "--format", "json"]);
    writeCacheFile(dir, "lint", plantDiagnostic(readCacheFile(dir, "lint"), PLANTED));
    const otherDay = await kb(dir, ["lint", "--format", "json"], { KB_TODAY: "2027-01-01" });
    expect(otherDay.stdout).not.toContain(PLANTED);
  });

  it("ignores a corrupted or foreign outputs cache: the tree equals a build without cache", async () => {
    const dir = repo(30, addWarnings);
    await kb(dir, ["build"]);
    const reference = outputs(dir);
    const parts = readCacheFile(dir, "outputs");
    // Claim every output is already up to date with a content no file has.
    const lying = Object.fromEntries(Object.entries(parts.records).map(([k, r]) => [k, { ...(r as object), hash: "0".repeat(40), stat: null }]));
    const { rmSync } = await import("node:fs");
    for (const [valid, header] of [[false, parts.header], [true, { ...parts.header, context: "another-version" }]] as const) {
      rmSync(path.join(dir, "generated"), { recursive: true });
      writeCacheFile(dir, "outputs", { ...parts, header, records: lying }, valid);
      const build = await kb(dir, ["build"]);
      expect(build.code).toBe(0);
      expect(outputs(dir)).toEqual(reference);
    }
  });
});
