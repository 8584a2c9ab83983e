// The one diagnostic model shared by every command: checks produce it through createDiagnostic,
// reporters only format it. Its total order makes every report deterministic.
import type { RuleId } from "./rule-ids.ts";

export type { RuleId } from "./rule-ids.ts";
export type Severity = "error" | "warning";

export interface Diagnostic {
  /** Path of the file, relative to the working directory, with forward slashes. */
  readonly file: string;
  /** 1-based line of the exact key or value concerned. */
  readonly line: number;
  /** 1-based column (UTF-16 code units, as editors and GitHub count). */
  readonly column: number;
  /** RFC 6901 JSON pointer of the value concerned; "" for the whole document. */
  readonly pointer: string;
  readonly severity: Severity;
  readonly rule: RuleId;
  readonly message: string;
  readonly hint?: string;
  /** True when `kb fix` can repair it. */
  readonly fixable?: boolean;
}

export interface DiagnosticInit {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly pointer?: string;
  readonly severity: Severity;
  readonly rule: RuleId;
  readonly message: string;
  readonly hint?: string | undefined;
  readonly fixable?: boolean | undefined;
}

/** The only way a diagnostic is made: fixed key order (stable JSON output), no undefined keys, 1-based positions. */
export function createDiagnostic(init: DiagnosticInit): Diagnostic {
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = {
    file: init.file,
    line: Math.max(1, Math.floor(init.line ?? 1)),
    column: Math.max(1, Math.floor(init.column ?? 1)),
    pointer: init.pointer ?? "",
    severity: init.severity,
    rule: init.rule,
    message: init.message,
  };
  if (init.hint) d.hint = init.hint;
  if (init.fixable) d.fixable = true;
  return d;
}

/**
 * The diagnostic that stands, at the end of a file, for each of its structural problems past the
 * per-file cap: a structural rule, so that no configuration or exception can drop what it counts.
 * finishDiagnostics lists it at most once and counts the rest.
 */
export function overflowDiagnostic(file: string, end: { readonly line: number; readonly column: number }, rule: "kb/schema" | "kb/json-syntax", maxPerFile: number): Diagnostic {
  return createDiagnostic({
    file,
    ...end,
    severity: "error",
    rule,
    message: `more ${rule === "kb/schema" ? "schema" : "JSON"} problems than the per-file limit (${maxPerFile}); those past it are counted, not described`,
  });
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === "error") errors++;
  return { errors, warnings: diagnostics.length - errors };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Total, stable order: by file, position, rule, then message, so every report is deterministic. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.rule, b.rule) || compareText(a.message, b.message);
}

/** Code-unit comparison: locale-independent, so output never depends on the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}
