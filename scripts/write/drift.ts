// Output drift as diagnostics, one per file that differs from what kb build writes: the one wording
// shared by `kb check` and the CI run that cannot push the regenerated files itself.
import { createDiagnostic, type Diagnostic } from "../model/diagnostic.ts";
import type { OutputDrift } from "./sync.ts";

export const REGENERATE_HINT = "run npx kb build and commit the result; never edit generated/ by hand";

/** `outDisplay` is the output folder as shown to people (e.g. "generated"). */
export function driftDiagnostics(drift: OutputDrift, outDisplay: string): Diagnostic[] {
  const note = (rel: string, message: string) => createDiagnostic({ file: `${outDisplay}/${rel}`, severity: "error", rule: "kb/generated-up-to-date", message, hint: REGENERATE_HINT });
  return [
    ...drift.stale.map((rel) => note(rel, "is stale: it differs from what kb build writes")),
    ...drift.missing.map((rel) => note(rel, "is missing: kb build writes it")),
    ...drift.extra.map((rel) => note(rel, "is extra: no entry produces it")),
  ];
}

export const driftCount = (drift: OutputDrift): number => drift.stale.length + drift.missing.length + drift.extra.length;
