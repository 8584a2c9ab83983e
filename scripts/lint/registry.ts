// The one list of rules. Adding a rule: write its file, add it here, run `npm run codegen` (the
// RuleId union), and give it valid and invalid cases in test/rules/<name>.test.ts.
import { compareText } from "../model/diagnostic.ts";
import type { CollectionRule, EntryRule, Rule } from "./rule.ts";
import { codeSpans } from "./rules/code-spans.ts";
import { controlCharacters } from "./rules/control-characters.ts";
import { canonicalFormat } from "./rules/canonical-format.ts";
import { confusedWithSymmetric } from "./rules/confused-with-symmetric.ts";
import { dateOrder } from "./rules/date-order.ts";
import { domainMatchesId } from "./rules/domain-matches-id.ts";
import { duplicateId } from "./rules/duplicate-id.ts";
import { duplicateSignature } from "./rules/duplicate-signature.ts";
import { emptyText } from "./rules/empty-text.ts";
import { howRepeatsAction } from "./rules/how-repeats-action.ts";
import { idMatchesPath } from "./rules/id-matches-path.ts";
import { noMatchExamples } from "./rules/no-match-examples.ts";
import { rateProvenance } from "./rules/rate-provenance.ts";
import { regexCollision } from "./rules/regex-collision.ts";
import { regexCompiles } from "./rules/regex-compiles.ts";
import { regexEmptyMatch } from "./rules/regex-empty-match.ts";
import { regexEnginesAgree } from "./rules/regex-engines-agree.ts";
import { regexExamples } from "./rules/regex-examples.ts";
import { regexLength } from "./rules/regex-length.ts";
import { regexMatchesSignature } from "./rules/regex-matches-signature.ts";
import { regexPortability } from "./rules/regex-portability.ts";
import { regexPython } from "./rules/regex-python.ts";
import { regexRedos } from "./rules/regex-redos.ts";
import { regexSpecificity } from "./rules/regex-specificity.ts";
import { regexTimeout } from "./rules/regex-timeout.ts";
import { stringLength } from "./rules/string-length.ts";
import { transitionTarget } from "./rules/transition-target.ts";
import { translationStale } from "./rules/translation-stale.ts";
import { workaroundRisk } from "./rules/workaround-risk.ts";
import { workaroundsZhLength } from "./rules/workarounds-zh-length.ts";
import { stageRules } from "./stage-rules.ts";

export const entryRules: readonly EntryRule[] = [
  idMatchesPath,
  domainMatchesId,
  canonicalFormat,
  stringLength,
  emptyText,
  controlCharacters,
  codeSpans,
  howRepeatsAction,
  workaroundsZhLength,
  workaroundRisk,
  rateProvenance,
  translationStale,
  dateOrder,
  regexLength,
  regexCompiles,
  regexMatchesSignature,
  regexExamples,
  regexEnginesAgree,
  regexTimeout,
  regexPortability,
  regexRedos,
  regexSpecificity,
  regexEmptyMatch,
  noMatchExamples,
];

export const collectionRules: readonly CollectionRule[] = [duplicateId, transitionTarget, confusedWithSymmetric, duplicateSignature, regexPython, regexCollision];

export const allRules: readonly Rule[] = [...stageRules, ...entryRules, ...collectionRules].sort((a, b) => compareText(a.meta.id, b.meta.id));

export function findRule(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}

/** Rules that can be neither excepted nor turned off or down. */
export const STRUCTURAL_RULES: ReadonlySet<string> = new Set(allRules.filter((r) => r.meta.structural).map((r) => r.meta.id));
