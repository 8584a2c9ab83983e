// Validates an entry value against the schema (ajv, compiled once per process) and says, for each
// problem, the exact key or value it is about in the contributor's language, with "did you mean"
// for misspelt keys and enum values. Also names the top-level fields that failed, so every other rule
// can still run on the fields that passed (one wave of errors, not one stage at a time).
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { describePointer, fromPointer } from "../model/pointer.ts";
import type { Target } from "../model/location.ts";
import { EDITOR_KEYWORDS, entrySchema } from "../model/entry-schema.ts";
import type { Entry } from "../model/entry.ts";
import { closest } from "../model/closest.ts";
import { exactNumberIn } from "../model/number-text.ts";
import { wholePercentAsRate } from "../model/rate.ts";

const require = createRequire(import.meta.url);

export interface SchemaProblem {
  /** kb/schema for structure; kb/empty-text for a text that is empty or only white space. */
  readonly rule: "kb/schema" | "kb/empty-text";
  readonly pointer: string;
  readonly target: Target;
  readonly message: string;
  readonly hint?: string;
  /** `kb fix` can repair the value (a number written as a string, a rate written as a percentage). */
  readonly fixable?: boolean;
}

export interface SchemaVerdict {
  readonly problems: readonly SchemaProblem[];
  /** Problems past `describe` (checkSchema's second argument): counted, not described. */
  readonly unlisted: number;
  /** Top-level keys whose value failed (or that are missing while required, or unknown). */
  readonly failedFields: ReadonlySet<string>;
}

/** The one ajv set-up: draft 2020-12, real dates and URIs, editor-only keywords known as annotations. */
export function entryAjv(options: { standaloneCode?: boolean } = {}): Ajv2020 {
  const { Ajv2020: Ajv } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  // verbose: errors carry their schema, which "did you mean" needs for the allowed keys and values.
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true, ...(options.standaloneCode ? { code: { source: true } } : {}) });
  ajv.addVocabulary([...EDITOR_KEYWORDS]);
  const formats = require("ajv-formats") as ((ajv: Ajv2020, formats: string[]) => Ajv2020) & { default?: (ajv: Ajv2020, formats: string[]) => Ajv2020 };
  (formats.default ?? formats)(ajv, ["date", "uri"]);
  return ajv;
}

let compiled: ValidateFunction<Entry> | undefined;

/** What a precompiled validator must have been made from: this schema, by this ajv. */
export function schemaDigest(): string {
  const { version } = require("ajv/package.json") as { version: string };
  return createHash("sha1").update(`ajv ${version} verbose\0${JSON.stringify(entrySchema)}`).digest("hex");
}

/** Written next to the compiled schema-check.js by `npm run prepare` (codegen/write-validator.ts). */
export const PRECOMPILED_VALIDATOR = fileURLToPath(new URL("./entry-validator.cjs", import.meta.url));

/** The precompiled validator, when there is one made from the current schema and ajv. */
function precompiled(): ValidateFunction<Entry> | undefined {
  if (!existsSync(PRECOMPILED_VALIDATOR)) return undefined;
  try {
    const validate = require(PRECOMPILED_VALIDATOR) as ValidateFunction<Entry> & { schemaDigest?: string };
    return typeof validate === "function" && validate.schemaDigest === schemaDigest() ? validate : undefined;
  } catch {
    return undefined;
  }
}

function validator(): ValidateFunction<Entry> {
  // Compiling the schema takes ~150 ms; ajv's standalone code, written at prepare, loads in a few.
  compiled ??= precompiled() ?? entryAjv().compile<Entry>(entrySchema as object);
  return compiled;
}

/**
 * The schema's verdict, with at most `describe` problems put in words (each may look for a "did you
 * mean": 57,000 unknown keys took 6.6 s a file); the rest are only counted.
 */
export function checkSchema(value: unknown, describe = Infinity): SchemaVerdict {
  const validate = validator();
  if (validate(value)) return { problems: [], unlisted: 0, failedFields: new Set() };
  const errors = validate.errors ?? [];
  // A date that is not YYYY-MM-DD fails both the pattern and the format: one cause, one problem (the format's).
  const datesFailingFormat = new Set(errors.filter((e) => e.keyword === "format" && (e.params as { format?: string }).format === "date").map((e) => e.instancePath));
  // Each error is compared with the anyOf errors at its own path alone: against every error (n²),
  // 100,000 unknown keys took 73 s; against every anyOf error, 40,000 wrong list items 41 s (pass O).
  const anyOfsAt = new Map<string, ErrorObject[]>();
  for (const e of errors) if (e.keyword === "anyOf") anyOfsAt.set(e.instancePath, [...(anyOfsAt.get(e.instancePath) ?? []), e]);
  const relevant = errors.filter((e) => !isBranchNoise(e, anyOfsAt.get(e.instancePath) ?? []) && !(e.keyword === "pattern" && datesFailingFormat.has(e.instancePath)));
  // Described in slices until enough distinct problems are found (dedupe merges a few): the rest are counted.
  let problems: SchemaProblem[] = [];
  let described = 0;
  while (described < relevant.length && problems.length < describe) {
    const next = Math.min(relevant.length, described + Math.max(16, describe - problems.length));
    problems = dedupe([...problems, ...relevant.slice(described, next).map(describeError)]);
    described = next;
  }
  const unlisted = relevant.length - described;
  const failedFields = new Set<string>();
  // An empty text is a content problem (kb/empty-text): the field still has its shape, so rules run on it.
  for (const e of errors) {
    if (isEmptyText(e)) continue;
    const [first] = fromPointer(e.instancePath);
    if (first !== undefined) failedFields.add(String(first));
    else if (e.keyword === "required") failedFields.add(String((e.params as { missingProperty: string }).missingProperty));
    else if (e.keyword === "additionalProperties") failedFields.add(String((e.params as { additionalProperty: string }).additionalProperty));
    else failedFields.add("*");
  }
  return { problems, unlisted, failedFields };
}

