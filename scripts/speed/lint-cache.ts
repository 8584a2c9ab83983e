// The cache decorator of lintFiles: a file whose path and bytes are unchanged since a run with the same
// tool, Node.js, Python, limits and date gets its verdict back from node_modules/.cache/error-kb/
// without being parsed or checked; the rest go to the wrapped lintFiles. Same signature, same
// results: verdicts that depend on timing (a timeout, a test the budget cut off) are never stored,
// nor those of a file with more problems than the per-file cap: in memory one diagnostic stands for
// each problem past it, but stored as text it was repeated once per problem (106 MB for one file).
import { digest } from "../model/digest.ts";
import type { FileVerdict, LintFiles } from "../lint/engine.ts";
import type { RunSettings } from "../model/run-settings.ts";
import { existsSync } from "node:fs";
import path from "node:path";
import { noCache, openCache, type CacheFile } from "./cache-file.ts";
import { toolFingerprint } from "./fingerprint.ts";
import { pythonIdentity } from "./python-identity.ts";

/** New records a run gathers before its first save; later saves wait until the run's new records have doubled. */
const FIRST_SAVE = 1_000;

/**
 * A LintFiles that also saves at the end: the run calls flush() after its last batch. Between batches
 * the cache is saved only when the records this run added since its last save are at least as many
 * as it had saved before (and at least FIRST_SAVE): a killed run keeps at least half of its work, and
 * the whole file is written O(log n) times, not once per batch (a cold 100,000-entry lint wrote the
 * growing 180 MB file 100 times: ~9 GB joined, hashed and written).
 */
export type SavingLintFiles = LintFiles & { flush(): Promise<void> };

export function withCache(inner: LintFiles, settings: RunSettings): SavingLintFiles {
  let cache: Promise<CacheFile<FileVerdict>> | undefined;
  const open = async () => {
    // Without node_modules there is no cache (openCache says so): do not ask python3 for nothing.
    if (!existsSync(path.join(settings.root, "node_modules"))) return noCache<FileVerdict>();
    const context = digest("lint", toolFingerprint(), JSON.stringify(settings.limits), settings.today, settings.python ? await pythonIdentity() : "python off");
    return openCache(settings.root, "lint", context, isVerdict);
  };
  let unsaved = 0;
  let saved = 0;
  const run: LintFiles = async (files, options, budget) => {
    const store = await (cache ??= open());
    // Grouped by file: a file's new bytes supersede its old record (see CacheFile.save).
    const keys = files.map((f) => `${digest(f.file)}:${digest(f.file, f.pathId ?? "", f.pathProblem ?? "", f.bytes)}`);
    const results: (FileVerdict | undefined)[] = keys.map((k) => store.get(k));
    const missing = files.filter((_, i) => results[i] === undefined);
    const fresh = missing.length === 0 ? [] : await inner(missing, options, budget);
    let next = 0;
    const out = results.map((r, i) => {
      if (r) return r;
      const v = fresh[next++]!;
      if (isDeterministic(v) && v.diagnostics.length <= settings.limits.maxDiagnosticsPerFile) {
        store.set(keys[i]!, v);
        unsaved++;
      }
      return v;
    });
    if (unsaved >= Math.max(FIRST_SAVE, saved)) {
      await store.save();
      saved += unsaved;
      unsaved = 0;
    }
    return out;
  };
  const flush = async () => {
    // Also after a run that set nothing: records superseded by edits are dropped (a quick no-op otherwise).
    if (cache) await (await cache).save();
    saved += unsaved;
    unsaved = 0;
  };
  return Object.assign(run, { flush });
}

/** Verdicts that depend on the machine's speed or on python3's presence are recomputed every time. */
function isDeterministic(v: FileVerdict): boolean {
  const s = v.summary;
  if (!s) return !v.diagnostics.some((d) => d.rule === "kb/regex-timeout");
  if (s.python === "unavailable") return false;
  return !s.texts.some((t) => t.js.kind === "timeout" || t.js.kind === "skipped") && !v.diagnostics.some((d) => d.rule === "kb/regex-timeout");
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Shape check of a record read from disk (the checksum already caught corruption; this catches format drift). */
function isVerdict(v: unknown): v is FileVerdict {
  return (
    isObject(v) &&
    typeof v.file === "string" &&
    (v.pathId === undefined || typeof v.pathId === "string") &&
    Array.isArray(v.diagnostics) &&
    v.diagnostics.every((d) => isObject(d) && typeof d.file === "string" && typeof d.line === "number" && typeof d.rule === "string" && typeof d.message === "string") &&
    (v.summary === undefined || (isObject(v.summary) && typeof v.summary.id === "string" && Array.isArray(v.summary.texts)))
  );
}
