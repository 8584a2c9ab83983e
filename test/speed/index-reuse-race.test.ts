// A kb check runs without the lock, so a kb build may replace generated/ while the check compares it.
// The incremental decorator must then record nothing about the new files from what the check
// compared (the old files' bytes): a record that pairs a file's stamp with another file's hash and
// entry offsets made the next build copy entries' text from the wrong places into index.json, and
// made kb check call the corrupt file up to date.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Entry } from "../../scripts/model/entry.ts";
import { memoryCatalogue, planOutputs } from "../../scripts/outputs/plan.ts";
import { withIncremental } from "../../scripts/speed/incremental-sync.ts";
import { WriteError } from "../../scripts/write/atomic.ts";
import { syncOutputs, type SyncOutputs } from "../../scripts/write/sync.ts";
import { validEntry } from "../helpers/entries.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const INDEXES = ["index.json", "match.json", "demo.json"];
const read = (folder: string) => Object.fromEntries(INDEXES.map((f) => [f, readFileSync(path.join(folder, f), "utf8")]));
const digests = (list: readonly Entry[]) => new Map(list.map((e) => [e.id, JSON.stringify(e)]));

describe("the incremental writer and a build that replaces generated/ while a check compares it", () => {
  it("records nothing of the replaced files: the next build writes the bare writer's bytes and a check then finds them up to date", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "kb-index-race-"));
    dirs.push(root);
    mkdirSync(path.join(root, "node_modules"));
    const out = path.join(root, "generated");
    const bare = path.join(root, "bare");
    const before = ["alpha", "beta", "gamma", "delta", "epsilon"].map((s) => validEntry(`demo/${s}-error`, { root_cause: `Cause of ${s}, with ünïcödé ✓.` }));
    // The contributor edits the first entry (longer text: every later entry moves) and builds while a check of the old entries runs.
    const after = before.map((e) => (e.id === "demo/alpha-error" ? { ...e, root_cause: `${e.root_cause} A much longer explanation of the cause, 😀 included.` } : e));

    // generated/ as a checkout brings it: up to date, and no record of it yet.
    await syncOutputs(out, planOutputs(memoryCatalogue(before)), { write: true });
    // The check compares the old outputs (all up to date); the build's rename lands before the check records what it saw.
    const racedCheck: SyncOutputs = async (dir, planned, options) => {
      const drift = await syncOutputs(dir, planned, options);
      await syncOutputs(dir, planOutputs(memoryCatalogue(after)), { write: true });
      return drift;
    };
    const drift = await withIncremental(racedCheck, { root })(out, planOutputs(memoryCatalogue(before)), { write: false, entryDigests: digests(before) });
    expect(drift).toEqual({ stale: [], missing: [], extra: [] });

    // The next build of the new entries (say, after one more edit elsewhere) and a check.
    const last = after.map((e) => (e.id === "demo/epsilon-error" ? { ...e, signature: `${e.signature} (again)` } : e));
    await withIncremental(syncOutputs, { root })(out, planOutputs(memoryCatalogue(last)), { write: true, entryDigests: digests(last) });
    await syncOutputs(bare, planOutputs(memoryCatalogue(last)), { write: true });
    expect(read(out)).toEqual(read(bare));
    for (const f of INDEXES) expect(() => JSON.parse(readFileSync(path.join(out, f), "utf8")), f).not.toThrow();
    const check = await withIncremental(syncOutputs, { root })(out, planOutputs(memoryCatalogue(last)), { write: false, entryDigests: digests(last) });
    expect(check).toEqual({ stale: [], missing: [], extra: [] });
  });
});

describe("the incremental writer and an editor that rewrites index.json in place while a build reads it", () => {
  it("stops before the new index replaces the old one, and the next build writes the bare writer's bytes", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "kb-index-inplace-"));
    dirs.push(root);
    mkdirSync(path.join(root, "node_modules"));
    const out = path.join(root, "generated");
    const bare = path.join(root, "bare");
    const first = ["alpha", "beta", "gamma"].map((s) => validEntry(`demo/${s}-error`, { root_cause: `Cause of ${s}.` }));
    await withIncremental(syncOutputs, { root })(out, planOutputs(memoryCatalogue(first)), { write: true, entryDigests: digests(first) });
    const second = first.map((e) => (e.id === "demo/alpha-error" ? { ...e, root_cause: "Another cause." } : e));
    // Once the build has started reading the old index.json for unchanged entries, an editor saves it in place (same size, same inode).
    const indexFile = path.join(out, "index.json");
    const tampered = readFileSync(indexFile, "utf8").replace("Cause of gamma.", "CAUSE OF GAMMA.");
    const editing: SyncOutputs = (dir, planned, options) =>
      syncOutputs(
        dir,
        planned.map((p) =>
          p.path !== "index.json"
            ? p
            : {
                ...p,
                *content() {
                  let first = true;
                  for (const piece of p.content()) {
                    yield piece;
                    if (first) writeFileSync(indexFile, tampered, { flag: "r+" });
                    first = false;
                  }
                },
              },
        ),
        options,
      );
    const e = await withIncremental(editing, { root })(out, planOutputs(memoryCatalogue(second)), { write: true, entryDigests: digests(second) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WriteError);
    expect((e as Error).message).toMatch(/^cannot write .+index\.json: the previous index\.json changed while kb build read from it \(an editor saved it\?\), so it was left as it is; run kb build again/);
    expect(readFileSync(indexFile, "utf8")).toBe(tampered); // left as it is, not replaced by a mix
    // The next build cannot reuse the edited file, so it writes what the bare writer writes, and a check agrees.
    await withIncremental(syncOutputs, { root })(out, planOutputs(memoryCatalogue(second)), { write: true, entryDigests: digests(second) });
    await syncOutputs(bare, planOutputs(memoryCatalogue(second)), { write: true });
    expect(read(out)).toEqual(read(bare));
    expect(await withIncremental(syncOutputs, { root })(out, planOutputs(memoryCatalogue(second)), { write: false, entryDigests: digests(second) })).toEqual({ stale: [], missing: [], extra: [] });
  });
});

describe("the incremental writer and an editor that saves an output kb has just written", () => {
  it("records the file kb wrote, not the editor's: the next build finds it stale and writes it again, and a check agrees with one run without the cache", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "kb-output-save-"));
    dirs.push(root);
    mkdirSync(path.join(root, "node_modules"));
    const out = path.join(root, "generated");
    const entries = ["alpha", "beta"].map((s) => validEntry(`demo/${s}-error`));
    const view = path.join(out, "demo/alpha-error.md");
    // The build writes every output; the editor's save lands after the rename, before the build ends.
    const savedMeanwhile: SyncOutputs = async (dir, planned, options) => {
      const drift = await syncOutputs(dir, planned, options);
      writeFileSync(view, `${readFileSync(view, "utf8")}\nA note saved by an editor.\n`);
      return drift;
    };
    await withIncremental(savedMeanwhile, { root })(out, planOutputs(memoryCatalogue(entries)), { write: true, entryDigests: digests(entries) });
    const check = await withIncremental(syncOutputs, { root })(out, planOutputs(memoryCatalogue(entries)), { write: false, entryDigests: digests(entries) });
    expect(check).toEqual({ stale: ["demo/alpha-error.md"], missing: [], extra: [] });
    await withIncremental(syncOutputs, { root })(out, planOutputs(memoryCatalogue(entries)), { write: true, entryDigests: digests(entries) });
    expect(readFileSync(view, "utf8")).not.toContain("A note saved by an editor.");
  });
});
