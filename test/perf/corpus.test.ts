// The benchmark corpus is realistic only if it is valid: every generated entry passes lint (its regex
// compiles in both engines, matches its own texts and no other entry's), and the same size and seed
// always give the same bytes.
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { entryText, generateEntry } from "../../scripts/bench/corpus.ts";
import { corpusRepo, kb } from "./support.ts";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe("bench corpus", () => {
  it("is deterministic", () => {
    expect(entryText(17, 1000)).toBe(entryText(17, 1000));
    expect(entryText(17, 1000, 1)).not.toBe(entryText(17, 1000, 2));
  });

  it("passes lint with no problem at all, including cross-entry checks", async () => {
    const r = corpusRepo(300);
    cleanups.push(r.cleanup);
    const lint = await kb(r.dir, ["lint", "--format", "json", "--no-cache"]);
    expect(lint.stdout).toBe("[]\n");
    expect(lint.code).toBe(0);
    const domains = readdirSync(path.join(r.dir, "entries"));
    expect(domains.length).toBeGreaterThan(10);
  });

  it("has the variety the benchmark needs", () => {
    const entries = Array.from({ length: 500 }, (_, i) => generateEntry(i, 500) as Record<string, unknown> & { regex: string; dead_ends: unknown[]; workarounds: unknown[]; transition_graph: { leads_to: unknown[] } });
    const counts = (n: (e: (typeof entries)[number]) => number) => new Set(entries.map(n));
    expect(counts((e) => e.dead_ends.length)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(counts((e) => e.workarounds.length)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(entries.some((e) => e.regex.includes("|"))).toBe(true);
    expect(entries.some((e) => e.regex.includes(".*"))).toBe(true);
    expect(entries.filter((e) => e.signature_zh !== undefined).length).toBeGreaterThan(50);
    expect(entries.filter((e) => e.transition_graph.leads_to.length > 0).length).toBeGreaterThan(50);
    const sizes = entries.map((_, i) => entryText(i, 500).length).sort((a, b) => a - b);
    expect(sizes[Math.floor(sizes.length / 2)]).toBeGreaterThan(3000);
  });
});
