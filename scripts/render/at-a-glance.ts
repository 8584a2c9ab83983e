// The figures of the catalogue's "at a glance" tables, as pure functions of the entries. "Aging" is
// measured against the newest date in the data, never the day of the build, so the page only
// changes when entries do.
import type { Entry } from "../schema/entry-schema.ts";
import { hasChineseView, isFullyTranslated } from "./translation.ts";

export interface Figures {
  readonly entries: number;
  readonly averageFixRate: number;
  /** Share of entries checked by people (human reviewed or community verified). */
  readonly humanReviewed: number;
  readonly chineseViews: number;
  readonly fullyTranslated: number;
  readonly aging: number;
}

/** The newest last_updated or last_confirmed date of all entries: "now", as far as the data knows. */
export function referenceDate(entries: readonly Entry[]): string {
  let newest = "";
  for (const e of entries) for (const d of [e.last_updated, e.last_confirmed]) if (d && d > newest) newest = d;
  return newest;
}

/** When an entry was last known to be right: its last confirmation, or its last update if never confirmed. */
export function confirmedOn(entry: Entry): string {
  return entry.last_confirmed ?? entry.last_updated;
}

/** The same calendar day one year earlier, as YYYY-MM-DD (string order is date order). */
export function oneYearBefore(date: string): string {
  return `${String(Number(date.slice(0, 4)) - 1).padStart(4, "0")}${date.slice(4)}`;
}

/** Not confirmed for over a year before `reference`. */
export function isAging(entry: Entry, reference: string): boolean {
  return reference !== "" && confirmedOn(entry) < oneYearBefore(reference);
}

export function figuresOf(entries: readonly Entry[], reference: string): Figures {
  const n = entries.length;
  const share = (count: number) => (n === 0 ? 0 : count / n);
  return {
    entries: n,
    averageFixRate: share(entries.reduce((sum, e) => sum + e.fix_success_rate, 0)),
    humanReviewed: share(entries.filter((e) => e.verification_tier !== "ai_generated").length),
    chineseViews: entries.filter(hasChineseView).length,
    fullyTranslated: entries.filter(isFullyTranslated).length,
    aging: entries.filter((e) => isAging(e, reference)).length,
  };
}
