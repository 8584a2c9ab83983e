// The defect that made the seed's old view print "- **** —": texts that say nothing. The schema
// reports empty and white-space texts (under this rule, so editors and lint agree); this check adds
// placeholders ("TODO", "n/a", "…") in the fields readers rely on.
import { describePointer } from "../../model/pointer.ts";
import { isPlaceholder } from "../placeholder.ts";
import { entryRule } from "../rule.ts";

const EXAMPLES: Record<string, string> = {
  "dead_ends.action": 'say what people try that fails, e.g. "Retry the refresh with the same refresh token"',
  "dead_ends.why_fails": 'say why it fails, e.g. "The token is revoked; every retry gets the same answer"',
  "workarounds.action": 'say what to do, e.g. "Send the user through the authorization flow again"',
  "workarounds.how": "give the steps, command or code that carry the action out",
};

export const emptyText = entryRule({
  meta: {
    id: "kb/empty-text",
    description: "signature, root cause, regex, dead-end actions and reasons, and workaround actions and steps are real text, not empty or placeholders",
    severity: "error",
    why: "An empty dead-end action renders as a bold nothing and teaches the reader nothing: the exact rot this project exists to stop.",
  },
  requires: [],
  // Reads the texts as parsed, not as validated: a placeholder rate beside a placeholder action fails
  // the schema for the whole list, and the action's problem must still come in the same wave.
  check({ source, report }) {
    const raw = asRecord(source.value);
    for (const field of ["signature", "root_cause", "regex"] as const) {
      const value = raw[field];
      if (typeof value === "string" && value.trim() !== "" && isPlaceholder(value)) report({ pointer: `/${field}`, message: `${field} is a placeholder ("${value.trim()}")`, hint: `write the real ${field.replace("_", " ")}` });
    }
    for (const [list, fields] of [["dead_ends", ["action", "why_fails"]], ["workarounds", ["action", "how"]]] as const) {
      const items = Array.isArray(raw[list]) ? (raw[list] as unknown[]) : [];
      items.forEach((item, i) => {
        for (const field of fields) {
          const value = asRecord(item)[field];
          if (typeof value !== "string" || value.trim() === "" || !isPlaceholder(value)) continue; // empty ones are the schema's report
          const pointer = `/${list}/${i}/${field}`;
          report({ pointer, message: `${describePointer(pointer)} is a placeholder ("${value.trim()}")`, hint: EXAMPLES[`${list}.${field}`] });
        }
      });
    }
  },
});

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
