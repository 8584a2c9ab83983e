// getEntry and chain read the full index like a graph. An index from a file is checked only for its
// entries array, so an entry or a link of the wrong shape is passed over, and something that is not
// an index is a TypeError that says what is wanted, not one from deep inside (pass U).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chain, getEntry } from "../../scripts/lookup/navigate.ts";
import { loadIndex } from "../../scripts/lookup/load-index.ts";
import { createMatcher } from "../../scripts/match/matcher.ts";
import type { BundledIndex } from "../../scripts/model/index-format.ts";
import { ROOT } from "../helpers/repo.ts";

const index = loadIndex(path.join(ROOT, "generated/index.json"));

describe("getEntry and chain", () => {
  it("find an entry by id and resolve its links to the entries the index holds", () => {
    expect(getEntry(index, "docker/manifest-unknown")?.id).toBe("docker/manifest-unknown");
    expect(getEntry(index, "docker/nothing-like-this")).toBeUndefined();
    const c = chain(index, "docker/manifest-unknown")!;
    expect(c.leadsTo.map((l) => [l.id, l.entry?.id, l.probability])).toEqual([["kubernetes/imagepullbackoff", "kubernetes/imagepullbackoff", 0.3]]);
    expect(c.confusedWith.map((l) => l.entry?.id)).toContain("docker/pull-access-denied");
  });

  it("pass over entries and links of the wrong shape in a hostile index (pass U: TypeErrors from inside)", () => {
    const hostile = { entries: [null, 5, { id: 7 }, { id: "x/a" }, { id: "x/b", transition_graph: { leads_to: [null, { error_id: 3 }, { error_id: "x/a", probability: "high" }], preceded_by: "no" } }] } as unknown as BundledIndex;
    expect(getEntry(hostile, "x/a")?.id).toBe("x/a");
    expect(chain(hostile, "x/a")).toMatchObject({ precededBy: [], leadsTo: [], confusedWith: [] });
    expect(chain(hostile, "x/b")?.leadsTo).toEqual([{ id: "x/a", entry: { id: "x/a" } }]);
  });

  it("agree on the entry of an id a hostile index holds twice: the first (pass V: chain took the last)", () => {
    const twice = { entries: [{ id: "x/a", root_cause: "first" }, { id: "x/a", root_cause: "second" }] } as unknown as BundledIndex;
    expect(getEntry(twice, "x/a")).toMatchObject({ root_cause: "first" });
    expect(chain(twice, "x/a")?.entry).toMatchObject({ root_cause: "first" });
  });

  it("say what they need when given something that is not an index", () => {
    for (const notIndex of [null, 5, {}, { entries: null }]) {
      expect(() => getEntry(notIndex as unknown as BundledIndex, "a")).toThrow("getEntry needs an index: an object with an entries array");
      expect(() => chain(notIndex as unknown as BundledIndex, "a")).toThrow("chain needs an index: an object with an entries array");
    }
    expect(() => createMatcher(null as never)).toThrow("createMatcher needs an index");
  });
});
