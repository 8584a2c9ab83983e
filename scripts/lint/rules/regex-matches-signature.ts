// An entry that its own regex does not find is invisible to lookup: about one in five in the
// best-known public knowledge base. The regex must match the signature and every alias; when one
// unescaped character makes it miss all its own texts, that is reported once, at the character.
import { entryRule } from "../rule.ts";
import { missesOf, progressNote, quoteText } from "../regex-misses.ts";

export const regexMatchesSignature = entryRule({
  meta: {
    id: "kb/regex-matches-signature",
    description: 'regex matches the entry\'s signature and every alias (JavaScript, "iu")',
    severity: "error",
    why: "Lookup finds entries by their regex; if it misses the entry's own signature, nobody will ever be sent to it.",
  },
  requires: ["regex"],
  check({ facts, report }) {
    const misses = missesOf(facts);
    if (misses.texts.length === 0) return;
    const [first, ...rest] = misses.texts;
    if (misses.cause && first) {
      const others = rest.length === 0 ? "" : ` and ${rest.length} other own text${rest.length === 1 ? "" : "s"} (${rest.map((t) => quoteText(t).split(" ")[0]).join(", ")})`;
      report({
        pointer: "/regex",
        charIndex: misses.cause.index,
        message: `regex does not match ${quoteText(first)}${others}: ${progressNote(misses.progress)}; ${misses.cause.message}`,
        hint: misses.cause.hint,
      });
      return;
    }
    for (const t of misses.texts) {
      if (t.role !== "signature" && t.role !== "alias") continue;
      report({
        pointer: t.pointer,
        message: `regex does not match ${quoteText(t)}${t === first ? `: ${progressNote(misses.progress)}` : ""}`,
        hint: "widen the regex to match this text (matching is case-insensitive), or fix the text",
      });
    }
  },
});
