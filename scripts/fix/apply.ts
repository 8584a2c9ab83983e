// What `kb fix` does to one file's text, as a pure function: files that parse as a JSON object are
// rewritten in canonical form (which also drops a BOM and CRLF); anything that does not parse is left
// exactly as it is, because rewriting a broken file could lose what the contributor meant.
import type { ParsedSource } from "../load/parse.ts";
import { canonicalText } from "./canonical.ts";

export type FixOutcome = { readonly kind: "unchanged" } | { readonly kind: "fixed"; readonly text: string } | { readonly kind: "unparsable" };

export function fixSource(source: ParsedSource): FixOutcome {
  const syntaxBroken = source.diagnostics.some((d) => d.rule === "kb/json-syntax" || d.rule === "kb/duplicate-key");
  if (!source.tree || syntaxBroken || source.tree.type !== "object") return { kind: "unparsable" };
  const text = canonicalText(source.value);
  return text === source.text ? { kind: "unchanged" } : { kind: "fixed", text };
}
