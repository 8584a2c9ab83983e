// Compiling in both engines is not enough: some constructs compile in both but mean different
// things, and some exist in one engine only. Each finding carries its column in the pattern.
import { findPortabilityProblems } from "../../regex/portability.ts";
import { entryRule } from "../rule.ts";

export const regexPortability = entryRule({
  meta: {
    id: "kb/regex-portability",
    description: "regex avoids constructs that JavaScript and Python read differently or only one accepts",
    severity: "error",
    why: "The same regex is used from JavaScript and Python; a construct that differs silently changes what matches.",
  },
  requires: ["regex"],
  check({ facts, report }) {
    if (!facts.parsed.ok || !facts.js.ok) return;
    for (const f of findPortabilityProblems(facts.parsed.ast)) {
      report({ pointer: "/regex", charIndex: f.index, severity: f.severity, message: `${f.message} (column ${f.index + 1} of the pattern)`, hint: f.hint });
    }
  },
});
