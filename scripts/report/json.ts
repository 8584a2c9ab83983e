// The report for tools: the diagnostics array, nothing else on stdout.
import type { Diagnostic } from "../core/diagnostic.ts";

export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(diagnostics, null, 2) + "\n";
}
