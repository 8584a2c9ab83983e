// Schema problems past the per-file cap are counted, not described: describing each (with its "did
// you mean") took 6.6 s for an entry of 57,500 unknown keys, and holding each cost memory per file.
import { describe, expect, it } from "vitest";
import { checkSchema } from "../../scripts/lint/schema-check.ts";
import { validEntry } from "../helpers/entries.ts";

describe("checkSchema with a cap", () => {
  it("describes at most the cap (and a few more that dedupe may merge), and counts the rest", () => {
    const value: Record<string, unknown> = { ...validEntry() };
    for (let i = 0; i < 5_000; i++) value[`k${i}`] = 0;
    const capped = checkSchema(value, 101);
    expect(capped.problems.length).toBeGreaterThanOrEqual(101);
    expect(capped.problems.length).toBeLessThan(200);
    expect(capped.problems.length + capped.unlisted).toBe(5_000);
    const all = checkSchema(value);
    expect(all.problems).toHaveLength(5_000);
    expect(all.unlisted).toBe(0);
    expect(capped.problems).toEqual(all.problems.slice(0, capped.problems.length));
  });

  it("sets aside each anyOf branch's own error against the anyOf errors at its path only (pass O: 40,000 wrong digests took 41 s)", () => {
    const value: Record<string, unknown> = { ...validEntry(), translated_from: { workarounds: Array.from({ length: 60_000 }, () => 1) } };
    const capped = checkSchema(value, 101);
    expect(capped.problems[0]).toMatchObject({ rule: "kb/schema", pointer: "/translated_from/workarounds/0" });
    expect(capped.problems.length + capped.unlisted).toBe(60_000);
  });
});
