// What the CI run does once kb build has brought generated/ up to date: nothing, let the bot commit the
// regenerated files, or fail (hand edits; or stale files on a run that cannot push, such as a fork's).
import { compareText, type Diagnostic } from "../model/diagnostic.ts";
import { driftDiagnostics } from "../write/drift.ts";
import type { OutputDrift } from "../write/sync.ts";
import type { CiPlan } from "./event.ts";
import { handEditDiagnostics, type HandEdit } from "./hand-edits.ts";

export type RegenerationOutcome =
  | { readonly kind: "up-to-date" }
  | { readonly kind: "commit"; readonly files: string[]; readonly branch: string }
  | { readonly kind: "cannot-push"; readonly files: string[]; readonly reason: string }
  /** A fork's pull request whose only problem is stale outputs: the push to the default branch after the merge regenerates them. */
  | { readonly kind: "fork-stale"; readonly files: string[]; readonly reason: string }
  | { readonly kind: "hand-edited"; readonly files: string[]; readonly edits: readonly HandEdit[] };

export interface RegenerationInput {
  readonly plan: CiPlan;
  /** What kb build found different from the checked-out generated/ before it wrote. */
  readonly drift: OutputDrift;
  readonly handEdits: readonly HandEdit[];
  /** The commit actually checked out (git rev-parse HEAD). */
  readonly checkedOutSha: string | null;
  /** The output folder as people see it, e.g. "generated". */
  readonly outDisplay: string;
}

export interface RegenerationDecision {
  readonly outcome: RegenerationOutcome;
  readonly exitCode: 0 | 1;
  /** One annotation per file that needs a person. */
  readonly diagnostics: Diagnostic[];
  /** Notices (not failures): what will happen without the author's help. */
  readonly notices: string[];
  /** Step outputs for the workflow. */
  readonly outputs: Record<string, string>;
}

export function decideRegeneration(input: RegenerationInput): RegenerationDecision {
  const { drift, handEdits, outDisplay } = input;
  const files = [...drift.stale, ...drift.missing, ...drift.extra].map((rel) => `${outDisplay}/${rel}`).sort(compareText);
  const outcome = chooseOutcome(input, files);
  const outputs = { stale: String(files.length > 0), commit: String(outcome.kind === "commit"), hand_edited: String(handEdits.length > 0) };
  if (outcome.kind === "hand-edited") return { outcome, exitCode: 1, diagnostics: handEditDiagnostics(handEdits), notices: [], outputs };
  if (outcome.kind === "cannot-push") return { outcome, exitCode: 1, diagnostics: driftDiagnostics(drift, outDisplay), notices: [], outputs };
  if (outcome.kind === "fork-stale")
    return {
      outcome,
      exitCode: 0,
      diagnostics: [],
      notices: [`${files.length} file${files.length === 1 ? "" : "s"} in ${outDisplay}/ ${files.length === 1 ? "is" : "are"} not regenerated in this pull request (${outcome.reason}); nothing to do: the push to the default branch after the merge regenerates ${files.length === 1 ? "it" : "them"}`],
      outputs,
    };
  return { outcome, exitCode: 0, diagnostics: [], notices: [], outputs };
}

function chooseOutcome({ plan, handEdits, checkedOutSha }: RegenerationInput, files: string[]): RegenerationOutcome {
  // A hand edit is reported even when the bot could overwrite it: the contributor's change would be lost.
  if (handEdits.length > 0) return { kind: "hand-edited", files, edits: handEdits };
  if (files.length === 0) return { kind: "up-to-date" };
  if (plan.mode === "fork-pull-request") return { kind: "fork-stale", files, reason: plan.reason };
  if (!plan.canPush || !plan.pushBranch) return { kind: "cannot-push", files, reason: plan.reason };
  if (checkedOutSha !== plan.headSha) {
    return { kind: "cannot-push", files, reason: `the checked-out commit (${checkedOutSha ?? "unknown"}) is not the head of ${plan.pushBranch} (${plan.headSha}), so files built from it must not be pushed there` };
  }
  return { kind: "commit", files, branch: plan.pushBranch };
}
