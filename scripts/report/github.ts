// The report for pull requests: one workflow-command annotation per diagnostic (GitHub shows the first
// few per step, so they come first), and a Markdown table of the diagnostics for the job summary,
// capped below GitHub's 1 MiB summary limit with a line saying how many more there are.
import type { Root } from "mdast";
import { countBySeverity, type Diagnostic } from "../model/diagnostic.ts";
import { code, heading, paragraph, table, text } from "../markdown/build.ts";
import { toMarkdown } from "../markdown/to-markdown.ts";
import { showControls, terminalSafeLine } from "./terminal-text.ts";

/**
 * Escaping from the workflow-command spec: data escapes %, CR, LF; properties also : and ,. Controls
 * are shown, never sent to the log. Each annotation is one line that starts with its own command, so
 * text inside it cannot start another (file names stay exact, unlike text printed for people).
 */
const escapeData = (s: string) => showControls(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
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

/** GitHub refuses a step summary over 1 MiB; the table stops well before it. */
export const SUMMARY_LIMIT_BYTES = 512 * 1024;

export function formatGithubSummary(diagnostics: readonly Diagnostic[], title = "error-kb lint", limitBytes = SUMMARY_LIMIT_BYTES): string {
  const { errors, warnings } = countBySeverity(diagnostics);
  const head: Root = {
    type: "root",
    children: [heading(2, text(title)), paragraph(text(diagnostics.length === 0 ? "No problems found." : `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}.`))],
  };
  if (diagnostics.length === 0) return toMarkdown(head);
  // Rows are added while an upper bound of their rendered size stays under the limit: the cells as
  // printed (controls already spelled out as \u0001, six bytes for one), each byte at most doubled by
  // Markdown escapes, plus the row's frame.
  const cells = (d: Diagnostic) => ({ where: `${terminalSafeLine(d.file)}:${d.line}:${d.column}`, message: terminalSafeLine(d.hint ? `${d.message} (hint: ${d.hint})` : d.message) });
  const rows: Diagnostic[] = [];
  let size = Buffer.byteLength(toMarkdown(head)) + 200;
  for (const d of diagnostics) {
    const { where, message } = cells(d);
    const rowSize = Buffer.byteLength(`${d.severity}${where}${d.rule}${message}`) * 2 + 40;
    if (size + rowSize > limitBytes) break;
    size += rowSize;
    rows.push(d);
  }
  const render = (shown: readonly Diagnostic[]): string => {
    const root: Root = {
      type: "root",
      children: [
        ...head.children,
        table(
          ["Severity", "Where", "Rule", "Message"],
          shown.map((d) => {
            const { where, message } = cells(d);
            return [[text(d.severity)], [code(where)], [code(d.rule)], [text(message)]];
          }),
        ),
      ],
    };
    const more = diagnostics.length - shown.length;
    if (more > 0) root.children.push(paragraph(text(`${more} more not shown here (the summary is limited to ${Math.round(limitBytes / 1024)} KiB); see the annotations, or run npx kb lint --format json.`)));
    return toMarkdown(root);
  };
  let markdown = render(rows);
  // The bound above should hold; if it ever does not, rows go until the summary fits.
  while (Buffer.byteLength(markdown) > limitBytes && rows.length > 0) {
    rows.length = Math.floor(rows.length / 2);
    markdown = render(rows);
  }
  return markdown;
}
