// Enormous patterns are slow to compile and analyse and are never needed to recognise one error; the
// limit keeps CI predictable.
import type { EntryRule } from "./types.ts";

export const regexLength: EntryRule = {
  id: "kb/regex-length",
  description: "regex is not longer than the configured limit (maxRegexLength)",
  severity: "error",
  scope: "entry",
  docs: { why: "A huge pattern costs time in every lint and lookup and hides what it matches; no real error needs one." },
  check({ doc, facts, limits, report }) {
    if (!facts.tooLong) return;
    report({
      pointer: "/regex",
      message: `regex is ${doc.entry.regex.length} characters long; the limit is ${limits.maxRegexLength}`,
      hint: "match the stable part of the message only, or raise limits.maxRegexLength in kb.config.json",
    });
  },
};
