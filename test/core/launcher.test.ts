// bin/kb.mjs runs the compiled dist/ only while it was compiled from exactly the current sources; the
// digest that decides it must notice any edit, addition or removal under scripts/ or bin/, and both
// ways of running must give the same results.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync, unlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { copyShippedRepo, ROOT, runKb } from "../helpers/repo.ts";

const tmp = mkdtempSync(path.join(os.tmpdir(), "kb-launcher-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A fresh copy of the digest module in a tree of its own, so the module's ROOT is that tree. */
async function digestIn(tree: string): Promise<{ current(): boolean; stamp(): void }> {
  const mod = (await import(`${pathToFileURL(path.join(tree, "scripts/cache/source-digest.mjs")).href}?t=${Date.now()}${Math.random()}`)) as {
    distIsCurrent(): boolean;
    sourceDigest(): string;
    DIST_STAMP: string;
  };
  return {
    current: () => mod.distIsCurrent(),
    stamp: () => {
      mkdirSync(path.dirname(mod.DIST_STAMP), { recursive: true });
      writeFileSync(mod.DIST_STAMP, `${mod.sourceDigest()}\n`);
    },
  };
}

function tree(name: string): string {
  const dir = path.join(tmp, name);
  cpSync(path.join(ROOT, "scripts"), path.join(dir, "scripts"), { recursive: true });
  cpSync(path.join(ROOT, "bin"), path.join(dir, "bin"), { recursive: true });
  return dir;
}

describe("the dist/ stamp", () => {
  it("is current right after stamping and not without a stamp", async () => {
    const dir = tree("fresh");
    const d = await digestIn(dir);
    expect(d.current()).toBe(false);
    d.stamp();
    expect((await digestIn(dir)).current()).toBe(true);
  });

  it.each([
    ["an edited source", (dir: string) => appendFileSync(path.join(dir, "scripts/rules/registry.ts"), "\n// edited\n")],
    ["a new source", (dir: string) => writeFileSync(path.join(dir, "scripts/core/new-module.ts"), "export {};\n")],
    ["a removed source", (dir: string) => unlinkSync(path.join(dir, "scripts/report/inert-text.ts"))],
    ["an edited launcher", (dir: string) => appendFileSync(path.join(dir, "bin/kb.mjs"), "\n")],
  ])("is stale after %s", async (name, change) => {
    const dir = tree(name.replace(/ /g, "-"));
    (await digestIn(dir)).stamp();
    change(dir);
    expect((await digestIn(dir)).current()).toBe(false);
  });
});

describe("running from dist/ and from the sources", () => {
  it("gives the same diagnostics and the same check verdict", async () => {
    const repo = copyShippedRepo(true);
    try {
      for (const args of [["lint", "--format", "json", "--no-cache"], ["check", "--format", "json", "--no-cache"]]) {
        const compiled = await runKb(args, { cwd: repo.dir });
        const sources = await runKb(args, { cwd: repo.dir, env: { KB_FROM_SOURCE: "1" } });
        expect(compiled.code).toBe(0);
        expect(sources.code).toBe(compiled.code);
        expect(sources.stdout).toBe(compiled.stdout);
      }
    } finally {
      repo.cleanup();
    }
  });
});
