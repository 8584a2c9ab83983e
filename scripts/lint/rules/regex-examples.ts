// Real error lines pin the regex down from both sides: it must match every examples.match line and
// none of the examples.no_match lines.
import { entryRule } from "../rule.ts";
import { missesOf, progressNote, quoteText } from "../regex-misses.ts";

export const regexExamples = entryRule({
  meta: {
    id: "kb/regex-examples",
    description: "regex matches every examples.match line and no examples.no_match line",
    severity: "error",
    why: "Examples are real lines from terminals and logs; a regex that misses them, or catches a different error, misleads lookup.",
  },
  requires: ["regex"],
  check({ facts, report }) {
    const misses = missesOf(facts);
    // One cause explaining every miss is reported once, by kb/regex-matches-signature.
    if (!misses.cause) {
      for (const t of misses.texts) {
        if (t.role !== "match") continue;
        report({ pointer: t.pointer, message: `regex does not match ${quoteText(t)}${t === misses.texts[0] ? `: ${progressNote(misses.progress)}` : ""}`, hint: "widen the regex, or move the line to no_match if it is another error" });
      }
    }
    for (const t of facts.texts) {
      if (t.role === "no_match" && t.js.kind === "match") report({ pointer: t.pointer, message: `regex matches ${quoteText(t)}, which is listed as another error`, hint: "make the regex more specific" });
    }
  },
});
