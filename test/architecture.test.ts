// The architecture, checked by dependency-cruiser with the rules in .dependency-cruiser.cjs (no
// cycles, nothing imports upward, the consumer package's folders import no npm package), plus no cycle
// between folders; and a check that the rules catch a violation, so a broken config cannot pass.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/repo.ts";

const require = createRequire(import.meta.url);

interface CruiseResult {
  output: {
    summary: { violations: { rule: { name: string }; from: string; to: string }[] };
    modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[];
  };
}

async function cruiseScripts(cwd: string): Promise<CruiseResult["output"]> {
  const { cruise } = (await import("dependency-cruiser")) as unknown as { cruise: (files: string[], options: object) => Promise<CruiseResult> };
  const config = require(path.join(ROOT, ".dependency-cruiser.cjs")) as { forbidden: object[]; options: object };
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const result = await cruise(["scripts"], { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, tsConfig: { fileName: path.join(ROOT, "tsconfig.json") } });
    return result.output;
  } finally {
    process.chdir(previous);
  }
}

function folderCycles(modules: CruiseResult["output"]["modules"]): string[][] {
  const folder = (f: string) => f.split("/")[1] ?? "";
  const adj = new Map<string, Set<string>>();
  for (const m of modules) {
    if (!m.source.startsWith("scripts/")) continue;
    for (const d of m.dependencies) {
      if (!d.resolved.startsWith("scripts/")) continue;
      const [a, b] = [folder(m.source), folder(d.resolved)];
      if (a === b) continue;
      if (!adj.has(a)) adj.set(a, new Set());
      adj.get(a)!.add(b);
    }
  }
  const cycles: string[][] = [];
  const reaches = (from: string, to: string, seen = new Set<string>()): boolean => {
    for (const n of adj.get(from) ?? []) {
      if (n === to) return true;
      if (!seen.has(n)) {
        seen.add(n);
        if (reaches(n, to, seen)) return true;
      }
    }
    return false;
  };
  for (const [a, targets] of adj) for (const b of targets) if (a < b && reaches(b, a)) cycles.push([a, b]);
  return cycles;
}

describe("architecture", () => {
  it("has no violations, no file cycles and no folder cycles (type imports count)", async () => {
    const output = await cruiseScripts(ROOT);
    expect(output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
    expect(output.modules.length).toBeGreaterThan(100);
    expect(folderCycles(output.modules)).toEqual([]);
  });

  it("catches an upward import and a cycle", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kb-arch-"));
    try {
      const write = (rel: string, text: string) => {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), text);
      };
      write("scripts/lint/a.ts", 'import { b } from "../cli/b.ts";\nexport const a = b;\n');
      write("scripts/cli/b.ts", 'export const b = 1;\n');
      write("scripts/model/c.ts", 'import { d } from "./d.ts";\nexport const c = d;\n');
      write("scripts/model/d.ts", 'import { c } from "./c.ts";\nexport const d = () => c;\n');
      const output = await cruiseScripts(dir);
      const names = output.summary.violations.map((v) => v.rule.name).sort();
      expect(names).toEqual(expect.arrayContaining(["core-not-cli", "lint-below-outputs", "no-cycles"]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
