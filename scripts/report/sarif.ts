// The report for code scanning: SARIF 2.1.0 (what GitHub's upload-sarif reads), one result per
// diagnostic with its rule, level and exact region, and every rule that can fire in the driver's rule
// list with its description, why, default level and a helpUri to its section of docs/rules.md.
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { Diagnostic } from "../model/diagnostic.ts";
import { jsonText } from "./terminal-text.ts";

export interface SarifRule {
  readonly id: string;
  readonly description: string;
  readonly why: string;
  readonly severity: "error" | "warning";
}

export interface SarifOptions {
  readonly version: string;
  readonly rules: readonly SarifRule[];
  /** The rules page's absolute URL, when the repository's URL is known; without it, no help links. */
  readonly rulesPage: string | undefined;
}

/** GitHub's anchor for a heading that is exactly the rule id (`kb/empty-text` → `kbempty-text`). */
export function ruleAnchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 _-]/g, "").replace(/ /g, "-");
}

/**
 * A file's path as a relative URI reference: each segment percent-encoded whole, so #, ? and % in a name
 * stay part of the path (encodeURI would leave # to start a fragment); a lone surrogate, which no URI
 * can hold, becomes U+FFFD.
 */
export function fileUri(file: string): string {
  return file
    .split("/")
    .map((segment) => encodeURIComponent(segment.replace(/[\ud800-\udfff]/gu, "\ufffd")))
    .join("/");
}

export function formatSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): string {
  const index = new Map(options.rules.map((r, i) => [r.id, i]));
  const rules: ReportingDescriptor[] = options.rules.map((r) => ({
    id: r.id,
    name: r.id.replace(/^kb\//, ""),
    shortDescription: { text: r.description },
    fullDescription: { text: r.why },
    ...(options.rulesPage ? { helpUri: `${options.rulesPage}#${ruleAnchor(r.id)}` } : {}),
    defaultConfiguration: { level: r.severity },
  }));
  const results: Result[] = diagnostics.map((d) => ({
    ruleId: d.rule,
    ...(index.has(d.rule) ? { ruleIndex: index.get(d.rule)! } : {}),
    level: d.severity,
    message: { text: d.hint ? `${d.message} (hint: ${d.hint})` : d.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(d.file), uriBaseId: "%SRCROOT%" }, region: { startLine: d.line, startColumn: d.column } } }],
    ...(d.pointer ? { properties: { pointer: d.pointer } } : {}),
  }));
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "error-kb", version: options.version, ...(options.rulesPage ? { informationUri: options.rulesPage } : {}), rules } }, results, columnKind: "utf16CodeUnits" }],
  };
  return jsonText(log) + "\n";
}
