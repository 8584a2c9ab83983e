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
  check({ entry, report }) {
    for (const field of ["signature", "root_cause", "regex"] as const) {
      const value = entry[field];
      if (value !== undefined && value.trim() !== "" && isPlaceholder(value)) report({ pointer: `/${field}`, message: `${field} is a placeholder ("${value.trim()}")`, hint: `write the real ${field.replace("_", " ")}` });
    }
    const check = (list: "dead_ends" | "workarounds", field: string, values: readonly string[]) =>
      values.forEach((value, i) => {
        if (value.trim() === "" || !isPlaceholder(value)) return; // empty ones are the schema's report
        const pointer = `/${list}/${i}/${field}`;
        report({ pointer, message: `${describePointer(pointer)} is a placeholder ("${value.trim()}")`, hint: EXAMPLES[`${list}.${field}`] });
      });
    check("dead_ends", "action", (entry.dead_ends ?? []).map((d) => d.action));
    check("dead_ends", "why_fails", (entry.dead_ends ?? []).map((d) => d.why_fails));
    check("workarounds", "action", (entry.workarounds ?? []).map((w) => w.action));
    check("workarounds", "how", (entry.workarounds ?? []).map((w) => w.how));
  },
});
