// jsonChunks writes JSON.stringify(value, null, 2) + "\n" in pieces (an index can be longer than a
// string); with an ItemReuse it takes an unchanged item's text from elsewhere and says where each
// item's text lands. Both must give the very bytes JSON.stringify gives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonChunks, LazyArray, type ItemReuse } from "../../scripts/outputs/json-chunks.ts";
import { matchIndexChunks } from "../../scripts/outputs/match-index.ts";
import { validEntry } from "../helpers/entries.ts";

const whole = (value: unknown) => JSON.stringify(value, null, 2) + "\n";
const joined = (pieces: Iterable<string>) => [...pieces].join("");

/** Records where each item lands, and hands back the texts it is given for reuse. */
function recorder(reused: ReadonlyMap<string, string> = new Map()) {
  const written: { key: string; start: number; bytes: number }[] = [];
  const asked: string[] = [];
  const reuse: ItemReuse = {
    text: (key) => {
      asked.push(key);
      return reused.get(key);
    },
    written: (key, start, bytes) => written.push({ key, start, bytes }),
  };
  return { reuse, written, asked };
}

describe("jsonChunks", () => {
  it("gives JSON.stringify's bytes for any JSON value, at any depth", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (value, depth) => {
        expect(joined(jsonChunks(value, depth))).toBe(whole(value));
      }),
      { numRuns: 200 },
    );
  });

  it("writes a LazyArray as the array it stands for, and with reuse says where each keyed item's bytes are", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), (items) => {
        const keys = items.map((_, i) => `k${i}`);
        const lazy = { schema: "x", entries: new LazyArray(items.length, (i) => items[i], (i) => keys[i]!) };
        const expected = whole({ schema: "x", entries: items });
        expect(joined(jsonChunks(lazy))).toBe(expected);
        const { reuse, written, asked } = recorder();
        const out = joined(jsonChunks(lazy, 2, reuse));
        expect(out).toBe(expected);
        expect(asked).toEqual(keys);
        const bytes = Buffer.from(out);
        expect(written.map((w) => w.key)).toEqual(keys);
        for (const [i, w] of written.entries()) {
          expect(bytes.subarray(w.start, w.start + w.bytes).toString()).toBe(JSON.stringify(items[i] ?? null, null, 2).replaceAll("\n", "\n    "));
        }
      }),
      { numRuns: 100 },
    );
  });

  it("puts a reused item's text in its place, made by nobody", () => {
    let made = 0;
    const lazy = { entries: new LazyArray(3, (i) => (made++, { n: i, text: "é ✓" }), (i) => `k${i}`) };
    const { reuse } = recorder(new Map([["k1", "REUSED"]]));
    const out = joined(jsonChunks(lazy, 2, reuse));
    expect(out).toBe(whole({ entries: [{ n: 0, text: "é ✓" }, "SENTINEL", { n: 2, text: "é ✓" }] }).replace('"SENTINEL"', "REUSED"));
    expect(made).toBe(2);
  });
});

describe("matchIndexChunks", () => {
  const entries = ["a/one-error", "a/two-error", "b/three-error"].map((id) => validEntry(id, { signature: `Fehler ${id} ✓` }));
  const sorted = { length: entries.length, at: (i: number) => entries[i]! };
  const ids = entries.map((e) => e.id);

  it("with reuse gives the same text, says where each line is, and takes a reused line as it is", () => {
    const plain = joined(matchIndexChunks(sorted));
    const { reuse, written } = recorder();
    expect(joined(matchIndexChunks(sorted, { ids, items: reuse }))).toBe(plain);
    const bytes = Buffer.from(plain);
    const lines = written.map((w) => bytes.subarray(w.start, w.start + w.bytes).toString());
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(ids);
    const again = recorder(new Map([[ids[1]!, lines[1]!]]));
    expect(joined(matchIndexChunks(sorted, { ids, items: again.reuse }))).toBe(plain);
    const swapped = recorder(new Map([[ids[1]!, "{}"]]));
    expect(joined(matchIndexChunks(sorted, { ids, items: swapped.reuse }))).toBe(plain.replace(lines[1]!, "{}"));
  });
});
