// The regex contract starts with JavaScript accepting the pattern under the "iu" flags; when it does
// not, say where, and what to write instead when the construct is Python-only. One cause, one
// diagnostic: kb/regex-python stays quiet about a pattern JavaScript already rejects.
import { explainPythonOnlySyntax } from "../../regex/explain.ts";
import { entryRule } from "../rule.ts";

export const regexCompiles = entryRule({
  meta: {
    id: "kb/regex-compiles",
    description: 'regex compiles in JavaScript as new RegExp(regex, "iu")',
    severity: "error",
    why: "A regex that does not compile matches nothing: the entry can never be found by lookup.",
  },
  requires: ["regex"],
  check({ entry, facts, report }) {
    if (facts.tooLong || facts.js.ok) return;
    const index = facts.parsed.ok ? 0 : facts.parsed.index;
    const python = explainPythonOnlySyntax(entry.regex, index);
    report({
      pointer: "/regex",
      charIndex: index,
      message: python
        ? `regex uses the Python-only ${python.construct} at column ${index + 1} of the pattern; JavaScript rejects it (${facts.js.message})`
        : `regex does not compile at column ${index + 1} of the pattern: ${facts.js.message}`,
      hint: python?.hint ?? 'the "u" flag is strict: escape only syntax characters (^$\\.*+?()[]{}|/), and check that every ( and [ is closed',
    });
  },
});
