// lint-exceptions.json: a committed list that may silence one rule for one entry, each with a
// required reason. An exception that silences nothing is itself an error, so the list only shrinks.
import { parseTree, findNodeAtLocation, type Node } from "jsonc-parser";
import type { Diagnostic } from "../core/diagnostic.ts";
import { LineIndex } from "../core/location.ts";

export const EXCEPTIONS_FILE = "lint-exceptions.json";

export interface LintException {
  readonly rule: string;
  readonly entry: string;
  readonly reason: string;
  /** Where it is written, for diagnostics about the exception itself. */
  readonly line: number;
  readonly column: number;
  readonly index: number;
}

export function parseExceptions(file: string, text: string, knownRules: ReadonlySet<string>): { exceptions: LintException[]; diagnostics: Diagnostic[] } {
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const problem = (node: Node | undefined, pointer: string, message: string, hint: string) => {
    const { line, column } = lines.position(node?.offset ?? 0);
    diagnostics.push({ file, line, column, pointer, severity: "error", rule: "kb/exception-invalid", message, hint });
  };
  const errors: { offset: number }[] = [];
  const tree = parseTree(text, errors as never, { disallowComments: true });
  if (!tree || errors.length > 0 || tree.type !== "array") {
    problem(tree, "", `${file} must be a JSON array of {"rule", "entry", "reason"} objects`, 'e.g. [{"rule": "kb/how-repeats-action", "entry": "api/foo", "reason": "…"}]');
    return { exceptions: [], diagnostics };
  }
  const exceptions: LintException[] = [];
  (tree.children ?? []).forEach((node, index) => {
    const get = (key: string) => findNodeAtLocation(node, [key]);
    const rule = get("rule")?.value;
    const entry = get("entry")?.value;
    const reason = get("reason")?.value;
    const extra = (node.children ?? []).map((p) => String(p.children?.[0]?.value)).filter((k) => !["rule", "entry", "reason"].includes(k));
    if (node.type !== "object" || typeof rule !== "string" || typeof entry !== "string") {
      problem(node, `/${index}`, `exception ${index} needs "rule" and "entry" strings`, 'write {"rule": "kb/…", "entry": "<domain>/<slug>", "reason": "…"}');
    } else if (typeof reason !== "string" || reason.trim().length < 10) {
      problem(get("reason") ?? node, `/${index}/reason`, `exception ${index} (${rule} for ${entry}) needs a reason of at least a sentence`, "say why the rule does not apply to this entry");
    } else if (!knownRules.has(rule)) {
      problem(get("rule"), `/${index}/rule`, `exception ${index} names an unknown rule "${rule}"`, "run npx kb rules for the list");
    } else if (extra.length > 0) {
      problem(node, `/${index}`, `exception ${index} has unknown keys: ${extra.join(", ")}`, 'only "rule", "entry" and "reason"');
    } else {
      exceptions.push({ rule, entry, reason, index, ...lines.position(node.offset) });
    }
  });
  return { exceptions, diagnostics };
}

/** Removes silenced diagnostics and reports exceptions that silenced nothing. */
export function applyExceptions(file: string, diagnostics: readonly Diagnostic[], exceptions: readonly LintException[], fileOfEntry: (id: string) => string): Diagnostic[] {
  const used = new Set<LintException>();
  const kept = diagnostics.filter((d) => {
    const ex = exceptions.find((e) => e.rule === d.rule && fileOfEntry(e.entry) === d.file);
    if (ex) used.add(ex);
    return !ex;
  });
  for (const e of exceptions) {
    if (used.has(e)) continue;
    kept.push({
      file,
      line: e.line,
      column: e.column,
      pointer: `/${e.index}`,
      severity: "error",
      rule: "kb/exception-unused",
      message: `the exception for ${e.rule} on ${e.entry} no longer silences anything`,
      hint: "remove it from lint-exceptions.json: the list only shrinks",
    });
  }
  return kept;
}
