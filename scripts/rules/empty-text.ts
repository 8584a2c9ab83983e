// The defect that made the seed's old view print "- **** —": dead ends and workarounds whose action
// (or why_fails) is empty, white space or a placeholder tell readers nothing.
import { describePointer } from "../core/pointer.ts";
import { isPlaceholder } from "./placeholder.ts";
import type { EntryRule } from "./types.ts";

const EXAMPLES: Record<string, string> = {
  "dead_ends.action": 'say what people try that fails, e.g. "Retry the refresh with the same refresh token"',
  "dead_ends.why_fails": 'say why it fails, e.g. "The token is revoked; every retry gets the same answer"',
  "workarounds.action": 'say what to do, e.g. "Send the user through the authorization flow again"',
  "workarounds.how": "give the steps, command or code that carry the action out",
};

export const emptyText: EntryRule = {
  id: "kb/empty-text",
  description: "signature, root cause, regex, dead-end actions and reasons, and workaround actions and steps are real text, not empty or placeholders",
  severity: "error",
  scope: "entry",
  docs: { why: "An empty dead-end action renders as a bold nothing and teaches the reader nothing: the exact rot this project exists to stop." },
  check({ doc, report }) {
    const check = (list: "dead_ends" | "workarounds", field: string, values: string[]) =>
      values.forEach((value, i) => {
        if (!isPlaceholder(value)) return;
        const pointer = `/${list}/${i}/${field}`;
        const what = value.trim() === "" ? (value === "" ? "is empty" : "is only white space") : `is a placeholder ("${value.trim()}")`;
        report({ pointer, message: `${describePointer(pointer)} ${what}`, hint: EXAMPLES[`${list}.${field}`] });
      });
    for (const field of ["signature", "root_cause", "regex"] as const) {
      if (isPlaceholder(doc.entry[field])) report({ pointer: `/${field}`, message: `${field} is a placeholder ("${doc.entry[field].trim()}")`, hint: `write the real ${field.replace("_", " ")}` });
    }
    check("dead_ends", "action", doc.entry.dead_ends.map((d) => d.action));
    check("dead_ends", "why_fails", doc.entry.dead_ends.map((d) => d.why_fails));
    check("workarounds", "action", doc.entry.workarounds.map((w) => w.action));
    check("workarounds", "how", doc.entry.workarounds.map((w) => w.how));
  },
};
