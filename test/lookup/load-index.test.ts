// Reading an index for programs: before JSON.parse, the number of values is bounded, since parsing
// costs memory per value (a small file of zeros can exhaust the heap). The count ignores what is
// inside strings, so real indexes are measured by their structure, not their text. The file is opened
// once and read from that descriptor, so what was checked is what is read.
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IndexFileError, loadIndex, loadMatchIndex } from "../../scripts/lookup/load-index.ts";
import { lookupBatch } from "../../scripts/lookup/index.ts";
import { createMatcher } from "../../scripts/match/matcher.ts";
import { shapeProblem } from "../../scripts/model/json-shape.ts";
import { useRepos } from "../helpers/repo.ts";

const hasMoreValuesThan = (text: string, values: number) => shapeProblem(text, { values, keys: Infinity, depth: Infinity }) !== undefined;

describe("hasMoreValuesThan", () => {
  it("counts values by commas and openers outside strings, escaped quotes included", () => {
    expect(hasMoreValuesThan("[0,0,0]", 3)).toBe(true); // the array and three zeros: at least 4 counted
    expect(hasMoreValuesThan("[0,0,0]", 4)).toBe(false);
    expect(hasMoreValuesThan('["a,b,c,d,e,f"]', 2)).toBe(false); // commas in a string are text
    expect(hasMoreValuesThan('["a\\\\",",",",",",",","]', 3)).toBe(true); // an escaped backslash ends before the quote
    expect(hasMoreValuesThan('["a\\",[[[[[[,,,,"]', 2)).toBe(false); // an escaped quote does not end the string
    expect(hasMoreValuesThan(JSON.stringify({ entries: Array.from({ length: 10 }, (_, i) => ({ id: `x/${i}`, tags: ["a", "b"] })) }), 60)).toBe(false);
  });
});

describe("shapeProblem", () => {
  it("refuses an object of more keys than any index entry has, before V8 spends minutes on it", () => {
    const keys = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":0`).join(",")}}`;
    expect(shapeProblem(`{"entries":[${keys(10)}]}`, { values: 1e9, keys: 10, depth: 64 })).toBeUndefined();
    expect(shapeProblem(`{"entries":[${keys(11)}]}`, { values: 1e9, keys: 10, depth: 64 })).toBe("an object of more than 10 keys");
    expect(shapeProblem(`{"a":"x:y:z","b":[1,{"c":1}],"d":{"e":1,"f":2}}`, { values: 1e9, keys: 3, depth: 64 })).toBeUndefined(); // colons in strings, nested objects counted apart
    expect(shapeProblem("[0,0,0]", { values: 3, keys: 1e9, depth: 64 })).toBe("more than 3 JSON values");
    expect(shapeProblem(`{"a":${"[".repeat(64)}${"]".repeat(64)}}`, { values: 1e9, keys: 1e9, depth: 65 })).toBeUndefined();
    expect(shapeProblem(`{"a":${"[".repeat(65)}${"]".repeat(65)}}`, { values: 1e9, keys: 1e9, depth: 65 })).toBe("nesting deeper than 65 levels"); // pass O
  });
});

describe("loadIndex and loadMatchIndex read what they checked", () => {
  const repo = useRepos();

  it("a FIFO never blocks: refused as not a regular file", () => {
    const { dir } = repo();
    const fifo = path.join(dir, "index.json");
    execFileSync("mkfifo", [fifo]);
    expect(() => loadIndex(fifo)).toThrow(new IndexFileError(`${fifo} is not a regular file (a FIFO)`));
    expect(() => loadMatchIndex(fifo)).toThrow(IndexFileError);
  });

  it.runIf(existsSync("/proc/self/status"))("a file whose size says less than it holds is read only up to the limit (pass AM: a stat, then a whole read)", () => {
    // /proc files report size 0 and then give their text: the shape of a path swapped for a bigger file between stat and read.
    expect(() => loadIndex("/proc/self/status", 10)).toThrow(/^\/proc\/self\/status is more than 10 bytes, more than the limit of 10$/);
  });

  it("a larger file is refused by its size, an invalid UTF-8 byte is located, a BOM is allowed", () => {
    const { dir } = repo();
    const file = path.join(dir, "index.json");
    writeFileSync(file, '{"schema_version":"1.0.0","entries":[]}');
    expect(() => loadIndex(file, 20)).toThrow(`${file} is 39 bytes, more than the limit of 20`);
    writeFileSync(file, '\uFEFF{"schema_version":"2.0.0","entries":[]}');
    expect(loadIndex(file).entries).toEqual([]);
    writeFileSync(file, Buffer.from([0x7b, 0xff, 0x7d]));
    expect(() => loadIndex(file)).toThrow(`${file} is not UTF-8 text (byte 0xff at offset 1)`);
    expect(() => loadIndex(path.join(dir, "none.json"))).toThrow(`cannot read the index ${path.join(dir, "none.json")} (ENOENT)`);
  });
});

describe("the package's loaders and batch lookup given the wrong arguments", () => {
  it("say what they need, not Node's own ERR_OUT_OF_RANGE, and never look up a string one character at a time (pass AN)", async () => {
    expect(() => loadIndex(undefined, Number.NaN)).toThrow(new RangeError("maxBytes must be a positive number of bytes, not NaN"));
    expect(() => loadMatchIndex(undefined, -5)).toThrow(new RangeError("maxBytes must be a positive number of bytes, not -5"));
    expect(() => loadIndex(42 as never)).toThrow(new TypeError("the index file must be a path (a non-empty string), not number"));
    const matcher = createMatcher([{ id: "node/eaddrinuse", regex: "EADDRINUSE", signature: "EADDRINUSE", fix_success_rate: 0.5 }], { trusted: true });
    await expect(lookupBatch("boom" as never, { matcher })).rejects.toThrow(new TypeError("lookupBatch: the texts must be an array of strings, not string"));
    await expect(lookupBatch(["x", 5] as never, { matcher })).rejects.toThrow(new TypeError("lookupBatch (text 1): the text must be a string, not the number 5"));
    await expect(lookupBatch(["x"], null as never)).rejects.toThrow(new TypeError("lookupBatch: the options must be an object"));
    expect((await lookupBatch(["EADDRINUSE", "nothing"], { matcher })).map((r) => r.results.length)).toEqual([1, 0]);
  });
});
