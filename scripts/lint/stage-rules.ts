// Rules checked by the source, schema and output stages themselves, before or after the entry rules:
// listed here with their metadata so the catalogue, the RuleId union and the config checks know them.
import type { StageRule } from "./rule.ts";

const stage = (meta: StageRule["meta"]): StageRule => ({ scope: "stage", meta });

export const stageRules: readonly StageRule[] = [
  stage({ id: "kb/stray-file", description: "entries/ holds only <domain>/<slug>.json files: no other files, directories named *.json or symlinks", severity: "error", structural: true, why: "Anything else in entries/ is either a mistake or an attempt to make the pipeline read outside the repository." }),
  stage({ id: "kb/unreadable-path", description: "every folder and file under entries/ can be read", severity: "error", structural: true, why: "A folder kb cannot read would otherwise look empty, and its domain's outputs would be deleted as if its entries were gone." }),
  stage({ id: "kb/file-too-large", description: "an entry file is not larger than the configured limit (maxFileBytes)", severity: "error", structural: true, why: "A huge file is never a real entry and would slow every run." }),
  stage({ id: "kb/encoding", description: "the file is UTF-8 without a byte-order mark, with no lone surrogate escapes", severity: "error", fixable: true, structural: true, why: "Invalid bytes corrupt every view built from the entry; a BOM breaks tools that read JSON strictly." }),
  stage({ id: "kb/json-syntax", description: "the file is well-formed JSON (no comments, no trailing commas, bounded nesting)", severity: "error", structural: true, why: "Nothing can be checked or built from a file that does not parse." }),
  stage({ id: "kb/duplicate-key", description: "no key appears twice in one object", severity: "error", structural: true, why: "JSON keeps only the last of two equal keys, silently discarding the first value." }),
  stage({ id: "kb/not-an-object", description: "the file holds one JSON object", severity: "error", structural: true, why: "An entry is an object of fields; anything else cannot be one." }),
  stage({ id: "kb/schema", description: "fields, types, enums, ranges, dates and URLs follow the entry schema; no unknown keys", severity: "error", structural: true, why: "The schema is the contract consumers rely on; unknown keys are almost always typos." }),
  stage({ id: "kb/too-many-problems", description: "a file has no more problems than the per-file limit (maxDiagnosticsPerFile); past it, one line counts the rest", severity: "error", structural: true, why: "Thousands of diagnostics for one broken file would hide every other file's." }),
  stage({ id: "kb/generated-up-to-date", description: "generated/ is exactly what kb build writes (reported by kb check)", severity: "error", structural: true, why: "Outputs that drift from their entries are the rot this project exists to stop; nobody edits generated/ by hand." }),
  stage({ id: "kb/exception-invalid", description: "lint-exceptions.json is an array of {rule, entry, reason} naming known, non-structural rules, with a real reason", severity: "error", structural: true, why: "An exception without a reason cannot be reviewed; one naming an unknown or structural rule would silence nothing or hide broken data." }),
  stage({ id: "kb/exception-unused", description: "every exception in lint-exceptions.json still silences a diagnostic", severity: "error", structural: true, why: "Stale exceptions would hide future problems; the list must only shrink." }),
];
