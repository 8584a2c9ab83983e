// Self-resolution over the shipped knowledge base, through the same lookup() consumers call: every
// signature, alias and match example must come back with its own entry first.
import path from "node:path";
import fg from "fast-glob";
import { describe, expect, it } from "vitest";
import { lookup, type LookupEntry } from "../../scripts/lookup/lookup.ts";
import type { Entry } from "../../scripts/schema/entry-schema.ts";
import { copyShippedRepo, readJson, ROOT, runKb } from "../helpers/repo.ts";

const entries = fg.sync("entries/**/*.json", { cwd: ROOT }).sort().map((f) => readJson<Entry>(path.join(ROOT, f)));
const index: LookupEntry[] = entries.map((e) => ({ id: e.id, regex: e.regex, signature: e.signature, fix_success_rate: e.fix_success_rate }));
const texts = entries.flatMap((e) => [e.signature, ...(e.aliases ?? []), ...(e.examples?.match ?? [])].map((t) => [e.id, t] as const));

describe("self-resolution", () => {
  it("covers a meaningful number of texts", () => {
    expect(entries.length).toBeGreaterThanOrEqual(12);
    expect(texts.length).toBeGreaterThan(entries.length * 2);
  });

  it.each(texts)("%s: %s", async (id, text) => {
    const report = await lookup(text, index, { threads: 1 });
    expect(report.results[0]?.id).toBe(id);
  });

  it("kb stats prints the figure and exits 0 at 100%", async () => {
    const repo = copyShippedRepo();
    try {
      const r = await runKb(["stats", "--format", "json"], { cwd: repo.dir });
      const stats = JSON.parse(r.stdout) as { self_resolution: { resolved: number; total: number; share: number } };
      expect(stats.self_resolution.total).toBe(texts.length);
      expect(stats.self_resolution.share).toBe(1);
      expect(r.code).toBe(0);
    } finally {
      repo.cleanup();
    }
  });
});