function isEmptyText(e: ErrorObject): boolean {
  return e.keyword === "minLength" || (e.keyword === "pattern" && (e.params as { pattern?: string }).pattern === "\\S");
}

/** In an anyOf (a digest or null), each branch's error repeats the anyOf's own; keep the anyOf's. `anyOfs`: the anyOf errors at e's path. */
function isBranchNoise(e: ErrorObject, anyOfs: readonly ErrorObject[]): boolean {
  return e.keyword !== "anyOf" && anyOfs.some((o) => e.schemaPath.startsWith(o.schemaPath.replace(/\/anyOf$/, "/anyOf/")));
}

const RATE_FIELDS = new Set(["confidence", "fix_success_rate", "fail_rate", "success_rate", "probability"]);

function describeError(e: ErrorObject): SchemaProblem {
  const described = describeSchemaError(e);
  return { rule: isEmptyText(e) ? "kb/empty-text" : "kb/schema", ...described };
}

function describeSchemaError(e: ErrorObject): Omit<SchemaProblem, "rule"> {
  const where = describePointer(e.instancePath);
  const p = e.params as Record<string, unknown>;
  const field = lastKey(e.instancePath);
  switch (e.keyword) {
    case "required":
      return {
        pointer: e.instancePath,
        target: "value",
        message: `${where} is missing the required field "${String(p.missingProperty)}"`,
        hint: "see generated/entry.schema.json or docs/rules.md for what it holds",
      };
    case "additionalProperties": {
      const key = String(p.additionalProperty);
      const pointer = `${e.instancePath}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      const suggestion = closest(key, Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}));
      return {
        pointer,
        target: "key",
        message: `unknown key "${key}" in ${where}`,
        hint: suggestion ? `did you mean "${suggestion}"?` : "remove it, or check the spelling against generated/entry.schema.json",
      };
    }
    case "type":
      return typeProblem(e, where, field);
    case "enum": {
      const allowed = (p.allowedValues as unknown[]) ?? [];
      const value = e.data;
      const suggestion = typeof value === "string" ? closest(value, allowed.filter((v): v is string => typeof v === "string")) : undefined;
      const stringForm = typeof value === "boolean" && allowed.includes(String(value));
      return {
        pointer: e.instancePath,
        target: "value",
        message: `${where} must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}, not ${JSON.stringify(value)}`,
        ...(stringForm
          ? { hint: `write the string "${String(value)}" (kb fix does it)`, fixable: true }
          : suggestion
            ? { hint: `did you mean "${suggestion}"?` }
            : {}),
      };
    }
    case "minimum":
    case "maximum": {
      if (field !== undefined && RATE_FIELDS.has(field) && typeof e.data === "number" && e.data > 1) {
        const rate = wholePercentAsRate(e.data);
        const message = `${where} is ${e.data}: rates are fractions from 0 to 1`;
        if (rate !== undefined) return { pointer: e.instancePath, target: "value", message, hint: `write ${rate} (kb fix does it)`, fixable: true };
        return { pointer: e.instancePath, target: "value", message, hint: "write the fraction you mean (0.15 for 15%)" };
      }
      return { pointer: e.instancePath, target: "value", message: `${where} must be ${e.keyword === "minimum" ? "at least" : "at most"} ${String(p.limit)}` };
    }
    case "minItems":
      return { pointer: e.instancePath, target: "value", message: `${where} needs at least ${String(p.limit)} item${p.limit === 1 ? "" : "s"}` };
    case "minLength":
      return { pointer: e.instancePath, target: "value", message: `${where} is empty`, hint: emptyHint(e.instancePath) };
    case "uniqueItems":
      return { pointer: `${e.instancePath}/${String(p.i)}`, target: "value", message: `${where} has the same item twice (items ${String(p.j)} and ${String(p.i)})`, hint: "remove the duplicate" };
    case "format":
      return formatProblem(e.instancePath, where, String(p.format));
    case "pattern":
      return patternProblem(e.instancePath, where, String(p.pattern));
    case "propertyNames":
      return { pointer: e.instancePath, target: "value", message: `${where} has a key that is not lowercase kebab-case` };
    case "anyOf":
      return { pointer: e.instancePath, target: "value", message: `${where} must be an 8-digit hex digest or null`, hint: "run npx kb fix --refresh-translation-digests <entry> after checking the translation" };
    default:
      return { pointer: e.instancePath, target: "value", message: `${where} ${e.message ?? "is invalid"}` };
  }
}

function typeProblem(e: ErrorObject, where: string, field: string | undefined): Omit<SchemaProblem, "rule"> {
  const wanted = String((e.params as { type: string }).type);
  const value = e.data;
  const base = { pointer: e.instancePath, target: "value" as const, message: `${where} must be ${typeName(wanted)}, not ${describeValue(value)}` };
  if (wanted.includes("number") || wanted.includes("integer")) {
    const n = typeof value === "string" ? exactNumberIn(value) : undefined;
    if (n !== undefined) {
      const asRate = field !== undefined && RATE_FIELDS.has(field) ? (wholePercentAsRate(n) ?? n) : n;
      return { ...base, hint: `write ${asRate} without quotes (kb fix does it)`, fixable: true };
    }
  }
  return base;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function lastKey(pointer: string): string | undefined {
  const path = fromPointer(pointer);
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === "string") return path[i] as string;
  return undefined;
}

const EMPTY_HINTS: Record<string, string> = {
  action: 'say what is done, as an imperative sentence, e.g. "Retry the refresh with the same refresh token"',
  why_fails: 'say why it fails, e.g. "The token is revoked; every retry gets the same answer"',
  how: "give the steps, command or code that carry the action out",
  distinction: "say how to tell the two errors apart",
};

function emptyHint(pointer: string): string {
  const key = lastKey(pointer);
  return (key && EMPTY_HINTS[key]) ?? "write the text, or remove the field if it is optional";
}

function formatProblem(pointer: string, where: string, format: string): Omit<SchemaProblem, "rule"> {
  if (format === "date") return { pointer, target: "value", message: `${where} is not a real calendar date`, hint: "write YYYY-MM-DD with a month of 01-12 and a day that exists in it" };
  return { pointer, target: "value", message: `${where} is not a valid URL`, hint: "write a full http(s) URL" };
}

function patternProblem(pointer: string, where: string, pattern: string): Omit<SchemaProblem, "rule"> {
  if (pattern === "\\S") return { pointer, target: "value", message: `${where} is empty`, hint: emptyHint(pointer) };
  if (pattern.startsWith("^[0-9]{4}-")) return { pointer, target: "value", message: `${where} is not a date written YYYY-MM-DD`, hint: "e.g. 2025-03-14" };
  if (pattern.startsWith("^[0-9a-f]{8}$")) return { pointer, target: "value", message: `${where} must be an 8-digit hex digest`, hint: "run npx kb fix --refresh-translation-digests <entry> after checking the translation" };
  const publicPage = "the address of a public page: a domain name, no user name or password, no IP address or localhost";
  if (pattern.startsWith("^https://")) return { pointer, target: "value", message: `${where} must be an https URL of a public page`, hint: `e.g. https://docs.docker.com/engine/install/; ${publicPage}` };
  if (pattern.startsWith("^https?://")) return { pointer, target: "value", message: `${where} must be an http(s) URL of a public page`, hint: `e.g. https://datatracker.ietf.org/doc/html/rfc6749#section-5.2; ${publicPage}` };
  if (pattern.includes("/")) return { pointer, target: "value", message: `${where} must be "<domain>/<slug>", both lowercase kebab-case`, hint: 'e.g. "node/err-require-esm"' };
  if (pattern.includes("_")) return { pointer, target: "value", message: `${where} must be snake_case (lowercase letters, digits, _)`, hint: 'e.g. "auth_error"' };
  if (pattern.includes("-[a-z0-9]+)*$")) return { pointer, target: "value", message: `${where} must be lowercase kebab-case`, hint: 'e.g. "api"' };
  if (pattern.includes("{2,3}")) return { pointer, target: "value", message: `${where} must be a BCP 47 language tag`, hint: 'e.g. "en" or "zh-CN"' };
  return { pointer, target: "value", message: `${where} must match ${pattern}` };
}

function typeName(type: string): string {
  return type
    .split(",")
    .map((t) => ({ string: "a string", number: "a number", integer: "a whole number", object: "an object", array: "an array", boolean: "true or false", null: "null" })[t] ?? t)
    .join(" or ");
}

/** ajv reports a `type: [string, null]` value once per failing branch; keep one problem per place and message. */
function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  // minLength and pattern \S both catch an empty text: one problem.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.pointer}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
