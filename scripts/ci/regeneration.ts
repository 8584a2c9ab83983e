// What the CI run does once kb build has brought generated/ up to date: nothing, let the bot commit the
// regenerated files, or fail (hand edits; or stale files on a run that cannot push, such as a fork's).
import { driftDiagnostics } from "../build/drift-diagnostics.ts";
import type { OutputDrift } from "../build/sync.ts";
import { compareText, type Diagnostic } from "../core/diagnostic.ts";
import type { CiPlan } from "./event.ts";
import { handEditDiagnostics, type HandEdit } from "./hand-edits.ts";

export type RegenerationOutcome =
  | { readonly kind: "up-to-date" }
  | { readonly kind: "commit"; readonly files: string[]; readonly branch: string }
  | { readonly kind: "cannot-push"; readonly files: string[]; readonly reason: string }
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
  /** Step outputs for the workflow. */
  readonly outputs: Record<string, string>;
}

export function decideRegeneration(input: RegenerationInput): RegenerationDecision {
  const { drift, handEdits, outDisplay } = input;
  const files = [...drift.stale, ...drift.missing, ...drift.extra].map((rel) => `${outDisplay}/${rel}`).sort(compareText);
  const outcome = chooseOutcome(input, files);
  const outputs = { stale: String(files.length > 0), commit: String(outcome.kind === "commit"), hand_edited: String(handEdits.length > 0) };
  if (outcome.kind === "hand-edited") return { outcome, exitCode: 1, diagnostics: handEditDiagnostics(handEdits), outputs };
  if (outcome.kind === "cannot-push") return { outcome, exitCode: 1, diagnostics: driftDiagnostics(drift, outDisplay), outputs };
  return { outcome, exitCode: 0, diagnostics: [], outputs };
}

function chooseOutcome({ plan, handEdits, checkedOutSha }: RegenerationInput, files: string[]): RegenerationOutcome {
  // A hand edit is reported even when the bot could overwrite it: the contributor's change would be lost.
  if (handEdits.length > 0) return { kind: "hand-edited", files, edits: handEdits };
  if (files.length === 0) return { kind: "up-to-date" };
  if (!plan.canPush || !plan.pushBranch) return { kind: "cannot-push", files, reason: plan.reason };
  if (checkedOutSha !== plan.headSha) {
    return { kind: "cannot-push", files, reason: `the checked-out commit (${checkedOutSha ?? "unknown"}) is not the head of ${plan.pushBranch} (${plan.headSha}), so files built from it must not be pushed there` };
  }
  return { kind: "commit", files, branch: plan.pushBranch };
}
