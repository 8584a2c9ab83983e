// JSON Schemas of kb's two settings files, for editors (written to generated/ and wired in
// .vscode/settings.json) and for kb itself, which validates kb.config.json against the first one:
// unknown keys are errors, never silently ignored.
import { DEFAULT_LIMITS, LIMIT_KEYS } from "./limits.ts";
import { RULE_IDS, STRUCTURAL_RULE_IDS } from "./rule-ids.ts";

const STRUCTURAL: ReadonlySet<string> = new Set(STRUCTURAL_RULE_IDS);
/** The rules a repository may turn off, down or except: every rule that is not structural. */
export const ADJUSTABLE_RULE_IDS = RULE_IDS.filter((id) => !STRUCTURAL.has(id));


/**
 * An https URL of a host and a path, in the characters a URL holds unescaped: SARIF's helpUri is a
 * URI, and quotes, <>, backslashes and controls passed the old pattern (^https://[^\s]+$, pass AN).
 * No query or fragment: the rules page's path is appended.
 */
export const REPOSITORY_URL = /^https:\/\/[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?(?:\/[A-Za-z0-9._~%!$&'()*+,;=:@-]*)*$/;

export const configSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://error-kb.dev/schema/kb.config.schema.json",
  title: "kb.config.json",
  description: "Settings of error-kb for this repository. Every key is optional; unknown keys are errors.",
  type: "object",
  additionalProperties: false,
  properties: {
    $schema: { type: "string", description: "Where editors find this schema, e.g. ./generated/kb.config.schema.json." },
    limits: {
      type: "object",
      additionalProperties: false,
      description: "Limits that protect CI from hostile or accidental input.",
      properties: Object.fromEntries(LIMIT_KEYS.map((k) => [k, { type: "integer", exclusiveMinimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: `Default ${DEFAULT_LIMITS[k]}.` }])),
    },
    rules: {
      type: "object",
      additionalProperties: false,
      description: "Severity per rule, as in ESLint: \"off\", \"warn\" or \"error\". Structural rules (parse, schema, ids, paths, encoding) cannot be changed.",
      properties: Object.fromEntries(ADJUSTABLE_RULE_IDS.map((id) => [id, { enum: ["off", "warn", "error"], markdownEnumDescriptions: ["The rule does not run.", "Problems are warnings: shown, exit 0 unless --max-warnings.", "Problems are errors: exit 1."] }])),
    },
    repositoryUrl: {
      type: "string",
      pattern: REPOSITORY_URL.source,
      description: "The repository's https URL, e.g. https://github.com/owner/repo: links in SARIF reports point at its docs/rules.md.",
    },
  },
} as const;

export const exceptionsSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://error-kb.dev/schema/lint-exceptions.schema.json",
  title: "lint-exceptions.json",
  description: "Exceptions that silence one rule for one entry, each with a reason. The list only shrinks: an exception that silences nothing is an error.",
  type: "array",
  items: {
    type: "object",
    additionalProperties: false,
    required: ["rule", "entry", "reason"],
    properties: {
      rule: { enum: ADJUSTABLE_RULE_IDS, description: "The rule to silence (not a structural one: parse, schema, ids, paths and encoding cannot be excepted)." },
      entry: { type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$", description: "The entry's id, <domain>/<slug>." },
      reason: { type: "string", minLength: 10, description: "Why the rule does not apply to this entry, in a sentence." },
    },
  },
} as const;
