// The regex contract starts with JavaScript accepting the pattern under the "iu" flags; when it does
// not, say where, and what to write instead when the construct is Python-only.
import { explainPythonOnlySyntax } from "../regex/portability.ts";
import type { EntryRule } from "./types.ts";

export const regexCompiles: EntryRule = {
  id: "kb/regex-compiles",
  description: 'regex compiles in JavaScript as new RegExp(regex, "iu")',
  severity: "error",
  scope: "entry",
  docs: { why: "A regex that does not compile matches nothing: the entry can never be found by lookup." },
  check({ doc, facts, report }) {
    if (facts.tooLong || facts.js.ok) return;
    const index = facts.parsed.ok ? 0 : facts.parsed.index;
    const python = explainPythonOnlySyntax(doc.entry.regex, index);
    report({
      pointer: "/regex",
      charIndex: index,
      message: python
        ? `regex uses the Python-only ${python.construct} at column ${index + 1} of the pattern; JavaScript rejects it (${facts.js.message})`
        : `regex does not compile in JavaScript at column ${index + 1} of the pattern: ${facts.js.message}`,
      hint: python?.hint ?? 'the "u" flag is strict: escape only syntax characters (^$\\.*+?()[]{}|/), and check brackets',
    });
  },
};
