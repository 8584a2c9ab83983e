// The report for tools: the diagnostics array, nothing else on stdout, every text exact.
import type { Diagnostic } from "../model/diagnostic.ts";

export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(diagnostics, null, 2) + "\n";
}
