// Rules applied by the loader, the parser and the schema stage, before an entry is an Entry. They
// live here so the catalogue lists them with the others; their checks are in load/ and schema/.
import type { StageRule } from "./types.ts";

const stage = (id: StageRule["id"], description: string, why: string, fixable = false): StageRule => ({
  id,
  description,
  severity: "error",
  scope: "file",
  fixable,
  docs: { why },
});

export const fileRules: readonly StageRule[] = [
  stage("kb/stray-file", "entries/ holds only <domain>/<slug>.json files: no other files, directories named *.json or symlinks", "Anything else in entries/ is either a mistake or an attempt to make the pipeline read outside the repository."),
  stage("kb/file-too-large", "an entry file is not larger than the configured limit (maxFileBytes)", "A huge file is never a real entry and would slow every run."),
  stage("kb/encoding", "the file is UTF-8 without a byte-order mark", "Invalid bytes corrupt every view built from the entry; a BOM breaks tools that read JSON strictly.", true),
  stage("kb/json-syntax", "the file is well-formed JSON (no comments, no trailing commas)", "Nothing can be checked or built from a file that does not parse."),
  stage("kb/duplicate-key", "no key appears twice in one object", "JSON keeps only the last of two equal keys, silently discarding the first value."),
  stage("kb/not-an-object", "the file holds one JSON object", "An entry is an object of fields; anything else cannot be one."),
  stage("kb/generated-up-to-date", "generated/ is exactly what kb build writes (reported by kb check)", "Outputs that drift from their entries are the rot this project exists to stop; nobody edits generated/ by hand."),
  stage("kb/exception-invalid", "lint-exceptions.json is an array of {rule, entry, reason} with known rules and a real reason", "An exception without a reason cannot be reviewed, and one naming an unknown rule silences nothing."),
  stage("kb/exception-unused", "every exception in lint-exceptions.json still silences a diagnostic", "Stale exceptions would hide future problems; the list must only shrink."),
  stage("kb/schema", "fields, types, enums, ranges, dates and URLs follow the entry schema; no unknown keys", "The schema is the contract consumers rely on; unknown keys are almost always typos."),
];
