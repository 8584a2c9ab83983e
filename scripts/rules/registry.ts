// The one list of rules. Adding a rule: write its file, add it here, add valid and invalid fixtures
// under test/fixtures/rules/<name>/.
import { canonicalFormat } from "./canonical-format.ts";
import { confusedWithSymmetric } from "./confused-with-symmetric.ts";
import { dateOrder } from "./date-order.ts";
import { domainMatchesId } from "./domain-matches-id.ts";
import { duplicateSignature } from "./duplicate-signature.ts";
import { emptyText } from "./empty-text.ts";
import { fileRules } from "./file-rules.ts";
import { howRepeatsAction } from "./how-repeats-action.ts";
import { idMatchesPath } from "./id-matches-path.ts";
import { regexCollision } from "./regex-collision.ts";
import { regexCompiles } from "./regex-compiles.ts";
import { regexEnginesAgree } from "./regex-engines-agree.ts";
import { regexExamples } from "./regex-examples.ts";
import { regexLength } from "./regex-length.ts";
import { regexMatchesOwnTexts } from "./regex-matches-own-texts.ts";
import { regexPortability } from "./regex-portability.ts";
import { regexPython } from "./regex-python.ts";
import { regexRedos } from "./regex-redos.ts";
import { regexTimeout } from "./regex-timeout.ts";
import { stringLength } from "./string-length.ts";
import { transitionTargets } from "./transition-targets.ts";
import type { CollectionRule, EntryRule, Rule } from "./types.ts";
import { workaroundsZhLength } from "./workarounds-zh-length.ts";

export const entryRules: readonly EntryRule[] = [
  idMatchesPath,
  domainMatchesId,
  canonicalFormat,
  stringLength,
  emptyText,
  howRepeatsAction,
  workaroundsZhLength,
  dateOrder,
  regexLength,
  regexCompiles,
  regexMatchesOwnTexts,
  regexExamples,
  regexEnginesAgree,
  regexTimeout,
  regexPortability,
  regexRedos,
];

export const collectionRules: readonly CollectionRule[] = [transitionTargets, confusedWithSymmetric, duplicateSignature, regexPython, regexCollision];

export const allRules: readonly Rule[] = [...fileRules, ...entryRules, ...collectionRules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function findRule(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
