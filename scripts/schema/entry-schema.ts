// The JSON Schema of one knowledge-base entry: the single source of truth for validation, the
// TypeScript `Entry` type (derived below at the type level), the editor schema written to
// generated/entry.schema.json, and the canonical key order used by `kb fix` (property order here).
import type { FromSchema } from "json-schema-to-ts";

const kebab = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
const snake = "^[a-z0-9]+(?:_[a-z0-9]+)*$";
/** Not empty and not only white space. */
const hasText = "\\S";

const httpUrl = {
  type: "string",
  format: "uri",
  pattern: "^https?://[^\\s/$.?#][^\\s]*$",
  description: "An http(s) URL where the claim can be checked.",
  examples: ["https://datatracker.ietf.org/doc/html/rfc6749#section-5.2"],
} as const;

const sources = {
  type: "array",
  items: httpUrl,
  uniqueItems: true,
  description: "http(s) URLs backing this claim: issue threads, docs, answers. May be empty.",
} as const;

const rate = {
  type: "number",
  minimum: 0,
  maximum: 1,
} as const;

/** Where a rate comes from: the difference between a number that was counted and one that was guessed. */
const rateBasis = {
  enum: ["estimate", "reported", "measured"],
  description:
    "Where the rate comes from: \"estimate\" (a curator's judgement, shown as ≈), \"reported\" (stated in the cited sources) " +
    "or \"measured\" (counted by the method in rate_method). Absent: unstated, which lint flags on high rates with no sources.",
} as const;

const shortDigest = {
  type: "string",
  pattern: "^[0-9a-f]{8}$",
  description: "The first 8 hex digits of the SHA-256 of the English text this translation was checked against.",
} as const;

const date = {
  type: "string",
  format: "date",
  description: "A real calendar date, YYYY-MM-DD.",
  examples: ["2025-03-14"],
} as const;

const nullableDate = {
  type: ["string", "null"],
  format: "date",
  description: "A real calendar date, YYYY-MM-DD, or null when unknown.",
  examples: ["2025-03-14", null],
} as const;

const errorId = {
  type: "string",
  pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$",
  description: "The id of another entry, `<domain>/<slug>`.",
  examples: ["node/err-require-esm"],
} as const;

const transition = {
  type: "object",
  additionalProperties: false,
  required: ["error_id", "probability", "condition"],
  properties: {
    error_id: errorId,
    probability: { ...rate, description: "How likely this transition is, from 0 to 1." },
    condition: { type: "string", description: "When the transition happens; may be empty." },
  },
} as const;

const uniqueTexts = {
  type: "array",
  items: { type: "string", pattern: hasText },
  uniqueItems: true,
} as const;

export const SCHEMA_ID = "https://error-kb.dev/schema/entry.schema.json";

