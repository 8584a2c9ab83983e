// An entry that its own regex does not find is invisible to lookup: about one in five in the
// best-known public knowledge base. The regex must match the signature and every alias.
import { describePointer } from "../core/pointer.ts";
import type { EntryRule } from "./types.ts";

export const regexMatchesOwnTexts: EntryRule = {
  id: "kb/regex-matches-signature",
  description: "regex matches the entry's signature and every alias (JavaScript, \"iu\")",
  severity: "error",
  scope: "entry",
  docs: { why: "Lookup finds entries by their regex; if it misses the entry's own signature, nobody will ever be sent to it." },
  check({ facts, report }) {
    for (const t of facts.texts) {
      if ((t.role === "signature" || t.role === "alias") && t.js.kind === "no-match") {
        report({
          pointer: t.pointer,
          message: `regex does not match ${describePointer(t.pointer)} ${JSON.stringify(truncate(t.text))}`,
          hint: "widen the regex to match this text (matching is case-insensitive), or fix the text",
        });
      }
    }
  },
};

export function truncate(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
