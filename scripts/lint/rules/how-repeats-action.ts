// The seed's workarounds repeat the action word for word in `how`; the old view then printed every
// workaround twice. `how` must add the steps the action leaves out.
import { isPlaceholder } from "../placeholder.ts";
import { entryRule } from "../rule.ts";

const normalise = (s: string) => s.trim().replace(/\s+/gu, " ").toLowerCase();

export const howRepeatsAction = entryRule({
  meta: {
    id: "kb/how-repeats-action",
    description: "a workaround's how says something its action does not",
    severity: "warning",
    why: "A how that repeats the action doubles the text and hides that the steps were never written.",
  },
  requires: ["workarounds"],
  check({ entry, report }) {
    entry.workarounds.forEach((w, i) => {
      if (isPlaceholder(w.action) || normalise(w.how) !== normalise(w.action)) return;
      report({ pointer: `/workarounds/${i}/how`, message: `workarounds[${i}].how repeats its action word for word`, hint: "keep the action a short imperative sentence and put the steps, commands or code in how" });
    });
  },
});
