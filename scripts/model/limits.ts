// Limits that protect CI from hostile or accidental input: every one has a documented default and
// can be changed in kb.config.json ("limits"). The core reads them; nothing here reads files.
export interface Limits {
  /** Largest JSON file read (entries, config, exceptions), in bytes. */
  readonly maxFileBytes: number;
  /** Longest string value, in UTF-16 units. */
  readonly maxStringLength: number;
  /** Longest `regex`, in UTF-16 units. */
  readonly maxRegexLength: number;
  /** Deepest nesting of arrays and objects. */
  readonly maxDepth: number;
  /** Most diagnostics reported for one file; the rest are summarised in one line. */
  readonly maxDiagnosticsPerFile: number;
  /** Time one regex may take on one text before it counts as a timeout. */
  readonly regexTimeoutMs: number;
  /** Time the regexes of one run may take running (reading, parsing and writing do not count); past it, remaining checks are reported as skipped. */
  readonly totalBudgetMs: number;
  /** Largest text `kb lookup` reads (argument, stdin or file), in bytes. */
  readonly maxLookupBytes: number;
  /** Largest index file `kb lookup --index` and the library read, in bytes. */
  readonly maxIndexBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFileBytes: 1024 * 1024,
  maxStringLength: 20_000,
  maxRegexLength: 2_000,
  maxDepth: 64,
  maxDiagnosticsPerFile: 100,
  regexTimeoutMs: 1_000,
  totalBudgetMs: 300_000,
  maxLookupBytes: 64 * 1024 * 1024,
  maxIndexBytes: 1024 * 1024 * 1024,
};

/**
 * The deadline of one regex's static backtracking analysis (regex/analysis-runner.ts): five times a
 * regex's on one text. Shipped regexes take under 10 ms; hostile ones of 1,400 characters took 32 s.
 */
export const analysisTimeoutMs = (limits: Pick<Limits, "regexTimeoutMs">): number => 5 * limits.regexTimeoutMs;

export const LIMIT_KEYS = Object.keys(DEFAULT_LIMITS) as (keyof Limits)[];

/** Merges user-supplied overrides, keeping only known keys with positive finite numbers. */
export function resolveLimits(overrides: Readonly<Record<string, unknown>> = {}): { limits: Limits; problems: string[] } {
  const problems: string[] = [];
  const limits: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(LIMIT_KEYS as string[]).includes(key)) problems.push(`unknown limit "${key}" (known: ${LIMIT_KEYS.join(", ")})`);
    // Counts, bytes and milliseconds: a fraction gave "17.5 more problems" (pass O).
    else if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) problems.push(`limit "${key}" must be a positive whole number`);
    else limits[key] = value;
  }
  return { limits: limits as unknown as Limits, problems };
}