export const entrySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: SCHEMA_ID,
  title: "error-kb entry",
  description:
    "One error in the error-kb knowledge base: how to recognise it, why it happens, what fails and what works. " +
    "File path: entries/<domain>/<slug>.json.",
  type: "object",
  additionalProperties: false,
  required: [
    "id",
    "signature",
    "regex",
    "domain",
    "category",
    "root_cause",
    "dead_ends",
    "workarounds",
    "verification_tier",
    "confidence",
    "fix_success_rate",
    "resolvable",
    "last_updated",
    "locale",
  ],
  properties: {
    $schema: { type: "string", description: "Where editors find this schema, e.g. ../../generated/entry.schema.json. Ignored by kb." },
    id: {
      ...errorId,
      description: "`<domain>/<slug>`, both lowercase kebab-case; must equal the file's path under entries/.",
      examples: ["api/oauth2-invalid-grant-refresh-token-expired"],
    },
    signature: {
      type: "string",
      pattern: hasText,
      description: "The error as people see it, one line, as printed by the tool.",
      examples: ["ModuleNotFoundError: No module named 'requests'"],
    },
    signature_zh: {
      type: "string",
      pattern: hasText,
      description: "The signature in Chinese, for the zh view.",
    },
    regex: {
      type: "string",
      pattern: hasText,
      description:
        "Recognises the error. Matched case-insensitively: JavaScript new RegExp(regex, \"iu\") and Python " +
        "re.search(regex, text, re.IGNORECASE). Must match the signature, every alias and every examples.match line.",
      examples: ["No module named '?[A-Za-z0-9_.]+'?"],
    },
    domain: {
      type: "string",
      pattern: kebab,
      description: "Kebab-case area of the error; equals the first segment of the id.",
      examples: ["python", "node", "api"],
    },
    category: {
      type: "string",
      pattern: snake,
      description: "snake_case kind of error.",
      examples: ["auth_error", "import_error"],
    },
    subcategory: {
      type: ["string", "null"],
      pattern: snake,
      description: "snake_case refinement of the category, or null.",
    },
    root_cause: {
      type: "string",
      pattern: hasText,
      description: "Why the error happens, in a few sentences.",
    },
    root_cause_type: {
      enum: ["generic", "version_specific", "environment_specific", "configuration"],
      description: "What kind of cause this is.",
    },
    root_cause_zh: {
      type: "string",
      pattern: hasText,
      description: "The root cause in Chinese, for the zh view.",
    },
    versions: {
      type: "array",
      description: "Versions of the tool or protocol where the error occurs, and how it changed.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["version", "introduced", "deprecated", "removed", "behavior_change", "status"],
        properties: {
          version: { type: "string", pattern: hasText, description: "The product and version range." },
          introduced: { type: ["string", "null"], description: "Version that introduced the error, or null." },
          deprecated: { type: ["string", "null"], description: "Version that deprecated the behaviour, or null." },
          removed: { type: ["string", "null"], description: "Version that removed the behaviour, or null." },
          behavior_change: { type: ["string", "null"], description: "What changed in this version, or null." },
          status: { enum: ["active", "deprecated", "removed"], description: "State of the behaviour in this version." },
        },
      },
    },
    os_specific: {
      type: "object",
      description: "Notes that apply to one operating system, keyed by OS name.",
      propertyNames: { pattern: kebab },
      additionalProperties: { type: "string", pattern: hasText },
      examples: [{ windows: "Paths longer than 260 characters need LongPathsEnabled." }],
    },
    dead_ends: {
      type: "array",
      minItems: 1,
      description: "Fixes people try that fail, and why. At least one.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["action", "why_fails", "fail_rate", "condition", "sources"],
        properties: {
          action: {
            type: "string",
            description: "What people try, as an imperative sentence, e.g. \"Retry with the same token\".",
          },
          why_fails: { type: "string", description: "Why it does not fix the error." },
          fail_rate: { ...rate, description: "Share of attempts that fail, from 0 to 1." },
          rate_basis: rateBasis,
          condition: { type: "string", description: "When this applies; may be empty." },
          sources: sources,
        },
      },
    },
    workarounds: {
      type: "array",
      minItems: 1,
      description: "What works, best first. At least one.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["action", "success_rate", "how", "condition", "sources"],
        properties: {
          action: { type: "string", description: "What to do, as a short imperative sentence." },
          success_rate: { ...rate, description: "Share of attempts that succeed, from 0 to 1." },
          rate_basis: rateBasis,
          risk: {
            type: "object",
            additionalProperties: false,
            required: ["level", "why"],
            description: "What the workaround costs even when it works (disabled checks, lost data, wider permissions). Required where its text matches a known risky pattern.",
            properties: {
              level: { enum: ["low", "medium", "high"], description: "How much it costs: low, medium or high." },
              why: { type: "string", pattern: hasText, description: "What can go wrong, in one sentence." },
            },
          },
          how: { type: "string", description: "How to do it: steps, commands or code the action does not already say." },
          condition: { type: "string", description: "When this applies; may be empty." },
          sources: sources,
        },
      },
    },
    workarounds_zh: {
      type: "array",
      items: { type: "string", pattern: hasText },
      description: "Chinese translations of the workarounds' actions, one per workaround, same order.",
    },
    translated_from: {
      type: "object",
      additionalProperties: false,
      description: "For each Chinese field, a short digest of the English text it translates, so lint can say when the English changed since.",
      properties: {
        signature: shortDigest,
        root_cause: shortDigest,
        workarounds: { type: "array", items: { anyOf: [shortDigest, { type: "null" }] }, description: "One per workarounds_zh item, same order." },
      },
    },
    transition_graph: {
      type: "object",
      additionalProperties: false,
      required: ["leads_to", "preceded_by", "frequently_confused_with"],
      description: "How this error relates to other entries.",
      properties: {
        leads_to: { type: "array", items: transition, description: "Errors that often follow this one." },
        preceded_by: { type: "array", items: transition, description: "Errors that often come before this one." },
        frequently_confused_with: {
          type: "array",
          description: "Entries people mistake this one for; list each other on both sides.",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["error_id", "distinction"],
            properties: {
              error_id: errorId,
              distinction: { type: "string", pattern: hasText, description: "How to tell the two apart." },
            },
          },
        },
      },
    },
    official_doc_url: {
      type: ["string", "null"],
      format: "uri",
      pattern: "^https://[^\\s/$.?#][^\\s]*$",
      description: "An https URL of the official documentation for this error, or null.",
    },
    official_doc_section: { type: ["string", "null"], description: "Section of the official documentation, or null." },
    error_code: { type: ["string", "null"], description: "The tool's own code for the error, e.g. ERR_REQUIRE_ESM, or null." },
    verification_tier: {
      enum: ["ai_generated", "human_reviewed", "community_verified"],
      description: "Who has checked this entry.",
    },
    confidence: { ...rate, description: "How sure we are of this entry, from 0 to 1." },
    fix_success_rate: { ...rate, description: "Share of people for whom the best workaround works, from 0 to 1." },
    rate_basis: { ...rateBasis, description: `${rateBasis.description} Applies to confidence, fix_success_rate and every rate that states no basis of its own.` },
    rate_method: { type: "string", pattern: hasText, description: "How reported or measured rates were obtained: the sample, who counted, when." },
    resolvable: {
      enum: ["true", "partial", "false"],
      description: "Whether the error can be fixed by the user: the strings \"true\", \"partial\" or \"false\".",
    },
    first_seen: nullableDate,
    last_confirmed: nullableDate,
    last_updated: date,
    evidence_count: { type: "integer", minimum: 0, description: "How many independent reports back this entry." },
    tags: { ...uniqueTexts, description: "Lowercase keywords, unique." },
    aliases: { ...uniqueTexts, description: "Other ways the same error is written; the regex must match each." },
    locale: {
      type: "string",
      pattern: "^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$",
      description: "BCP 47 language tag of the entry's main text.",
      examples: ["en"],
    },
    examples: {
      type: "object",
      additionalProperties: false,
      description: "Real error lines the regex must match (match) and must not match (no_match), in both engines.",
      properties: {
        match: { ...uniqueTexts, description: "Real lines of this error." },
        no_match: { ...uniqueTexts, description: "Similar lines of other errors." },
      },
    },
  },
} as const;

export type Entry = FromSchema<typeof entrySchema>;
export type DeadEnd = Entry["dead_ends"][number];
export type Workaround = Entry["workarounds"][number];
export type Transition = NonNullable<Entry["transition_graph"]>["leads_to"][number];

/** Canonical key order of an entry, from the schema's property order. */
export const ENTRY_KEY_ORDER: readonly string[] = Object.keys(entrySchema.properties);
