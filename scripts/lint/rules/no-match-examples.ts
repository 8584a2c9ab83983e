// A near-miss line (an error that looks alike but is not this one) is how an entry shows its regex
// is specific; without one, nothing pins the regex down from that side.
import { entryRule } from "../rule.ts";

export const noMatchExamples = entryRule({
  meta: {
    id: "kb/no-match-examples",
    description: "examples.no_match has at least one near-miss line",
    severity: "warning",
    why: "examples.match shows the regex finds the error; only a near miss shows it does not also find its neighbours.",
  },
  requires: ["regex"],
  check({ entry, report }) {
    if ((entry.examples?.no_match ?? []).length > 0) return;
    report({
      pointer: entry.examples ? "/examples" : "",
      ...(entry.examples ? {} : { target: "value" as const }),
      message: "examples.no_match is empty: no near-miss line shows that the regex is specific",
      hint: 'add a real line of a similar but different error, e.g. the same tool\'s neighbouring message, to "examples": {"no_match": [...]}',
    });
  },
});
