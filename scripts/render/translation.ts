// Which text of an entry a view shows in each language, and when a translated view falls back to
// English: the one place that knows which fields have translations (signature, root cause,
// workaround actions), shared by the views and by the coverage figures on index pages.
import type { Entry } from "../schema/entry-schema.ts";
import type { Locale } from "./labels.ts";

/** Text for a view, and whether it is the English original standing in for a missing translation. */
export interface LocalizedText {
  readonly value: string;
  readonly fallback: boolean;
}

type Translatable = Pick<Entry, "signature" | "signature_zh" | "root_cause" | "root_cause_zh" | "workarounds" | "workarounds_zh">;

/** An entry gets a Chinese view as soon as any of its fields is translated. */
export function hasChineseView(entry: Translatable): boolean {
  return entry.signature_zh !== undefined || entry.root_cause_zh !== undefined || (entry.workarounds_zh?.length ?? 0) > 0;
}

/** Every translatable field is translated, including one action per workaround. */
export function isFullyTranslated(entry: Translatable): boolean {
  return entry.signature_zh !== undefined && entry.root_cause_zh !== undefined && entry.workarounds.every((_, i) => entry.workarounds_zh?.[i] !== undefined);
}

/** The locales an entry has views in, English first. */
export function viewLocales(entry: Translatable): Locale[] {
  return hasChineseView(entry) ? ["en", "zh"] : ["en"];
}

function pick(english: string, chinese: string | undefined, locale: Locale): LocalizedText {
  if (locale === "en") return { value: english, fallback: false };
  return chinese === undefined ? { value: english, fallback: true } : { value: chinese, fallback: false };
}

export const localizedSignature = (entry: Translatable, locale: Locale) => pick(entry.signature, entry.signature_zh, locale);
export const localizedRootCause = (entry: Translatable, locale: Locale) => pick(entry.root_cause, entry.root_cause_zh, locale);
export const localizedAction = (entry: Translatable, index: number, locale: Locale) =>
  pick(entry.workarounds[index]?.action ?? "", entry.workarounds_zh?.[index], locale);
