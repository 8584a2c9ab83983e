// Validates entry values against the schema (compiled once per process) and maps every ajv error
// to the exact key or value it is about, with a message in the contributor's language.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { lazyModule, requireModule } from "../core/lazy-module.ts";
import { describePointer } from "../core/pointer.ts";
import type { Target } from "../core/location.ts";
import { entrySchema, type Entry } from "./entry-schema.ts";

// Loaded when the first entry is validated: a run where the cache knows every entry never needs ajv.
const ajv2020 = lazyModule<typeof import("ajv/dist/2020.js")>("ajv/dist/2020.js");
// ajv-formats is CommonJS; its function is the module itself or, under some loaders, its default.
type AddFormats = (ajv: Ajv2020, formats: string[]) => Ajv2020;
const ajvFormats = lazyModule<AddFormats & { default?: AddFormats }>("ajv-formats");
const ajvPackage = lazyModule<{ version: string }>("ajv/package.json");

export interface SchemaProblem {
  readonly pointer: string;
  readonly target: Target;
  readonly message: string;
  readonly hint?: string;
}

let compiled: ValidateFunction<Entry> | undefined;

/** The one ajv set-up, for validating here and for the standalone code prepare writes. */
export function entryAjv(options: { standaloneCode?: boolean } = {}): Ajv2020 {
  const ajv = new (ajv2020().Ajv2020)({ allErrors: true, strict: true, allowUnionTypes: true, ...(options.standaloneCode ? { code: { source: true } } : {}) });
  const formats = ajvFormats();
  (formats.default ?? formats)(ajv, ["date", "uri"]);
  return ajv;
}

/** What a precompiled validator must have been made from: this schema, by this ajv. */
export function schemaDigest(): string {
  return createHash("sha1").update(`ajv ${ajvPackage().version}\0${JSON.stringify(entrySchema)}`).digest("hex");
}

/** Written next to the compiled validate.js by `npm run prepare` (see write-validator.ts). */
export const PRECOMPILED_VALIDATOR = fileURLToPath(new URL("./entry-validator.cjs", import.meta.url));

/** The precompiled validator in `file`, when there is one made from the current schema and ajv. */
export function loadPrecompiled(file: string): ValidateFunction<Entry> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const validate = requireModule(file) as ValidateFunction<Entry> & { schemaDigest?: string };
    return typeof validate === "function" && validate.schemaDigest === schemaDigest() ? validate : undefined;
  } catch {
    return undefined;
  }
}

function validator(): ValidateFunction<Entry> {
  // Compiling the schema takes ~130 ms with ajv loaded; the precompiled code loads in a few.
  compiled ??= loadPrecompiled(PRECOMPILED_VALIDATOR) ?? entryAjv().compile<Entry>(entrySchema as object);
  return compiled;
}

export function validateEntry(value: unknown): { ok: true; entry: Entry } | { ok: false; problems: SchemaProblem[] } {
  const validate = validator();
  if (validate(value)) return { ok: true, entry: value };
  return { ok: false, problems: dedupe((validate.errors ?? []).map(describeError)) };
}


function describeError(e: ErrorObject): SchemaProblem {
  const where = describePointer(e.instancePath);
  const p = e.params as Record<string, unknown>;
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
      const suggestion = closestKey(key, allowedKeys(e.parentSchema));
      return {
        pointer,
        target: "key",
        message: `unknown key "${key}" in ${where}`,
        hint: suggestion ? `did you mean "${suggestion}"?` : "remove it, or check the spelling against the schema",
      };
    }
    case "type":
      return { pointer: e.instancePath, target: "value", message: `${where} must be ${typeName(String(p.type))}` };
    case "enum":
      return {
        pointer: e.instancePath,
        target: "value",
        message: `${where} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      };
    case "minimum":
    case "maximum":
      return { pointer: e.instancePath, target: "value", message: `${where} must be a number from 0 to 1`, hint: "write rates as fractions: 0.85, not 85" };
    case "minItems":
      return { pointer: e.instancePath, target: "value", message: `${where} needs at least ${String(p.limit)} item` };
    case "uniqueItems":
      return { pointer: `${e.instancePath}/${String(p.i)}`, target: "value", message: `${where} has the same item twice (items ${String(p.j)} and ${String(p.i)})`, hint: "remove the duplicate" };
    case "format":
      return formatProblem(e.instancePath, where, String(p.format));
    case "pattern":
      return patternProblem(e.instancePath, where, String(p.pattern));
    case "propertyNames":
      return { pointer: e.instancePath, target: "value", message: `${where} has a key that is not lowercase kebab-case` };
    default:
      return { pointer: e.instancePath, target: "value", message: `${where} ${e.message ?? "is invalid"}` };
  }
}

function formatProblem(pointer: string, where: string, format: string): SchemaProblem {
  if (format === "date")
    return { pointer, target: "value", message: `${where} is not a real calendar date`, hint: "write YYYY-MM-DD with a month of 1-12 and a day that exists in it" };
  return { pointer, target: "value", message: `${where} is not a valid URL`, hint: "write a full http(s) URL" };
}

function patternProblem(pointer: string, where: string, pattern: string): SchemaProblem {
  if (pattern === "\\S") return { pointer, target: "value", message: `${where} is empty`, hint: "write the text, or remove the field if it is optional" };
  if (pattern.startsWith("^https://")) return { pointer, target: "value", message: `${where} must be an https URL` };
  if (pattern.startsWith("^https?://")) return { pointer, target: "value", message: `${where} must be an http(s) URL` };
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

function allowedKeys(parentSchema: unknown): readonly string[] {
  const props = (parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

/** The allowed key closest to a typo, when it is close enough to be a likely intent. */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = editDistance(key.toLowerCase(), candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** ajv reports a `type: [string, null]` value once per failing branch; keep one problem per place and message. */
function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.pointer}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
