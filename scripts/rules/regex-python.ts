// Python must accept the pattern too (re.compile with re.IGNORECASE). All entries are checked in one
// batched python3 process; where python3 is missing, one warning says the check was skipped.
import type { CollectionRule } from "./types.ts";

export const regexPython: CollectionRule = {
  id: "kb/regex-python",
  description: "regex compiles in Python as re.compile(regex, re.IGNORECASE)",
  severity: "error",
  scope: "collection",
  docs: { why: "Dozens of regexes in public knowledge bases use syntax one engine rejects; consumers in Python would crash or skip them." },
  check({ docs, facts, report }) {
    let warnedUnavailable = false;
    for (const doc of docs) {
      const f = facts.byFile.get(doc.file);
      if (!f) continue;
      if (f.python.status === "unavailable") {
        if (!warnedUnavailable) {
          warnedUnavailable = true;
          report(doc, { pointer: "/regex", severity: "warning", message: `the Python check of every regex was skipped: ${f.python.reason}`, hint: "install python3 to run it locally; CI always runs it" });
        }
      } else if (f.python.status === "checked" && !f.python.compile.ok) {
        const at = f.python.compile.index;
        report(doc, {
          pointer: "/regex",
          charIndex: at ?? undefined,
          message: `Python rejects the regex${at === null ? "" : ` at column ${at + 1} of the pattern`}: ${f.python.compile.message}`,
          hint: "use syntax both engines share: no (?<name>…), \\p{…}, \\u{…} or variable-width lookbehind",
        });
      }
    }
  },
};
