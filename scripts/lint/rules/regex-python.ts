// Python must accept the pattern too (re.compile with re.IGNORECASE). All entries are checked in one
// batched python3 process; where python3 is missing, one warning says the check was skipped. A
// pattern JavaScript already rejects is left to kb/regex-compiles: one cause, one diagnostic.
import { collectionRule } from "../rule.ts";

export const regexPython = collectionRule({
  meta: {
    id: "kb/regex-python",
    description: "regex compiles in Python as re.compile(regex, re.IGNORECASE)",
    severity: "error",
    why: "Dozens of regexes in public knowledge bases use syntax one engine rejects; consumers in Python would crash or skip them.",
  },
  check({ entries, report }) {
    const unavailable = entries.find((e) => e.python === "unavailable");
    if (unavailable) report(unavailable, { pointer: "/regex", severity: "warning", message: `the Python check of every regex was skipped: ${unavailable.pythonReason ?? "python3 is not available"}`, hint: "install python3 to run it locally; CI always runs it" });
    for (const e of entries) {
      const error = e.pythonError;
      if (!error || !e.regex?.compiles) continue;
      report(e, {
        pointer: "/regex",
        ...(error.index === null ? {} : { charIndex: error.index }),
        message: `Python rejects the regex${error.index === null ? "" : ` at column ${error.index + 1} of the pattern`}: ${error.message}`,
        hint: "use syntax both engines share: no (?<name>…), \\p{…}, \\u{…} or variable-width lookbehind",
      });
    }
  },
});
