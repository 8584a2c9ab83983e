// Enormous patterns are slow to compile and analyse and are never needed to recognise one error; the
// limit keeps CI predictable.
import { entryRule } from "../rule.ts";

export const regexLength = entryRule({
  meta: {
    id: "kb/regex-length",
    description: "regex is not longer than the configured limit (maxRegexLength)",
    severity: "error",
    why: "A huge pattern costs time in every lint and lookup and hides what it matches; no real error needs one.",
  },
  requires: ["regex"],
  check({ entry, facts, limits, report }) {
    if (!facts.tooLong) return;
    report({ pointer: "/regex", message: `regex is ${entry.regex.length} characters long; the limit is ${limits.maxRegexLength}`, hint: "match the stable part of the message only, or raise limits.maxRegexLength in kb.config.json" });
  },
});
