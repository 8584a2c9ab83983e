// Finds the repository root and its kb.config.json the way ESLint and prettier do (walking up from the
// working directory), reads the config through the guarded JSON reader and validates it against its
// schema: an unknown key, a misspelt rule or a structural rule turned off is a usage error with its
// line and column, never silently ignored.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { Ajv2020 } from "ajv/dist/2020.js";
import { createRequire } from "node:module";
import { closest } from "../model/closest.ts";
import { configSchema } from "../model/config-schema.ts";
import type { RuleId } from "../model/diagnostic.ts";
import { resolveLimits, type Limits } from "../model/limits.ts";
import { describePointer, fromPointer } from "../model/pointer.ts";
import { RULE_IDS } from "../model/rule-ids.ts";
import { offsetOfPointer } from "../model/location.ts";
import { displayPath } from "../source/entry-path.ts";
import { readJsonFile } from "../source/json-file.ts";
import { DEFAULT_LIMITS } from "../model/limits.ts";
import { UsageError } from "./usage-error.ts";

const require = createRequire(import.meta.url);

export const CONFIG_FILE = "kb.config.json";

export interface LoadedConfig {
  /** The config file read, if any (display path). */
  readonly file: string | undefined;
  readonly limits: Limits;
  readonly rules: ReadonlyMap<RuleId, "off" | "warn" | "error">;
  readonly repositoryUrl: string | undefined;
}

/** The repository root: the nearest folder up from `cwd` with kb.config.json, else with entries/ and package.json or .git. */
export function findRoot(cwd: string): string {
  let withEntries: string | undefined;
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, CONFIG_FILE))) return dir;
    if (withEntries === undefined && isDir(path.join(dir, "entries")) && (existsSync(path.join(dir, "package.json")) || existsSync(path.join(dir, ".git")))) withEntries = dir;
    if (path.dirname(dir) === dir) return withEntries ?? path.resolve(cwd);
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function loadConfig(root: string, cwd: string, explicit?: string): LoadedConfig {
  const absolute = explicit ? path.resolve(cwd, explicit) : path.join(root, CONFIG_FILE);
  const shown = displayPath(absolute, cwd);
  // The repository's own config follows links only inside it; one named with --config is the caller's choice.
  const json = readJsonFile(absolute, shown, DEFAULT_LIMITS, DEFAULT_LIMITS.maxFileBytes, explicit ? undefined : root);
  if (json === undefined) {
    if (explicit) throw new UsageError(`the config file ${shown} does not exist`);
    return { file: undefined, limits: DEFAULT_LIMITS, rules: new Map(), repositoryUrl: undefined };
  }
  const [first] = json.diagnostics;
  if (first) throw new UsageError(`${first.file}:${first.line}:${first.column} ${first.message}${first.hint ? ` (${first.hint})` : ""}`);
  const value = json.value;
  const validate = ajv().compile(configSchema);
  if (!validate(value)) {
    const e = validate.errors![0]!;
    const params = e.params as Record<string, unknown>;
    const key = e.keyword === "additionalProperties" ? String(params.additionalProperty) : undefined;
    const pointer = key === undefined ? e.instancePath : `${e.instancePath}/${key}`;
    const at = json.lines.position(offsetOfPointer(json.tree, pointer, key === undefined ? "value" : "key"));
    const where = `${shown}:${at.line}:${at.column}`;
    if (key !== undefined && e.instancePath === "/rules") {
      const known = RULE_IDS.includes(key as RuleId);
      throw new UsageError(
        known
          ? `${where} ${key} is a structural rule (parse, schema, ids, paths, encoding): its severity cannot be changed`
          : `${where} unknown rule "${key}"${suggest(key, RULE_IDS)}; run npx kb rules for the list`,
      );
    }
    if (key !== undefined) {
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      throw new UsageError(`${where} unknown key "${key}" in ${describePointer(e.instancePath) === "the entry" ? "the config" : describePointer(e.instancePath)}${suggest(key, allowed)}`);
    }
    throw new UsageError(`${where} ${fromPointer(e.instancePath).join(".") || "the config"} ${e.message ?? "is invalid"}`);
  }
  const config = value as { limits?: Record<string, unknown>; rules?: Record<string, "off" | "warn" | "error">; repositoryUrl?: string };
  const { limits, problems } = resolveLimits(config.limits ?? {});
  if (problems.length > 0) throw new UsageError(`${shown}: ${problems.join("; ")}`);
  return { file: shown, limits, rules: new Map(Object.entries(config.rules ?? {}) as [RuleId, "off" | "warn" | "error"][]), repositoryUrl: config.repositoryUrl };
}

function suggest(word: string, candidates: readonly string[]): string {
  const best = closest(word, candidates);
  return best ? ` (did you mean "${best}"?)` : "";
}

let compiler: Ajv2020 | undefined;
function ajv(): Ajv2020 {
  const { Ajv2020: Ajv } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  if (!compiler) {
    compiler = new Ajv({ allErrors: false, strict: true, verbose: true });
    compiler.addKeyword("markdownEnumDescriptions"); // an editor hint, as in the entry schema
  }
  return compiler;
}
