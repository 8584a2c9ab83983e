// A regex that matches the empty string matches every line of every log: lookup would report it for
// any text at all.
import { entryRule } from "../rule.ts";

export const regexEmptyMatch = entryRule({
  meta: {
    id: "kb/regex-empty-match",
    description: "regex does not match the empty string",
    severity: "error",
    why: "A pattern that can match nothing at all (a*, (?:x)?, ^) is found in every text, so lookup would send every reader to this entry.",
  },
  requires: ["regex"],
  check({ facts, report }) {
    if (facts.matchesEmpty) report({ pointer: "/regex", message: "regex matches the empty string, so it matches every text", hint: "make the stable part of the message required: no ? or * around all of it" });
  },
});
