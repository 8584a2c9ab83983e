// A regex that runs past the time limit on one of its own texts would stall every consumer on a
// long log line; report it instead of hanging. Tests the run's total budget cut off are reported
// too: unchecked is not the same as passing. So is a backtracking analysis (kb/regex-redos) that ran
// past its deadline or did not run: nothing then shows that the regex is safe.
import { analysisTimeoutMs } from "../../model/limits.ts";
import { describePointer } from "../../model/pointer.ts";
import { entryRule } from "../rule.ts";

export const regexTimeout = entryRule({
  meta: {
    id: "kb/regex-timeout",
    description: "regex finishes within the time limit (regexTimeoutMs) on each of the entry's texts, its backtracking analysis within five times that, and both within the run's total budget (totalBudgetMs)",
    severity: "error",
    why: "Catastrophic backtracking freezes whoever runs the regex; lint runs it under a deadline and reports the overrun.",
  },
  requires: ["regex"],
  check({ facts, limits, report }) {
    for (const t of facts.texts) {
      const engines = [t.js.kind === "timeout" ? "JavaScript" : "", t.py?.kind === "timeout" ? "Python" : ""].filter(Boolean);
      if (engines.length === 0) continue;
      report({
        pointer: "/regex",
        message: `regex ran longer than ${limits.regexTimeoutMs} ms on ${describePointer(t.pointer)} in ${engines.join(" and ")} and was stopped`,
        hint: "remove nested or adjacent quantifiers that can match the same text (see kb/regex-redos)",
      });
    }
    if (facts.backtracking.kind === "failed") {
      report({
        pointer: "/regex",
        message: `the backtracking analysis (kb/regex-redos) failed on this regex (${facts.backtracking.reason}), so nothing shows that a lookup runs it in time linear in the line`,
        hint: "simplify it: fewer repeats and alternatives, or split it into a shorter regex",
      });
    }
    if (facts.backtracking.kind === "timeout") {
      report({
        pointer: "/regex",
        message: `the backtracking analysis (kb/regex-redos) ran longer than ${analysisTimeoutMs(limits)} ms on this regex and was stopped, so nothing shows that a lookup runs it in time linear in the line`,
        hint: "simplify it: fewer repeats and alternatives, or split it into a shorter regex",
      });
    }
    const unchecked = facts.texts.filter((t) => (facts.js.ok && t.js.kind === "skipped") || t.py?.kind === "skipped").length;
    if (unchecked > 0 || facts.backtracking.kind === "skipped") {
      const what = [unchecked > 0 ? `${unchecked} test${unchecked === 1 ? "" : "s"} of this regex did not run` : "", facts.backtracking.kind === "skipped" ? "its backtracking analysis did not run" : ""].filter(Boolean).join(", and ");
      report({
        pointer: "/regex",
        message: `the regex checks stopped when the total time budget of ${limits.totalBudgetMs} ms (totalBudgetMs) ran out; ${what}`,
        hint: "make slow regexes faster (see kb/regex-redos), or raise limits.totalBudgetMs in kb.config.json",
      });
    }
  },
});
