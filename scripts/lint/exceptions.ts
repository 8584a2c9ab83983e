// lint-exceptions.json: a committed list that may silence one rule for one entry, each with a
// required reason. Structural rules (parse, schema, ids, paths, encoding) cannot be excepted, and an
// exception that silences nothing is itself an error, so the list only shrinks. Pure: the caller
// reads the file through the guarded JSON parser and passes its text.
import type { Node } from "jsonc-parser";
import { findNodeAtLocation } from "jsonc-parser";
import { createDiagnostic, type Diagnostic, type RuleId } from "../model/diagnostic.ts";
import type { JsonText } from "../source/json-text.ts";
import { allRules, STRUCTURAL_RULES } from "./registry.ts";

export const EXCEPTIONS_FILE = "lint-exceptions.json";

export interface LintException {
  readonly rule: RuleId;
  readonly entry: string;
  readonly reason: string;
  /** Where it is written, for diagnostics about the exception itself. */
  readonly line: number;
  readonly column: number;
  readonly index: number;
}

const KNOWN = new Set<string>(allRules.map((r) => r.meta.id));

export function parseExceptions(json: JsonText): { exceptions: LintException[]; diagnostics: Diagnostic[] } {
  const { file, lines } = json;
  const diagnostics: Diagnostic[] = [...json.diagnostics];
  const problem = (node: Node | undefined, pointer: string, message: string, hint: string) =>
    diagnostics.push(createDiagnostic({ file, ...lines.position(node?.offset ?? 0), pointer, severity: "error", rule: "kb/exception-invalid", message, hint }));
  const tree = json.tree;
  if (!tree) return { exceptions: [], diagnostics };
  if (tree.type !== "array") {
    problem(tree, "", `${file} must be a JSON array of {"rule", "entry", "reason"} objects`, 'e.g. [{"rule": "kb/how-repeats-action", "entry": "api/foo", "reason": "…"}]');
    return { exceptions: [], diagnostics };
  }
  const exceptions: LintException[] = [];
  (tree.children ?? []).forEach((node, index) => {
    const get = (key: string) => (node.type === "object" ? findNodeAtLocation(node, [key]) : undefined);
    const rule = get("rule")?.value as unknown;
    const entry = get("entry")?.value as unknown;
    const reason = get("reason")?.value as unknown;
    const extra = node.type === "object" ? (node.children ?? []).map((p) => String(p.children?.[0]?.value)).filter((k) => !["rule", "entry", "reason"].includes(k)) : [];
    if (node.type !== "object" || typeof rule !== "string" || typeof entry !== "string") {
      problem(node, `/${index}`, `exception ${index} needs "rule" and "entry" strings`, 'write {"rule": "kb/…", "entry": "<domain>/<slug>", "reason": "…"}');
    } else if (typeof reason !== "string" || reason.trim().length < 10) {
      problem(get("reason") ?? node, `/${index}/reason`, `exception ${index} (${rule} for ${entry}) needs a reason of at least a sentence`, "say why the rule does not apply to this entry");
    } else if (!KNOWN.has(rule)) {
      problem(get("rule"), `/${index}/rule`, `exception ${index} names an unknown rule "${rule}"`, "run npx kb rules for the list");
    } else if (STRUCTURAL_RULES.has(rule)) {
      problem(get("rule"), `/${index}/rule`, `exception ${index} names ${rule}, a structural rule, which cannot be excepted`, "fix the entry: parse, schema, id, path and encoding problems always block the build");
    } else if (extra.length > 0) {
      problem(node, `/${index}`, `exception ${index} has unknown keys: ${extra.join(", ")}`, 'only "rule", "entry" and "reason"');
    } else {
      exceptions.push({ rule: rule as RuleId, entry, reason, index, ...lines.position(node.offset) });
    }
  });
  return { exceptions, diagnostics };
}

/** Removes silenced diagnostics and reports exceptions that silenced nothing. */
export function applyExceptions(file: string, diagnostics: readonly Diagnostic[], exceptions: readonly LintException[], fileOfEntry: (id: string) => string): Diagnostic[] {
  const used = new Set<LintException>();
  // Looked up by rule and file, the first exception for each pair (a second one is unused): linear, where
  // a search of the list per diagnostic made 4,000 exceptions against 2,000 diagnostics take 54 s.
  const byRuleAndFile = new Map<string, LintException>();
  for (const e of exceptions) {
    const key = `${e.rule}\0${fileOfEntry(e.entry)}`;
    if (!byRuleAndFile.has(key)) byRuleAndFile.set(key, e);
  }
  const kept = diagnostics.filter((d) => {
    if (STRUCTURAL_RULES.has(d.rule)) return true;
    const ex = byRuleAndFile.get(`${d.rule}\0${d.file}`);
    if (ex) used.add(ex);
    return !ex;
  });
  for (const e of exceptions) {
    if (used.has(e)) continue;
    kept.push(
      createDiagnostic({
        file,
        line: e.line,
        column: e.column,
        pointer: `/${e.index}`,
        severity: "error",
        rule: "kb/exception-unused",
        message: `the exception for ${e.rule} on ${e.entry} no longer silences anything`,
        hint: "remove it from lint-exceptions.json: the list only shrinks",
      }),
    );
  }
  return kept;
}
