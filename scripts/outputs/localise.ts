// Which text of an entry a view shows in each language, and how rates read: the one place that knows
// which fields have translations (signature, root cause, workaround actions), when a translation is
// current (translated_from), and how a rate shows where it comes from ("≈85% success, estimate").
import type { Entry, RateBasis } from "../model/entry.ts";
import { translationState } from "../model/translation.ts";
import { translationDigest } from "../model/digest.ts";
import type { ViewLabels } from "./labels.ts";
import { percent, type Locale } from "./links.ts";

/** Text for a view: the English original standing in for a missing translation, or a translation that may be stale. */
export interface LocalizedText {
  readonly value: string;
  readonly mark: "untranslated" | "stale" | undefined;
}

type Translatable = Pick<Entry, "signature" | "signature_zh" | "root_cause" | "root_cause_zh" | "workarounds" | "workarounds_zh" | "translated_from">;

/** An entry gets a Chinese view as soon as any of its fields is translated. */
export function hasChineseView(entry: Pick<Entry, "signature_zh" | "root_cause_zh" | "workarounds_zh">): boolean {
  return entry.signature_zh !== undefined || entry.root_cause_zh !== undefined || (entry.workarounds_zh?.length ?? 0) > 0;
}

/** Every translatable field is translated and current (checked against today's English). */
export function isFullyTranslated(entry: Translatable): boolean {
  const current = (english: string, recorded: string | null | undefined) => translationState(english, recorded) === "current";
  return (
    entry.signature_zh !== undefined &&
    current(entry.signature, entry.translated_from?.signature) &&
    entry.root_cause_zh !== undefined &&
    current(entry.root_cause, entry.translated_from?.root_cause) &&
    entry.workarounds.every((w, i) => entry.workarounds_zh?.[i] !== undefined && current(w.action, entry.translated_from?.workarounds?.[i]))
  );
}

/** The locales an entry has views in, English first. */
export function viewLocales(entry: Pick<Entry, "signature_zh" | "root_cause_zh" | "workarounds_zh">): Locale[] {
  return localesOf(hasChineseView(entry));
}

export function localesOf(hasChinese: boolean): Locale[] {
  return hasChinese ? ["en", "zh"] : ["en"];
}

function pick(english: string, chinese: string | undefined, recorded: string | null | undefined, locale: Locale): LocalizedText {
  if (locale === "en") return { value: english, mark: undefined };
  if (chinese === undefined) return { value: english, mark: "untranslated" };
  return { value: chinese, mark: recorded !== undefined && recorded !== null && translationDigest(english) !== recorded ? "stale" : undefined };
}

export const localizedSignature = (entry: Translatable, locale: Locale) => pick(entry.signature, entry.signature_zh, entry.translated_from?.signature, locale);
export const localizedRootCause = (entry: Translatable, locale: Locale) => pick(entry.root_cause, entry.root_cause_zh, entry.translated_from?.root_cause, locale);
export const localizedAction = (entry: Translatable, index: number, locale: Locale) =>
  pick(entry.workarounds[index]?.action ?? "", entry.workarounds_zh?.[index], entry.translated_from?.workarounds?.[index], locale);

/** "≈85% success, estimate": the rate, marked approximate when estimated, with its basis when stated. */
export function rateText(L: ViewLabels, kind: "success" | "fail", rate: number, basis: RateBasis | undefined): string {
  const value = `${basis === "estimate" ? "≈" : ""}${percent(rate)}`;
  const note = basis ? L.basisNote(L.basis[basis]) : "";
  return kind === "success" ? L.success(value, note) : L.fail(value, note);
}
