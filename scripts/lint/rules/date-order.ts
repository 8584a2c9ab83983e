// Dates tell readers how fresh an entry is; a confirmation before the first sighting, or a date in
// the future, is a typo that would make aging reports lie.
import { entryRule } from "../rule.ts";

export const dateOrder = entryRule({
  meta: {
    id: "kb/date-order",
    description: "last_confirmed is not before first_seen, and no date is in the future",
    severity: "error",
    why: "Aging reports and readers trust these dates; an impossible order or a future date is always a typo.",
  },
  requires: [],
  check({ entry, report, today }) {
    if (entry.first_seen && entry.last_confirmed && entry.last_confirmed < entry.first_seen) {
      report({ pointer: "/last_confirmed", message: `last_confirmed (${entry.last_confirmed}) is before first_seen (${entry.first_seen})`, hint: "swap them, or correct the typo" });
    }
    for (const field of ["first_seen", "last_confirmed", "last_updated"] as const) {
      const value = entry[field];
      if (value && value > today) report({ pointer: `/${field}`, message: `${field} (${value}) is in the future (today is ${today})`, hint: "use the date it actually happened" });
    }
  },
});
