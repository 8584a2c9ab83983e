// Static ReDoS check on every lint: exponential backtracking is an error, polynomial a warning, each
// naming the quantifiers involved. Runs in-process on the parsed pattern (scslre), no execution.
import { RegExpParser } from "@eslint-community/regexpp";
import type { Report } from "scslre";
import { lazyModule } from "../core/lazy-module.ts";
import { findAmbiguousAlternations } from "../regex/ambiguity.ts";
import { JS_FLAGS } from "../regex/pattern.ts";
import type { EntryRule } from "./types.ts";

const scslre = lazyModule<typeof import("scslre")>("scslre");

export const regexRedos: EntryRule = {
  id: "kb/regex-redos",
  description: "regex has no super-linear backtracking (exponential: error, polynomial: warning)",
  severity: "error",
  scope: "entry",
  docs: { why: "Ambiguous nested or adjacent quantifiers take seconds to years on a long log line; lookup runs every regex on such lines." },
  check({ doc, facts, report }) {
    if (!facts.parsed.ok || !facts.js.ok) return;
    let reports: Report[];
    try {
      reports = scslre().analyse({ pattern: facts.parsed.ast, flags: parsedFlags() }, { reportTypes: { Move: false }, maxReports: 5 }).reports;
    } catch {
      return; // analysis gave up on this pattern; the runtime deadline still protects every run
    }
    const seen = new Set<string>();
    const quantifiersReported = new Set<number>();
    for (const r of reports) {
      const [a, b] = r.type === "Trade" ? [r.startQuant, r.endQuant] : r.type === "Self" ? [r.quant, r.parentQuant] : [r.quant, r.quant];
      const key = `${a.start}:${b.start}:${r.exponential}`;
      if (seen.has(key)) continue;
      seen.add(key);
      quantifiersReported.add(a.start).add(b.start);
      const where = r.type === "Self" ? `${a.raw} nested inside ${b.raw}` : r.type === "Trade" ? `${a.raw} and ${b.raw}` : a.raw;
      report({
        pointer: "/regex",
        charIndex: a.start,
        severity: r.exponential ? "error" : "warning",
        message: `${r.exponential ? "exponential" : "polynomial"} backtracking: ${where} can match the same text (a run of ${JSON.stringify(r.character.pick)}) in many ways (column ${a.start + 1} of the pattern)`,
        hint: fixHint(r, doc.entry.regex),
      });
    }
    for (const a of findAmbiguousAlternations(facts.parsed.ast, parsedFlags())) {
      if (quantifiersReported.has(a.quantifier.start)) continue;
      report({
        pointer: "/regex",
        charIndex: a.quantifier.start,
        severity: "error",
        message: `exponential backtracking: in ${a.quantifier.raw} the alternatives ${a.first.raw} and ${a.second.raw} can match the same text, so a repeated run is split in exponentially many ways (column ${a.quantifier.start + 1} of the pattern)`,
        hint: "make the alternatives mutually exclusive, or merge them into one",
      });
    }
  },
};

function fixHint(r: Report, pattern: string): string {
  const fixed = r.fix();
  if (fixed && fixed.source !== pattern) return `an equivalent safe pattern: ${fixed.source}`;
  return "make the quantified parts unable to match the same characters, e.g. [^:]* instead of .* before a ':'";
}

const contractFlags = new RegExpParser({ ecmaVersion: 2024 }).parseFlags(JS_FLAGS);

function parsedFlags() {
  return contractFlags;
}
