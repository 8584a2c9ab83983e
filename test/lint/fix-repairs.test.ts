// What kb fix says it repaired: each repair names the field and the value it replaced, shortened, so a
// huge value cannot make the log (which the pre-commit hook prints) as long as the entry.
import { describe, expect, it } from "vitest";
import { fixSource } from "../../scripts/lint/fix.ts";
import { parseEntryFile } from "../../scripts/source/entry-file.ts";
import { entryText, validEntry } from "../helpers/entries.ts";

const sourceOf = (text: string) => parseEntryFile({ file: "entries/demo/sample-error.json", pathId: "demo/sample-error", pathProblem: undefined }, new TextEncoder().encode(text), { maxDepth: 64, maxDiagnosticsPerFile: 50 }).source!;

describe("kb fix's repairs", () => {
  it("names a wrong domain shortened to 80 characters (pass AL: a 600 KB domain was logged whole)", () => {
    const outcome = fixSource(sourceOf(entryText(validEntry("demo/sample-error", { domain: "x".repeat(600_000) }))), false);
    expect(outcome.kind).toBe("fixed");
    const repairs = outcome.kind === "fixed" ? outcome.repairs : [];
    expect(repairs).toEqual([`domain: "${"x".repeat(79)}…" → "demo" (the id's first segment)`]);
  });

  it("names a rate written as a string with the value it was", () => {
    const outcome = fixSource(sourceOf(entryText(validEntry("demo/sample-error", { confidence: "0.85" as unknown as number }))), false);
    expect(outcome.kind === "fixed" ? outcome.repairs : []).toEqual(['confidence: "0.85" → 0.85']);
  });
});
