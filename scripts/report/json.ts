// The report for tools: the diagnostics array, nothing else on stdout, every text exact (controls,
// bidi and invisible characters as JSON escapes, so a terminal shows them instead of obeying them).
import type { Diagnostic } from "../model/diagnostic.ts";
import { jsonText } from "./terminal-text.ts";

export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return jsonText(diagnostics) + "\n";
}
