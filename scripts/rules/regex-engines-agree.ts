// The index is used from JavaScript and Python alike; a text that one engine matches and the other
// does not means two consumers see two different knowledge bases.
import { describePointer } from "../core/pointer.ts";
import { truncate } from "./regex-matches-own-texts.ts";
import type { EntryRule } from "./types.ts";

export const regexEnginesAgree: EntryRule = {
  id: "kb/regex-engines-agree",
  description: "JavaScript and Python agree on whether the regex matches each of the entry's texts",
  severity: "error",
  scope: "entry",
  docs: { why: "Consumers match in JavaScript or in Python; a disagreement means one of them gets a different answer." },
  check({ facts, report }) {
    for (const t of facts.texts) {
      if (!t.py) continue;
      const js = t.js.kind === "match" ? true : t.js.kind === "no-match" ? false : undefined;
      const py = t.py.kind === "match" ? true : t.py.kind === "no-match" ? false : undefined;
      if (js === undefined || py === undefined || js === py) continue;
      report({
        pointer: t.pointer,
        message: `${js ? "JavaScript matches" : "Python matches"} ${describePointer(t.pointer)} ${JSON.stringify(truncate(t.text))} but ${js ? "Python" : "JavaScript"} does not`,
        hint: "avoid constructs whose meaning differs between the engines (\\d, \\w, \\b, case folding of non-ASCII letters)",
      });
    }
  },
};
