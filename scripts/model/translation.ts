// Which Chinese field translates which English text, and whether the translation is current: its
// recorded digest (translated_from) still matches the English. Shared by lint (kb/translation-stale),
// kb fix --refresh-translation-digests and the coverage figures of the generated pages.
import type { Entry } from "./entry.ts";
import { translationDigest } from "./digest.ts";

export type TranslationState = "current" | "stale" | "unchecked";

/** Each zh field and the English it translates, with its recorded digest. */
export function translatedFields(entry: Partial<Entry>): { zhPointer: string; digestPointer: string; label: string; english: string | undefined; zh: string; recorded: string | null | undefined }[] {
  const from = entry.translated_from;
  const out: ReturnType<typeof translatedFields> = [];
  if (entry.signature_zh !== undefined) out.push({ zhPointer: "/signature_zh", digestPointer: "/translated_from/signature", label: "signature_zh", english: entry.signature, zh: entry.signature_zh, recorded: from?.signature });
  if (entry.root_cause_zh !== undefined) out.push({ zhPointer: "/root_cause_zh", digestPointer: "/translated_from/root_cause", label: "root_cause_zh", english: entry.root_cause, zh: entry.root_cause_zh, recorded: from?.root_cause });
  (entry.workarounds_zh ?? []).forEach((zh, i) =>
    out.push({ zhPointer: `/workarounds_zh/${i}`, digestPointer: `/translated_from/workarounds/${i}`, label: `workarounds_zh[${i}]`, english: entry.workarounds?.[i]?.action, zh, recorded: from?.workarounds?.[i] }),
  );
  return out;
}

export function translationState(english: string | undefined, recorded: string | null | undefined): TranslationState {
  if (recorded === undefined || recorded === null || english === undefined) return "unchecked";
  return translationDigest(english) === recorded ? "current" : "stale";
}

