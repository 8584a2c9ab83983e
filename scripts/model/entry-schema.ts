// The JSON Schema of one knowledge-base entry: the single source of truth for validation, the
// TypeScript `Entry` type (generated from it into entry.ts), the editor schema written to
// generated/entry.schema.json, and the canonical key order used by `kb fix` (property order here).
// Descriptions are Markdown for editors (markdownDescription) and plain text for everything else.

const kebab = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
const snake = "^[a-z0-9]+(?:_[a-z0-9]+)*$";
/** Not empty and not only white space. */
const hasText = "\\S";
/** YYYY-MM-DD with a real month and a day of 01-31, for editors that ignore "format"; ajv checks the calendar. */
const datePattern = "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$";

/** A description for both kinds of reader: Markdown hovers in VS Code, plain text elsewhere. */
function doc<const T extends string>(markdown: T): { description: string; markdownDescription: T } {
  return { description: markdown.replace(/`/g, ""), markdownDescription: markdown };
}

const text = (markdown: string) => ({ type: "string", minLength: 1, pattern: hasText, ...doc(markdown) }) as const;

/**
 * A URL's host and the rest: a domain name of two labels or more whose last starts with a letter, an
 * optional port, then a path, query or fragment. No user name or password (https://docs.python.org@evil.example
 * reads as docs.python.org and goes to evil.example), no IP address, no localhost or other one-label
 * name, no percent-encoding in the host: a source is a public page a reader can check.
 */
const PUBLIC_HOST = "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?::[0-9]{1,5})?(?:[/?#][^\\s]*)?$";

const httpUrl = {
  type: "string",
  format: "uri",
  pattern: `^https?://${PUBLIC_HOST}`,
  ...doc("An http(s) URL where the claim can be checked."),
  examples: ["https://datatracker.ietf.org/doc/html/rfc6749#section-5.2"],
} as const;

const sources = {
  type: "array",
  items: httpUrl,
  uniqueItems: true,
  ...doc("http(s) URLs backing this claim: official docs, issue threads, answers. May be empty; never invented."),
} as const;

const rate = { type: "number", minimum: 0, maximum: 1 } as const;

const RATE_BASIS_TEXT =
  "Where the rate comes from: `estimate` (a curator's judgement, shown as ≈), `reported` (stated in the cited sources) or " +
  "`measured` (counted by the method in `rate_method`). Absent: unstated, which lint flags on high rates with no sources.";

const rateBasis = {
  enum: ["estimate", "reported", "measured"],
  ...doc(RATE_BASIS_TEXT),
  markdownEnumDescriptions: [
    "A curator's judgement; views show it as ≈85%, estimate.",
    "Stated by the sources cited next to it.",
    "Counted: `rate_method` says how, `evidence_count` how many.",
  ],
} as const;

const shortDigest = {
  type: "string",
  pattern: "^[0-9a-f]{8}$",
  ...doc("First 8 hex digits of the SHA-256 of the English text this translation was checked against (`kb fix --refresh-translation-digests`)."),
} as const;

const date = { type: "string", format: "date", pattern: datePattern, ...doc("A real calendar date, `YYYY-MM-DD`."), examples: ["2025-03-14"] } as const;

const nullableDate = {
  type: ["string", "null"],
  format: "date",
  pattern: datePattern,
  ...doc("A real calendar date, `YYYY-MM-DD`, or `null` when unknown."),
  examples: ["2025-03-14", null],
} as const;

const errorId = {
  type: "string",
  pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$",
  ...doc("The id of another entry, `<domain>/<slug>`."),
  examples: ["node/err-require-esm"],
} as const;

const transition = {
  type: "object",
  additionalProperties: false,
  required: ["error_id", "probability", "condition"],
  properties: {
    error_id: errorId,
    probability: { ...rate, ...doc("How likely this transition is, from 0 to 1.") },
    condition: { type: "string", ...doc("When the transition happens; may be empty.") },
  },
  defaultSnippets: [{ label: "transition", body: { error_id: "${1:domain/slug}", probability: "^${2:0.5}", condition: "${3}" } }],
} as const;

const uniqueTexts = { type: "array", items: { type: "string", pattern: hasText }, uniqueItems: true } as const;

export const SCHEMA_ID = "https://error-kb.dev/schema/entry.schema.json";

export const entrySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: SCHEMA_ID,
  title: "error-kb entry",
  ...doc(
    "One error in the error-kb knowledge base: how to recognise it, why it happens, what fails and what works. File path: `entries/<domain>/<slug>.json`.",
  ),
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
    $schema: { type: "string", ...doc("Where editors find this schema, e.g. `../../generated/entry.schema.json`. Ignored by kb.") },
    id: {
      ...errorId,
      ...doc("`<domain>/<slug>`, both lowercase kebab-case; must equal the file's path under `entries/`."),
      examples: ["api/oauth2-invalid-grant-refresh-token-expired"],
    },
    signature: { ...text("The error as people see it, one line, as the tool prints it today."), examples: ["ModuleNotFoundError: No module named 'requests'"] },
    signature_zh: text("The signature in Chinese, for the zh view."),
    regex: {
      ...text(
        "Recognises the error. Matched case-insensitively: JavaScript `new RegExp(regex, \"iu\")` and Python `re.search(regex, text, re.IGNORECASE)`. " +
          "Must match the signature, every alias and every `examples.match` line, and require enough literal text to be specific.",
      ),
      examples: ["No module named '[A-Za-z0-9_.]+'"],
    },
    domain: { type: "string", pattern: kebab, ...doc("Kebab-case area of the error; equals the first segment of the id."), examples: ["python", "node", "api"] },
    category: { type: "string", pattern: snake, ...doc("snake_case kind of error."), examples: ["auth_error", "import_error"] },
    subcategory: { type: ["string", "null"], pattern: snake, ...doc("snake_case refinement of the category, or `null`.") },
    root_cause: text("Why the error happens: the mechanism, and each real cause when there are several."),
    root_cause_type: {
      enum: ["generic", "version_specific", "environment_specific", "configuration"],
      ...doc("What kind of cause this is."),
      markdownEnumDescriptions: [
        "Happens wherever the tool is used this way.",
        "Tied to versions of the tool or a dependency (say which in `versions`).",
        "Depends on the machine: OS, permissions, network, installed software.",
        "Caused by a setting the user controls.",
      ],
    },
    root_cause_zh: text("The root cause in Chinese, for the zh view."),
    versions: {
      type: "array",
      ...doc("Versions of the tool or protocol where the error occurs, and how it changed. Only real rows."),
      items: {
        type: "object",
        additionalProperties: false,
        required: ["version", "introduced", "deprecated", "removed", "behavior_change", "status"],
        properties: {
          version: text("The product and version range."),
          introduced: { type: ["string", "null"], ...doc("Version that introduced the error, or `null`.") },
          deprecated: { type: ["string", "null"], ...doc("Version that deprecated the behaviour, or `null`.") },
          removed: { type: ["string", "null"], ...doc("Version that removed the behaviour, or `null`.") },
          behavior_change: { type: ["string", "null"], ...doc("What changed in this version, or `null`.") },
          status: {
            enum: ["active", "deprecated", "removed"],
            ...doc("State of the behaviour in this version."),
            markdownEnumDescriptions: ["Current behaviour.", "Still there, announced to go.", "Gone in this version."],
          },
        },
      },
    },
    os_specific: {
      type: "object",
      ...doc("Notes that apply to one operating system, keyed by OS name."),
      propertyNames: { pattern: kebab },
      additionalProperties: { type: "string", pattern: hasText },
      examples: [{ windows: "Paths longer than 260 characters need LongPathsEnabled." }],
    },
    dead_ends: {
      type: "array",
      minItems: 1,
      ...doc("Fixes people try that fail, and why. At least one."),
      items: {
        type: "object",
        additionalProperties: false,
        required: ["action", "why_fails", "fail_rate", "condition", "sources"],
        properties: {
          action: text('What people try, as an imperative sentence, e.g. "Retry with the same token".'),
          why_fails: text("Why it does not fix the error."),
          fail_rate: { ...rate, ...doc("Share of attempts that fail, from 0 to 1.") },
          rate_basis: rateBasis,
          condition: { type: "string", ...doc('When this applies, e.g. "on Debian 12 and later"; may be empty.') },
          sources,
        },
        defaultSnippets: [
          { label: "dead end", body: { action: "${1:What people try}", why_fails: "${2:Why it fails}", fail_rate: "^${3:0.8}", condition: "", sources: [] } },
        ],
      },
    },
    workarounds: {
      type: "array",
      minItems: 1,
      ...doc("What works, best and safest first. At least one."),
      items: {
        type: "object",
        additionalProperties: false,
        required: ["action", "success_rate", "how", "condition", "sources"],
        properties: {
          action: text("What to do, as a short imperative sentence."),
          success_rate: { ...rate, ...doc("Share of attempts that succeed, from 0 to 1.") },
          rate_basis: rateBasis,
          risk: {
            type: "object",
            additionalProperties: false,
            required: ["level", "why"],
            ...doc(
              "What the workaround costs even when it works (disabled checks, lost data, wider permissions). Required where its text matches a known risky pattern such as `--force` or `--break-system-packages`.",
            ),
            properties: {
              level: {
                enum: ["low", "medium", "high"],
                ...doc("How much it can cost."),
                markdownEnumDescriptions: ["Easy to undo, local.", "Weakens a check or changes shared state.", "Can lose data or open a security hole."],
              },
              why: text("What can go wrong, in one sentence."),
            },
          },
          how: text("How to do it: the steps, commands or code the action does not already say."),
          condition: { type: "string", ...doc('When this applies, e.g. "on npm 7 and later"; may be empty.') },
          sources,
        },
        defaultSnippets: [
          {
            label: "workaround",
            body: { action: "${1:What to do}", success_rate: "^${2:0.7}", rate_basis: "estimate", how: "${3:The exact steps or command}", condition: "", sources: [] },
          },
        ],
      },
    },
    workarounds_zh: {
      type: "array",
      items: { type: "string", pattern: hasText },
      ...doc("Chinese translations of the workarounds' actions, one per workaround, same order."),
    },
    translated_from: {
      type: "object",
      additionalProperties: false,
      ...doc("For each Chinese field, a short digest of the English text it translates, so lint can say when the English changed since."),
      properties: {
        signature: shortDigest,
        root_cause: shortDigest,
        workarounds: { type: "array", items: { anyOf: [shortDigest, { type: "null" }] }, ...doc("One per `workarounds_zh` item, same order.") },
      },
    },
    transition_graph: {
      type: "object",
      additionalProperties: false,
      required: ["leads_to", "preceded_by", "frequently_confused_with"],
      ...doc("How this error relates to other entries."),
      properties: {
        leads_to: { type: "array", items: transition, ...doc("Errors that often follow this one.") },
        preceded_by: { type: "array", items: transition, ...doc("Errors that often come before this one.") },
        frequently_confused_with: {
          type: "array",
          ...doc("Entries people mistake this one for; list each other on both sides."),
          items: {
            type: "object",
            additionalProperties: false,
            required: ["error_id", "distinction"],
            properties: { error_id: errorId, distinction: text("How to tell the two apart.") },
            defaultSnippets: [{ label: "confused with", body: { error_id: "${1:domain/slug}", distinction: "${2:How to tell them apart}" } }],
          },
        },
      },
    },
    official_doc_url: {
      type: ["string", "null"],
      format: "uri",
      pattern: `^https://${PUBLIC_HOST}`,
      ...doc("An https URL of the official documentation for this error, or `null`."),
    },
    official_doc_section: { type: ["string", "null"], ...doc("Section of the official documentation, or `null`.") },
    error_code: { type: ["string", "null"], ...doc("The tool's own code for the error, e.g. `ERR_REQUIRE_ESM`, or `null`.") },
    verification_tier: {
      enum: ["ai_generated", "human_reviewed", "community_verified"],
      ...doc("Who has checked this entry. Never claim a review that did not happen."),
      markdownEnumDescriptions: [
        "Written or drafted by an AI and not yet reviewed by a person.",
        "A named person checked every claim against the sources.",
        "Confirmed by several independent users of the knowledge base.",
      ],
    },
    confidence: { ...rate, ...doc("How sure we are of this entry, from 0 to 1.") },
    fix_success_rate: { ...rate, ...doc("Share of people for whom the best workaround works, from 0 to 1.") },
    rate_basis: { ...rateBasis, ...doc(`${RATE_BASIS_TEXT} Applies to confidence, fix_success_rate and every rate that states no basis of its own.`) },
    rate_method: text("How reported or measured rates were obtained: the sample, who counted, when."),
    resolvable: {
      enum: ["true", "partial", "false"],
      ...doc('Whether the user can fix the error: the strings `"true"`, `"partial"` or `"false"`.'),
      markdownEnumDescriptions: ["The user can fix it.", "The user can work around part of it.", "Only someone else (a vendor, an admin) can."],
    },
    first_seen: nullableDate,
    last_confirmed: nullableDate,
    last_updated: date,
    evidence_count: { type: "integer", minimum: 0, ...doc("How many independent reports back this entry.") },
    tags: { ...uniqueTexts, ...doc("Lowercase keywords, unique.") },
    aliases: { ...uniqueTexts, ...doc("Other ways the same error is written (older versions, other tools); the regex must match each.") },
    locale: {
      type: "string",
      pattern: "^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$",
      ...doc("BCP 47 language tag of the entry's main text."),
      examples: ["en"],
    },
    examples: {
      type: "object",
      additionalProperties: false,
      ...doc("Real error lines the regex must match (`match`) and must not match (`no_match`), in both engines."),
      properties: {
        match: { ...uniqueTexts, ...doc("Real lines of this error, as they appear in logs.") },
        no_match: { ...uniqueTexts, ...doc("Near misses: similar lines of other errors, showing the regex is specific.") },
      },
    },
  },
} as const;

/** Keywords only editors read; ajv must be told they are annotations, not typos. */
export const EDITOR_KEYWORDS = ["markdownDescription", "markdownEnumDescriptions", "defaultSnippets"] as const;

/** Canonical key order of an entry, from the schema's property order. */
export const ENTRY_KEY_ORDER: readonly string[] = Object.keys(entrySchema.properties);
