// The collision check and lookup only run a regex on texts its required literals say it could
// match. Choosing the rarest literals and filing them under rare n-grams must never drop a regex
// that does match (no false negatives), and must keep candidate sets small on a corpus whose regexes
// share long prefixes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateEntry } from "../../scripts/bench/corpus.ts";
import { parsePattern } from "../../scripts/regex/pattern.ts";
import { LiteralIndex, literalChoices, requiredLiterals, selectiveLiterals } from "../../scripts/regex/prefilter.ts";

const choicesOf = (pattern: string) => {
  const parsed = parsePattern(pattern);
  return parsed.ok ? literalChoices(parsed.ast) : undefined;
};

describe("selective literal index", () => {
  it("never misses a regex that matches the text", () => {
    const word = fc.constantFrom("error", "err", "fail", "module", "mod", "zq00", "x", "ERR_", "not found", "found", "é", "K");
    const piece = fc.oneof(word, fc.constantFrom(".*", "[0-9]+", "(?:a|b)", "\\(", " ", "'?", "(?:fail|error)", "s?"));
    const pattern = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(""));
    const text = fc.array(fc.oneof(word, fc.constantFrom(" ", "(", "1", "a", "b", "'")), { maxLength: 8 }).map((p) => p.join(""));
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 12 }), fc.array(text, { maxLength: 8 }), (patterns, texts) => {
        const usable = patterns.filter((p) => parsePattern(p).ok);
        const literals = selectiveLiterals(usable.map(choicesOf));
        const index = new LiteralIndex<number>();
        usable.forEach((_, i) => index.add(i, literals[i]));
        for (const t of texts) {
          const candidates = new Set(index.candidates(t));
          usable.forEach((p, i) => {
            if (new RegExp(p, "iu").test(t)) expect(candidates.has(i), `${p} matches ${JSON.stringify(t)}`).toBe(true);
          });
        }
      }),
      { numRuns: 500 },
    );
  });

  it("returns candidates once each, in the order they were added", () => {
    const index = new LiteralIndex<string>();
    index.add("c", ["needle"]);
    index.add("a", undefined);
    index.add("b", ["haystack", "needle"]);
    expect(index.candidates("a needle in a haystack")).toEqual(["c", "a", "b"]);
    expect(index.candidates("nothing here")).toEqual(["a"]);
  });

  it("keeps candidates near one per text where a length-based choice makes them quadratic", () => {
    const entries = Array.from({ length: 1000 }, (_, i) => generateEntry(i, 1000) as { regex: string; signature: string });
    const asts = entries.map((e) => {
      const parsed = parsePattern(e.regex);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.ast;
    });
    const pairs = (literals: (string[] | undefined)[]) => {
      const index = new LiteralIndex<number>();
      literals.forEach((l, i) => index.add(i, l));
      return entries.reduce((n, e) => n + index.candidates(e.signature).length, 0);
    };
    const selective = pairs(selectiveLiterals(asts.map(literalChoices)));
    const byLength = pairs(asts.map(requiredLiterals));
    // Many regexes share a tool's prefix ("npm ERR! …"); choosing it makes every such text a candidate for all of them.
    expect(byLength).toBeGreaterThan(20 * entries.length);
    expect(selective).toBeLessThan(1.2 * entries.length);
  });
});
