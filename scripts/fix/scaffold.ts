// The text of a new entry for `kb new`: every required field in canonical order, today's date, and
// placeholders that lint rejects (TODO text, non-numbers where numbers go) until a person fills them.
import { placeholderFor } from "../rules/placeholder.ts";
import { canonicalText } from "./canonical.ts";

/** Escapes a literal so that it is a valid pattern under the "u" flag and matches itself. */
export function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

export function scaffoldEntry(id: string, today: string, fromText?: string): string {
  const domain = id.split("/")[0]!;
  const signature = fromText?.split(/\r?\n/).find((l) => l.trim() !== "")?.trim();
  const number = placeholderFor("a number from 0 to 1");
  return canonicalText({
    id,
    signature: signature ?? placeholderFor("the error message exactly as printed"),
    regex: signature ? escapeLiteral(signature) : placeholderFor("a regex that matches the signature"),
    domain,
    category: "TODO_category",
    root_cause: placeholderFor("why the error happens"),
    dead_ends: [{ action: placeholderFor("what people try that does not work"), why_fails: placeholderFor("why it does not work"), fail_rate: number, condition: "", sources: [] }],
    workarounds: [{ action: placeholderFor("what works, as a short imperative sentence"), success_rate: number, how: placeholderFor("the steps, command or code"), condition: "", sources: [] }],
    verification_tier: "community_verified",
    confidence: number,
    fix_success_rate: number,
    resolvable: "true",
    first_seen: today,
    last_confirmed: today,
    last_updated: today,
    tags: [],
    aliases: [],
    locale: "en",
    examples: { match: signature ? [signature] : [], no_match: [] },
  });
}
