// The report for people: grouped by file, one `file:line:column severity rule message` line per
// problem (terminals and editors make it a link), the hint under it, a summary count and how many
// `kb fix` repairs. Every text is made terminal-safe; colour only when asked for.
import { createColors } from "picocolors";
import { countBySeverity, type Diagnostic } from "../model/diagnostic.ts";
import { terminalSafeLine } from "./terminal-text.ts";

export function formatStylish(diagnostics: readonly Diagnostic[], color: boolean): string {
  const c = createColors(color);
  if (diagnostics.length === 0) return c.green("✔ no problems") + "\n";
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const d of diagnostics) {
    if (d.file !== currentFile) {
      if (currentFile !== undefined) lines.push("");
      currentFile = d.file;
    }
    const sev = d.severity === "error" ? c.red("error") : c.yellow("warning");
    lines.push(`${terminalSafeLine(d.file)}:${d.line}:${d.column} ${sev} ${c.dim(d.rule)} ${terminalSafeLine(d.message)}`);
    if (d.hint) lines.push(c.dim(`    hint: ${terminalSafeLine(d.hint)}`));
  }
  const { errors, warnings } = countBySeverity(diagnostics);
  const fixable = diagnostics.filter((d) => d.fixable).length;
  lines.push("");
  const summary = `✖ ${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"})`;
  lines.push(errors > 0 ? c.red(c.bold(summary)) : c.yellow(c.bold(summary)));
  if (fixable > 0) lines.push(c.dim(`  ${fixable} of them can be fixed with: npx kb fix`));
  return lines.join("\n") + "\n";
}
