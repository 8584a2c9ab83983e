// Views render entry prose as Markdown code spans, and a backtick nested in single backticks
// (`expected `i32`, found `()``, as rustc's own messages read) silently breaks the span in two:
// the view shows code where text was meant and text where code was. This rule finds such spans and
// backticks nothing closes, in every field a view renders as prose, before a reader sees the mangle.
import { codeSpanProblems } from "../../model/code-spans.ts";
import { describePointer } from "../../model/pointer.ts";
import type { Entry } from "../../model/entry.ts";
import { entryRule } from "../rule.ts";

/** Every field a view renders as prose (with code spans), by JSON pointer. */
function proseFields(entry: Partial<Entry>): [string, string][] {
  const fields: [string, string][] = [];
  const add = (pointer: string, value: string | undefined | null) => {
    if (typeof value === "string") fields.push([pointer, value]);
  };
  add("/root_cause", entry.root_cause);
  add("/root_cause_zh", entry.root_cause_zh);
  entry.dead_ends?.forEach((d, i) => {
    add(`/dead_ends/${i}/action`, d.action);
    add(`/dead_ends/${i}/why_fails`, d.why_fails);
    add(`/dead_ends/${i}/condition`, d.condition);
  });
  entry.workarounds?.forEach((w, i) => {
    add(`/workarounds/${i}/action`, w.action);
    add(`/workarounds/${i}/how`, w.how);
    add(`/workarounds/${i}/condition`, w.condition);
  });
  entry.workarounds_zh?.forEach((w, i) => add(`/workarounds_zh/${i}`, w));
  const graph = entry.transition_graph;
  graph?.leads_to.forEach((t, i) => add(`/transition_graph/leads_to/${i}/condition`, t.condition));
  graph?.preceded_by.forEach((t, i) => add(`/transition_graph/preceded_by/${i}/condition`, t.condition));
  graph?.frequently_confused_with.forEach((t, i) => add(`/transition_graph/frequently_confused_with/${i}/distinction`, t.distinction));
  entry.versions?.forEach((v, i) => {
    add(`/versions/${i}/version`, v.version);
    add(`/versions/${i}/behavior_change`, v.behavior_change);
  });
  for (const [os, note] of Object.entries(entry.os_specific ?? {})) add(`/os_specific/${os.replace(/~/gu, "~0").replace(/\//gu, "~1")}`, note);
  return fields;
}

const excerpt = (s: string) => {
  const t = s.trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
};

export const codeSpans = entryRule({
  meta: {
    id: "kb/code-spans",
    description: "backticks in prose pair up into code spans as the author meant",
    severity: "error",
    why: "A backtick nested in single backticks ends the code span early, so the view shows the rest of the sentence as code and the code as text; double backticks (`` expected `i32` ``) hold it.",
  },
  requires: [],
  check({ entry, report }) {
    for (const [pointer, value] of proseFields(entry)) {
      // The first problem only: one misplaced backtick shifts every span after it.
      const problem = codeSpanProblems(value)[0];
      if (problem) {
        if (problem.kind === "unclosed") {
          const ticks = "`".repeat(problem.run);
          report({ pointer, charIndex: problem.offset, message: `${describePointer(pointer)} has a ${ticks} that nothing closes, so it shows as a literal backtick`, hint: `close the code span with ${ticks}, or write the backtick inside a longer run: \`\` a\`b \`\`` });
        } else {
          report({ pointer, charIndex: problem.offset, message: `${describePointer(pointer)} has a code span with a space on one side only ("${excerpt(problem.content)}"): a backtick nested in single backticks probably ended it early`, hint: "wrap code that contains backticks in double backticks, a space inside each: `` expected `i32` ``" });
        }
      }
    }
  },
});
