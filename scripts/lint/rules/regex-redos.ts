// Static ReDoS check on every lint: exponential backtracking is an error, polynomial a warning, each
// naming the quantifiers involved. Large bounded repeats count as unbounded. No execution.
import { entryRule } from "../rule.ts";

export const regexRedos = entryRule({
  meta: {
    id: "kb/regex-redos",
    description: "regex has no super-linear backtracking, bounded repeats over 10 included (exponential: error, polynomial: warning)",
    severity: "error",
    why: "Ambiguous nested or adjacent quantifiers take seconds to years on a long log line; lookup runs every regex on such lines.",
  },
  requires: ["regex"],
  check({ facts, report }) {
    for (const f of facts.backtracking) report({ pointer: "/regex", charIndex: f.index, severity: f.exponential ? "error" : "warning", message: f.message, hint: f.hint });
  },
});
