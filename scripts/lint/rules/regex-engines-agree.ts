// The same regex runs in JavaScript and in Python; a text that one matches and the other does not
// means two consumers see two different knowledge bases.
import { entryRule } from "../rule.ts";
import { quoteText } from "../regex-misses.ts";

export const regexEnginesAgree = entryRule({
  meta: {
    id: "kb/regex-engines-agree",
    description: "JavaScript and Python agree on whether the regex matches each of the entry's texts",
    severity: "error",
    why: "Consumers match in JavaScript or in Python; a disagreement means one of them gets a different answer.",
  },
  requires: ["regex"],
  check({ facts, report }) {
    for (const t of facts.texts) {
      if (!t.py) continue;
      const js = t.js.kind === "match" ? true : t.js.kind === "no-match" ? false : undefined;
      const py = t.py.kind === "match" ? true : t.py.kind === "no-match" ? false : undefined;
      if (js === undefined || py === undefined || js === py) continue;
      report({
        pointer: t.pointer,
        message: `${js ? "JavaScript matches" : "Python matches"} ${quoteText(t)} but ${js ? "Python" : "JavaScript"} does not`,
        hint: "avoid constructs whose meaning differs between the engines (\\d, \\w, \\b, backreferences, case folding of non-ASCII letters)",
      });
    }
  },
});
