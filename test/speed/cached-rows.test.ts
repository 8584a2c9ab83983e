// The catalogue's rows come from the cache while an entry's digest is unchanged: a warm build reads no
// entry a second time. The rows are the bare catalogue's; an edited entry's row is made again.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Entry } from "../../scripts/model/entry.ts";
import { pageRow } from "../../scripts/outputs/figures.ts";
import { memoryCatalogue, type Catalogue } from "../../scripts/outputs/plan.ts";
import { withCachedRows } from "../../scripts/speed/cached-rows.ts";
import { validEntry } from "../helpers/entries.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A memory catalogue that counts the entries it is asked for. */
function counting(entries: readonly Entry[]): Catalogue & { reads: number } {
  const inner = memoryCatalogue(entries);
  const counted = {
    reads: 0,
    ids: inner.ids,
    get: (id: string) => {
      counted.reads++;
      return inner.get(id);
    },
    row: (id: string) => pageRow(counted.get(id)),
  };
  return counted;
}

describe("cached rows", () => {
  it("answer from the cache while the digest is unchanged, with the bare rows, and make an edited entry's row again", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "kb-rows-"));
    dirs.push(root);
    mkdirSync(path.join(root, "node_modules"));
    const entries = ["alpha", "beta", "gamma"].map((s) => validEntry(`demo/${s}-error`, { signature_zh: s === "beta" ? "示例错误" : undefined, last_confirmed: s === "gamma" ? "2026-02-01" : undefined }));
    const digests = new Map(entries.map((e) => [e.id, `v1-${e.id}`]));

    const cold = counting(entries);
    const first = withCachedRows(cold, { root }, digests);
    const rows = first.ids.map((id) => first.row(id));
    await first.save();
    expect(cold.reads).toBe(3);

    const warm = counting(entries);
    const second = withCachedRows(warm, { root }, digests);
    expect(second.ids.map((id) => second.row(id))).toEqual(rows);
    expect(rows).toEqual(entries.map((e) => pageRow(e)).sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(warm.reads).toBe(0);
    await second.save();

    const edited = entries.map((e) => (e.id === "demo/beta-error" ? { ...e, signature: "SampleError: edited" } : e));
    const after = counting(edited);
    const third = withCachedRows(after, { root }, new Map([...digests, ["demo/beta-error", "v2"]]));
    expect(third.row("demo/beta-error").signature).toBe("SampleError: edited");
    expect(third.row("demo/alpha-error")).toEqual(rows[0]);
    expect(after.reads).toBe(1);
  });
});
