// The report for pull requests: one workflow-command annotation per diagnostic (GitHub shows only
// some), and every diagnostic in a Markdown table for the job summary.
import type { Root } from "mdast";
import { countBySeverity, type Diagnostic } from "../core/diagnostic.ts";
import { code, heading, paragraph, table, text, toMarkdown } from "./markdown.ts";

/** Escaping from the workflow-command spec: data escapes %, CR, LF; properties also : and ,. */
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function formatGithubAnnotations(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const props = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.rule)}`;
      const message = d.hint ? `${d.message} (hint: ${d.hint})` : d.message;
      return `::${d.severity === "error" ? "error" : "warning"} ${props}::${escapeData(message)}\n`;
    })
    .join("");
}

export function formatGithubSummary(diagnostics: readonly Diagnostic[], title = "error-kb lint"): string {
  const { errors, warnings } = countBySeverity(diagnostics);
  const root: Root = {
    type: "root",
    children: [
      heading(2, text(title)),
      paragraph(text(diagnostics.length === 0 ? "No problems found." : `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}.`)),
    ],
  };
  if (diagnostics.length > 0) {
    root.children.push(
      table(
        ["Severity", "File", "Line", "Rule", "Message"],
        diagnostics.map((d) => [[text(d.severity)], [code(`${d.file}:${d.line}:${d.column}`)], [text(String(d.line))], [code(d.rule)], [text(d.hint ? `${d.message} (hint: ${d.hint})` : d.message)]]),
      ),
    );
  }
  return toMarkdown(root);
}
