// A regex that runs past the time limit on one of its own texts would stall every consumer on a
// long log line; report it instead of hanging.
import { describePointer } from "../core/pointer.ts";
import type { EntryRule } from "./types.ts";

export const regexTimeout: EntryRule = {
  id: "kb/regex-timeout",
  description: "regex finishes within the time limit (regexTimeoutMs) on each of the entry's texts",
  severity: "error",
  scope: "entry",
  docs: { why: "Catastrophic backtracking freezes whoever runs the regex; lint runs it under a deadline and reports the overrun." },
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
  },
};
