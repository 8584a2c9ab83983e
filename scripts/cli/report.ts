// Prints diagnostics in the chosen format: the only place that decides what goes to stdout, stderr
// and the GitHub job summary.
import { appendFileSync } from "node:fs";
import type { Diagnostic } from "../core/diagnostic.ts";
import { formatGithubAnnotations, formatGithubSummary } from "../report/github.ts";
import { formatJson } from "../report/json.ts";
import { formatStylish } from "../report/stylish.ts";
import { UsageError } from "./settings.ts";

export const FORMATS = ["stylish", "json", "github"] as const;
export type Format = (typeof FORMATS)[number];

export function parseFormat(value: string | undefined): Format {
  const f = value ?? "stylish";
  if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${f}"`);
  return f as Format;
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], format: Format, title?: string): void {
  if (format === "json") process.stdout.write(formatJson(diagnostics));
  else if (format === "github") {
    process.stdout.write(formatGithubAnnotations(diagnostics));
    const summaryFile = process.env.GITHUB_STEP_SUMMARY;
    if (summaryFile) appendFileSync(summaryFile, formatGithubSummary(diagnostics, title));
  } else process.stdout.write(formatStylish(diagnostics, useColor()));
}

export function useColor(): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR) return true;
  return Boolean(process.stdout.isTTY);
}
