// The figures of the catalogue's "at a glance" tables, as pure functions of the entries. "Aging" is
// measured against the newest date in the data, never the day of the build, so the page only
// changes when entries do; "fully translated" counts only translations checked against today's English.
import type { Entry } from "../model/entry.ts";
import { hasChineseView, isFullyTranslated } from "./localise.ts";

/** What the catalogue and domain pages need of one entry: a few fields, so pages of 100,000 entries stay small. */
export interface PageRow extends Pick<Entry, "id" | "domain" | "signature" | "category" | "fix_success_rate" | "verification_tier" | "last_updated" | "last_confirmed" | "transition_graph"> {
  readonly hasChinese: boolean;
  readonly fullyTranslated: boolean;
}

export function pageRow(e: Entry): PageRow {
  return {
    id: e.id,
    domain: e.domain,
    signature: e.signature,
    category: e.category,
    fix_success_rate: e.fix_success_rate,
    verification_tier: e.verification_tier,
    last_updated: e.last_updated,
    last_confirmed: e.last_confirmed,
    transition_graph: e.transition_graph,
    hasChinese: hasChineseView(e),
    fullyTranslated: isFullyTranslated(e),
  };
}

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
export function referenceDate(entries: readonly PageRow[]): string {
  let newest = "";
  for (const e of entries) for (const d of [e.last_updated, e.last_confirmed]) if (d && d > newest) newest = d;
  return newest;
}

/** When an entry was last known to be right: its last confirmation, or its last update if never confirmed. */
export function confirmedOn(entry: Pick<PageRow, "last_confirmed" | "last_updated">): string {
  return entry.last_confirmed ?? entry.last_updated;
}

/** The same calendar day one year earlier, as YYYY-MM-DD (string order is date order). */
export function oneYearBefore(date: string): string {
  return `${String(Number(date.slice(0, 4)) - 1).padStart(4, "0")}${date.slice(4)}`;
}

/** Not confirmed for over a year before `reference`. */
export function isAging(entry: Pick<PageRow, "last_confirmed" | "last_updated">, reference: string): boolean {
  return reference !== "" && confirmedOn(entry) < oneYearBefore(reference);
}

export function figuresOf(entries: readonly PageRow[], reference: string): Figures {
  const n = entries.length;
  const share = (count: number) => (n === 0 ? 0 : count / n);
  return {
    entries: n,
    averageFixRate: share(entries.reduce((sum, e) => sum + e.fix_success_rate, 0)),
    humanReviewed: share(entries.filter((e) => e.verification_tier !== "ai_generated").length),
    chineseViews: entries.filter((e) => e.hasChinese).length,
    fullyTranslated: entries.filter((e) => e.fullyTranslated).length,
    aging: entries.filter((e) => isAging(e, reference)).length,
  };
}
