// A regex must say which error it recognises: every alternative must require enough literal text,
// beyond words that occur in most error output. `.*`, `error`, `violates` or
// `Traceback \(most recent call last\):` match other errors' lines and send readers to the wrong fix.
import { GENERIC_PHRASES, MIN_DISTINCTIVE_CHARACTERS } from "../../regex/specificity.ts";
import { entryRule } from "../rule.ts";

export const regexSpecificity = entryRule({
  meta: {
    id: "kb/regex-specificity",
    description: `every alternative of the regex requires at least ${MIN_DISTINCTIVE_CHARACTERS} literal characters, not counting white space and generic words such as "error" or "failed" (an error code such as TS2307 counts in full)`,
    severity: "error",
    why: `About ${MIN_DISTINCTIVE_CHARACTERS} characters is the shortest stable text that names one error ("OOMKilled", "No module named"); generic words (${GENERIC_PHRASES.slice(0, 5).join(", ")}…) occur in most error output, so a regex built on them matches other errors and cannot take part in the literal prefilter. Error codes (TS2307, E0382) identify one error by design and count in full.`,
  },
  requires: ["regex"],
  check({ facts, report }) {
    const s = facts.specificity;
    if (!s || s.characters >= MIN_DISTINCTIVE_CHARACTERS) return;
    report({
      pointer: "/regex",
      charIndex: s.index,
      message:
        s.characters === 0
          ? `the regex${facts.parsed.ok && facts.parsed.ast.alternatives.length > 1 ? ` alternative ${JSON.stringify(s.alternative)}` : ""} requires no distinctive literal text, so it matches lines of other errors`
          : `the regex${facts.parsed.ok && facts.parsed.ast.alternatives.length > 1 ? ` alternative ${JSON.stringify(s.alternative)}` : ""} requires only ${s.characters} distinctive literal character${s.characters === 1 ? "" : "s"}; at least ${MIN_DISTINCTIVE_CHARACTERS} are needed`,
      hint: "match the stable words of the message literally (names, codes, the fixed phrase), e.g. \"EADDRINUSE: address already in use\" instead of \"error.*in use\"",
    });
  },
});
