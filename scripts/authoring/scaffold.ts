// The text of a new entry for `kb new`: every required field in canonical order, claiming nothing
// nobody checked (placeholders lint rejects for what a person must decide: the texts, the rates, who
// verified it, whether it is resolvable; no first_seen; rates marked as estimates), and with --from, a
// signature, a starting regex and a first example taken from the pasted error.
import { canonicalText } from "../model/canonical.ts";
import { placeholderFor } from "../lint/placeholder.ts";

/** Escapes a literal so that it is a valid pattern under the "u" flag and matches itself. */
export function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** A starting regex for a message: the text itself, with quoted names and numbers made variable. */
export function regexFromMessage(line: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const m of line.matchAll(/'[^'\n]{1,200}'|"[^"\n]{1,200}"|[0-9]+/g)) {
    parts.push(escapeLiteral(line.slice(last, m.index)));
    const q = m[0][0];
    parts.push(q === "'" ? "'[^'\\n]+'" : q === '"' ? '"[^"\\n]+"' : "[0-9]+");
    last = m.index + m[0].length;
  }
  parts.push(escapeLiteral(line.slice(last)));
  return parts.join("");
}

export function scaffoldEntry(id: string, today: string, errorLine?: string): string {
  const domain = id.split("/")[0]!;
  const number = placeholderFor("a number from 0 to 1");
  return canonicalText({
    $schema: "../../generated/entry.schema.json",
    id,
    signature: errorLine ?? placeholderFor("the error message exactly as the tool prints it"),
    regex: errorLine ? regexFromMessage(errorLine) : placeholderFor("a regex that matches the signature"),
    domain,
    category: "TODO_category",
    root_cause: placeholderFor("why the error happens"),
    dead_ends: [{ action: placeholderFor("what people try that does not work"), why_fails: placeholderFor("why it does not work"), fail_rate: number, condition: "", sources: [] }],
    workarounds: [{ action: placeholderFor("what works, as a short imperative sentence"), success_rate: number, how: placeholderFor("the steps, command or code"), condition: "", sources: [] }],
    verification_tier: placeholderFor("ai_generated, human_reviewed (a person checked every claim) or community_verified"),
    confidence: number,
    fix_success_rate: number,
    rate_basis: "estimate",
    resolvable: placeholderFor('"true", "partial" or "false"'),
    first_seen: null,
    last_confirmed: null,
    last_updated: today,
    tags: [],
    aliases: [],
    locale: "en",
    examples: { match: errorLine ? [errorLine] : [], no_match: [] },
  });
}
