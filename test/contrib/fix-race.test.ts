// `kb fix` and a contributor's editor at once: an entry saved between fix reading it and fix's write
// landing keeps the contributor's bytes (the writer is wrapped to save the file just before it runs).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { entryText, validEntry } from "../helpers/entries.ts";
import { makeRepo, type TempRepo } from "../helpers/repo.ts";

const EDIT = `${entryText(validEntry("demo/sample-error", { root_cause: "The contributor's newest words." }))}`;

vi.mock("../../scripts/write/atomic.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../scripts/write/atomic.ts")>();
  return {
    ...real,
    writeFileAtomic: async (file: string, ...rest: Parameters<typeof real.writeFileAtomic> extends [unknown, ...infer R] ? R : never) => {
      writeFileSync(file, EDIT); // the editor saves now
      return real.writeFileAtomic(file, ...rest);
    },
  };
});

const repos: TempRepo[] = [];
const cwd = process.cwd();
afterEach(() => {
  process.chdir(cwd);
  for (const r of repos.splice(0)) r.cleanup();
});

describe("kb fix while the entry is being edited", () => {
  it("keeps the edit saved after fix read the file, and says it left the file as it is", async () => {
    const { fixCommand } = await import("../../scripts/cli/commands/fix.ts");
    const repo = makeRepo({ "entries/demo/sample-error.json": entryText(validEntry()).replace('"confidence": 0.6', '"confidence": "0.6"') });
    repos.push(repo);
    process.chdir(repo.dir);
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => (stderr.push(String(s)), true));
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      await fixCommand([], { python: false, cache: false, threads: "1" } as never);
    } finally {
      spy.mockRestore();
      stdout.mockRestore();
    }
    expect(readFileSync(path.join(repo.dir, "entries/demo/sample-error.json"), "utf8")).toBe(EDIT);
    expect(stderr.join("")).toContain("kb fix: left entries/demo/sample-error.json as it is: it changed while kb fix ran");
  });
});
