// A translation silently drifts when the English changes and nobody touches the zh field. Each zh
// field records a digest of the English it was checked against (translated_from); when the English
// no longer matches it, the translation may be stale. `kb fix --refresh-translation-digests` is the
// explicit way to say a translation was checked again.
import { translatedFields, translationState } from "../../model/translation.ts";
import { entryRule } from "../rule.ts";

export const translationStale = entryRule({
  meta: {
    id: "kb/translation-stale",
    description: "every Chinese field records the digest of the English it translates (translated_from), and that English has not changed since",
    severity: "warning",
    why: "Translations drift silently when the English is edited; a recorded digest turns that into a warning, and only current translations count as translated.",
  },
  requires: [],
  check({ entry, file, report }) {
    for (const f of translatedFields(entry)) {
      const state = translationState(f.english, f.recorded);
      if (state === "stale")
        report({ pointer: f.zhPointer, message: `${f.label} may be stale: its English text changed since it was translated`, hint: `update the translation, then run npx kb fix --refresh-translation-digests ${file}` });
      else if (state === "unchecked")
        report({ pointer: f.zhPointer, message: `${f.label} does not record which English text it translates`, hint: `check it against the English, then run npx kb fix --refresh-translation-digests ${file}` });
    }
    const from = entry.translated_from;
    if (from?.signature !== undefined && entry.signature_zh === undefined) report({ pointer: "/translated_from/signature", message: "translated_from.signature records a translation that is not there (no signature_zh)", hint: "remove it" });
    if (from?.root_cause !== undefined && entry.root_cause_zh === undefined) report({ pointer: "/translated_from/root_cause", message: "translated_from.root_cause records a translation that is not there (no root_cause_zh)", hint: "remove it" });
    if (from?.workarounds && from.workarounds.length > (entry.workarounds_zh?.length ?? 0))
      report({ pointer: "/translated_from/workarounds", message: `translated_from.workarounds has ${from.workarounds.length} digests for ${entry.workarounds_zh?.length ?? 0} translations`, hint: "run npx kb fix --refresh-translation-digests after checking the translations" });
  },
});
