// Static ReDoS check on every lint: exponential and polynomial backtracking are errors, each naming the
// quantifiers involved. Large bounded repeats count as unbounded. No execution. Polynomial is an error
// too because the consumer package's lookup runs the built index's regexes in-thread, without a
// deadline, on lines of up to 64 KiB: a quadratic regex takes seconds per such line (Error:[ \t]*\s*x,
// 5 s), hours on a log. The analysis runs under a deadline; one that overran is kb/regex-timeout's.
import { entryRule } from "../rule.ts";

export const regexRedos = entryRule({
  meta: {
    id: "kb/regex-redos",
    description: "regex has no super-linear backtracking, bounded repeats over 10 included (exponential or polynomial)",
    severity: "error",
    why: "Ambiguous nested or adjacent quantifiers take seconds to years on a long log line; lookup runs every regex on such lines.",
  },
  requires: ["regex"],
  check({ facts, report }) {
    // An analysis that overran or did not run is kb/regex-timeout's (its verdict depends on time).
    if (facts.backtracking.kind !== "analysed") return;
    for (const f of facts.backtracking.findings) report({ pointer: "/regex", charIndex: f.index, message: f.message, hint: f.hint });
  },
});
