// The incremental decorator rewrites an index by taking its unchanged entries' text from the file it
// wrote last time. This shows that it does (one entry changed: every other entry reused, none made),
// that the bytes are the bare writer's, that a file rewritten with the same bytes (a checkout) is
// still used, and that one edited by hand is not.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Entry } from "../../scripts/model/entry.ts";
import { memoryCatalogue, planOutputs, type PlannedOutput } from "../../scripts/outputs/plan.ts";
import { withIncremental } from "../../scripts/speed/incremental-sync.ts";
import { syncOutputs } from "../../scripts/write/sync.ts";
import { validEntry } from "../helpers/entries.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const INDEXES = ["index.json", "match.json", "demo.json"];

/** Plans the outputs of these entries, counting per index how many entries' texts were reused. */
function plan(entries: readonly Entry[], reused: Map<string, number>): PlannedOutput[] {
  return planOutputs(memoryCatalogue(entries)).map((p) =>
    p.reusable && INDEXES.includes(p.path)
      ? {
          ...p,
          reusable: (items) =>
            p.reusable!({
              text: (id) => {
                const text = items.text(id);
                if (text !== undefined) reused.set(p.path, (reused.get(p.path) ?? 0) + 1);
                return text;
              },
              written: items.written,
            }),
        }
      : p,
  );
}

const read = (folder: string) => Object.fromEntries(INDEXES.map((f) => [f, readFileSync(path.join(folder, f), "utf8")]));

describe("the incremental writer's index reuse", () => {
  it("reuses every unchanged entry's text, writes the bare writer's bytes, and trusts a file rewritten since only when its bytes are the recorded ones", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "kb-index-reuse-"));
    dirs.push(root);
    mkdirSync(path.join(root, "node_modules"));
    const out = path.join(root, "generated");
    const bare = path.join(root, "bare");
    const sync = withIncremental(syncOutputs, { root });
    const entries = ["alpha", "beta", "gamma", "delta", "epsilon"].map((s) => validEntry(`demo/${s}-error`, { root_cause: `Cause of ${s}, with ünïcödé ✓.` }));
    const digests = (list: readonly Entry[]) => new Map(list.map((e) => [e.id, JSON.stringify(e)]));

    const first = new Map<string, number>();
    await sync(out, plan(entries, first), { write: true, entryDigests: digests(entries) });
    expect(first.size).toBe(0); // nothing written before

    const changed = entries.map((e) => (e.id === "demo/gamma-error" ? { ...e, root_cause: `${e.root_cause} One more sentence.` } : e));
    const second = new Map<string, number>();
    const drift = await sync(out, plan(changed, second), { write: true, entryDigests: digests(changed) });
    expect(drift.stale).toEqual(expect.arrayContaining(["demo.json", "index.json"]));
    expect(Object.fromEntries(second)).toEqual({ "index.json": 4, "match.json": 4, "demo.json": 4 });
    await syncOutputs(bare, planOutputs(memoryCatalogue(changed)), { write: true });
    expect(read(out)).toEqual(read(bare));

    // The same bytes written again (a checkout, a restored CI cache): new stamps, the recorded bytes.
    for (const f of INDEXES) writeFileSync(path.join(out, f), readFileSync(path.join(out, f)));
    const again = changed.map((e) => (e.id === "demo/alpha-error" ? { ...e, root_cause: `${e.root_cause} Another.` } : e));
    const third = new Map<string, number>();
    await sync(out, plan(again, third), { write: true, entryDigests: digests(again) });
    expect(Object.fromEntries(third)).toEqual({ "index.json": 4, "match.json": 4, "demo.json": 4 });
    rmSync(bare, { recursive: true });
    await syncOutputs(bare, planOutputs(memoryCatalogue(again)), { write: true });
    expect(read(out)).toEqual(read(bare));

    // A hand edit that keeps the size: index.json is not trusted, and the build repairs it.
    const index = path.join(out, "index.json");
    const edited = readFileSync(index, "utf8").replace("Cause of beta", "Cause of bets");
    expect(Buffer.byteLength(edited)).toBe(readFileSync(index).length);
    writeFileSync(index, edited);
    const last = again.map((e) => (e.id === "demo/delta-error" ? { ...e, root_cause: `${e.root_cause} Last.` } : e));
    const fourth = new Map<string, number>();
    await sync(out, plan(last, fourth), { write: true, entryDigests: digests(last) });
    expect(Object.fromEntries(fourth)).toEqual({ "match.json": 4, "demo.json": 4 });
    rmSync(bare, { recursive: true });
    await syncOutputs(bare, planOutputs(memoryCatalogue(last)), { write: true });
    expect(read(out)).toEqual(read(bare));
    expect(readdirSync(out).sort()).toEqual(readdirSync(bare).sort());
  });
});
