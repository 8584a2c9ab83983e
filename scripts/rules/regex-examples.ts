// Real error lines pin the regex down from both sides: it must match every examples.match line and
// none of the examples.no_match lines.
import { describePointer } from "../core/pointer.ts";
import { truncate } from "./regex-matches-own-texts.ts";
import type { EntryRule } from "./types.ts";

export const regexExamples: EntryRule = {
  id: "kb/regex-examples",
  description: "regex matches every examples.match line and no examples.no_match line",
  severity: "error",
  scope: "entry",
  docs: { why: "Examples are real lines from terminals and logs; a regex that misses them, or catches a different error, misleads lookup." },
  check({ facts, report }) {
    for (const t of facts.texts) {
      if (t.role === "match" && t.js.kind === "no-match") {
        report({ pointer: t.pointer, message: `regex does not match ${describePointer(t.pointer)} ${JSON.stringify(truncate(t.text))}`, hint: "widen the regex, or move the line to no_match if it is another error" });
      } else if (t.role === "no_match" && t.js.kind === "match") {
        report({ pointer: t.pointer, message: `regex matches ${describePointer(t.pointer)} ${JSON.stringify(truncate(t.text))}, which is listed as another error`, hint: "make the regex more specific" });
      }
    }
  },
};
