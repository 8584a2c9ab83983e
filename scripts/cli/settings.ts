// Settings every command shares: where entries and outputs live, the limits (kb.config.json and
// flags), today's date and the number of worker threads. Read once, at the CLI edge.
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { resolveLimits, type Limits } from "../core/limits.ts";

export interface Settings {
  readonly cwd: string;
  readonly entriesDir: string;
  readonly outDir: string;
  readonly limits: Limits;
  readonly today: string;
  readonly threads: number;
  /** Reuse results of unchanged entries from node_modules/.cache/error-kb/ (default true). */
  readonly cache?: boolean;
}

export class UsageError extends Error {}

export const CONFIG_FILE = "kb.config.json";

export interface CommonFlags {
  entries?: string;
  out?: string;
  config?: string;
  threads?: string;
  /** false with --no-cache. */
  cache?: boolean;
}

export function resolveSettings(flags: CommonFlags, cwd: string = process.cwd()): Settings {
  const configPath = path.resolve(cwd, flags.config ?? CONFIG_FILE);
  let overrides: Record<string, unknown> = {};
  if (existsSync(configPath)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(configPath, "utf8"));
    } catch (e) {
      throw new UsageError(`${path.relative(cwd, configPath)} is not valid JSON: ${(e as Error).message}`);
    }
    const limits = (parsed as { limits?: unknown } | null)?.limits;
    if (limits !== undefined && (typeof limits !== "object" || limits === null || Array.isArray(limits))) throw new UsageError(`"limits" in ${CONFIG_FILE} must be an object`);
    overrides = (limits as Record<string, unknown>) ?? {};
  } else if (flags.config) throw new UsageError(`config file ${flags.config} does not exist`);
  const { limits, problems } = resolveLimits(overrides);
  if (problems.length > 0) throw new UsageError(`${CONFIG_FILE}: ${problems.join("; ")}`);
  const threads = flags.threads === undefined ? Math.max(1, Math.min(4, os.availableParallelism())) : Number(flags.threads);
  if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--threads must be a whole number of at least 1`);
  return {
    cwd,
    entriesDir: path.resolve(cwd, flags.entries ?? "entries"),
    outDir: path.resolve(cwd, flags.out ?? "generated"),
    limits,
    today: process.env.KB_TODAY ?? new Date().toISOString().slice(0, 10),
    threads,
    cache: flags.cache !== false,
  };
}
