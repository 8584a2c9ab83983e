// Prints diagnostics the way the user asked: the format (stylish, json, github, sarif), errors only
// (--quiet), to a file (-o, written atomically) or stdout, the GitHub job summary when running in
// Actions, and the exit code including --max-warnings. The only place that decides what a lint-like
// command prints.
import { lstatSync } from "node:fs";
import path from "node:path";
import { countBySeverity, type Diagnostic } from "../model/diagnostic.ts";
import { allRules } from "../lint/registry.ts";
import { formatGithubAnnotations, formatGithubSummary } from "../report/github.ts";
import { formatJson } from "../report/json.ts";
import { formatSarif } from "../report/sarif.ts";
import { formatStylish } from "../report/stylish.ts";
import { terminalSafeLine } from "../report/terminal-text.ts";
import { isWithin } from "../source/entry-path.ts";
import type { RunSettings } from "../model/run-settings.ts";
import { writeFileAtomic } from "../write/atomic.ts";
import { appendToRegularFile } from "../write/append.ts";
import { useColor } from "./color.ts";
import { UsageError } from "./usage-error.ts";
import { KB_VERSION } from "./version.ts";
import { REPOSITORY_URL } from "../model/config-schema.ts";
import { flagNumber } from "./flag-number.ts";

/** The report formats; main.ts lists the same four for --help (a test keeps them equal). */
export const FORMATS = ["stylish", "json", "github", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportFlags {
  format?: string;
  quiet?: boolean;
  maxWarnings?: string;
  outputFile?: string;
  color?: boolean;
}

export function parseFormat(value: string | undefined, allowed: readonly string[] = FORMATS): Format {
  const f = value ?? "stylish";
  if (!allowed.includes(f)) throw new UsageError(`--format must be one of ${allowed.join(", ")}, not "${f}"`);
  return f as Format;
}

export function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = flagNumber(value);
  if (!Number.isInteger(n) || n < -1) throw new UsageError("--max-warnings must be a whole number (-1 for no limit)");
  return n < 0 ? undefined : n;
}

export interface ReportContext {
  readonly cwd: string;
  readonly repositoryUrl: string | undefined;
  readonly title?: string;
  /** Paths a report file must never land in: the entries, the outputs, .git, kb's own config files. */
  readonly protect?: readonly string[];
}

/** The report context of a run over the repository. */
export function runContext(settings: Pick<RunSettings, "cwd" | "root" | "entriesDir" | "outDir">, repositoryUrl: string | undefined, title?: string): ReportContext {
  const root = (name: string) => path.join(settings.root, name);
  return { cwd: settings.cwd, repositoryUrl, ...(title ? { title } : {}), protect: [settings.entriesDir, settings.outDir, root(".git"), root("kb.config.json"), root("lint-exceptions.json")] };
}

/**
 * Where -o may write: never over something that is not a regular file (a device, a FIFO, a link, a
 * folder: the atomic writer's rename would replace it, /dev/null included), and never inside the
 * entries, the outputs or .git (a typo must not replace an entry, an index or HEAD).
 */
export function assertReportTarget(file: string, protect: readonly string[]): void {
  const shown = terminalSafeLine(file);
  // Compared with links resolved: a link to a parent folder must not lead into a protected one.
  for (const folder of protect) {
    if (isWithin(file, folder)) throw new UsageError(`refusing to write the report to ${shown}: it is inside ${terminalSafeLine(folder)}, which kb reads or owns; choose a file elsewhere`);
  }
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    return; // nothing there yet
  }
  if (!stat.isFile()) throw new UsageError(`refusing to write the report to ${shown}: it is ${stat.isSymbolicLink() ? "a symbolic link" : stat.isDirectory() ? "a folder" : stat.isFIFO() ? "a FIFO" : "a device or socket"}, not a regular file`);
}

/** Checks the report flags before any work, so that a typo is a usage error before kb build writes anything. */
export function checkReportFlags(flags: ReportFlags): void {
  parseFormat(flags.format);
  parseMaxWarnings(flags.maxWarnings);
  // Resolved, an empty name is the working folder: "it is a folder" said nothing of the typo (pass V).
  if (flags.outputFile === "") throw new UsageError("-o/--output-file is empty: give the file to write the report to");
}

/**
 * Where -o points, checked before the command's work too: kb fix rewrote entries and only then
 * refused -o generated/r.txt (pass W).
 */
export function checkReportTarget(flags: ReportFlags, context: ReportContext): void {
  if (flags.outputFile !== undefined) assertReportTarget(path.resolve(context.cwd, flags.outputFile), context.protect ?? []);
}

/** Prints the report; returns the exit code: 1 with errors, or with more warnings than --max-warnings. */
export async function report(diagnostics: readonly Diagnostic[], flags: ReportFlags, context: ReportContext): Promise<number> {
  checkReportFlags(flags);
  const format = parseFormat(flags.format);
  const maxWarnings = parseMaxWarnings(flags.maxWarnings);
  const shown = flags.quiet ? diagnostics.filter((d) => d.severity === "error") : diagnostics;
  const toFile = flags.outputFile !== undefined;
  let text: string;
  if (format === "json") text = formatJson(shown);
  else if (format === "sarif") text = formatSarif(shown, { version: KB_VERSION, rules: allRules.map((r) => ({ id: r.meta.id, description: r.meta.description, why: r.meta.why, severity: r.meta.severity })), rulesPage: rulesPageUrl(context.repositoryUrl) });
  else if (format === "github") {
    text = formatGithubAnnotations(shown);
    const summary = process.env.GITHUB_STEP_SUMMARY;
    if (summary) appendToRegularFile(summary, formatGithubSummary(shown, context.title), "the job summary ($GITHUB_STEP_SUMMARY)");
  } else text = formatStylish(shown, !toFile && useColor(process.stdout, flags.color));
  if (toFile) {
    checkReportTarget(flags, context);
    await writeFileAtomic(path.resolve(context.cwd, flags.outputFile!), text);
  }
  else process.stdout.write(text);
  const { errors, warnings } = countBySeverity(diagnostics);
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    process.stderr.write(`kb: ${warnings} warning${warnings === 1 ? "" : "s"}, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** Where SARIF's help links point: the repository's rules page, from kb.config.json or the Actions environment. */
function rulesPageUrl(repositoryUrl: string | undefined): string | undefined {
  const base = repositoryUrl ?? (process.env.GITHUB_SERVER_URL && process.env.GITHUB_REPOSITORY ? `${process.env.GITHUB_SERVER_URL}/${process.env.GITHUB_REPOSITORY}` : undefined);
  // The environment's too must be a URL a SARIF viewer can link to; anything else gives no link.
  return base && REPOSITORY_URL.test(base) ? `${base.replace(/\/+$/, "")}/blob/HEAD/docs/rules.md` : undefined;
}
