// `kb build` and `kb check` over the repository: lint, then (only with no errors) plan the outputs
// from the entries and make generated/ match them, or compare it with them, under a lock. The
// incremental sync and the pooled view rendering wrap the core writer from speed/.
import path from "node:path";
import { hasErrors } from "../model/diagnostic.ts";
import { digest } from "../model/digest.ts";
import type { Entry } from "../model/entry.ts";
import { planOutputs, type Catalogue, type PlannedOutput } from "../outputs/plan.ts";
import { SourceError } from "../source/list-entries.ts";
import { currentStamp, readBoundedFile, sameStamp, type FileStamp } from "../source/read-file.ts";
import { pageRow } from "../outputs/figures.ts";
import { decorateCatalogue, decorateSync } from "../speed/sync-decorators.ts";
import { WriteError } from "../write/atomic.ts";
import { withLock } from "../write/lock.ts";
import { syncOutputs, type OutputDrift, type SyncOutputs } from "../write/sync.ts";
import { runLint, type LintRun, type LintRunOptions } from "./lint-run.ts";
import type { OnProgress } from "../model/progress.ts";
import type { RunSettings } from "../model/run-settings.ts";

export interface BuildRun {
  readonly lint: LintRun;
  /** Absent when lint found errors (nothing was planned, compared or written). */
  readonly outputs?: readonly PlannedOutput[];
  readonly drift?: OutputDrift;
}

export interface BuildOptions extends Pick<LintRunOptions, "lintFiles"> {
  /** true: make generated/ match (`kb build`); false: only compare (`kb check`). */
  readonly write: boolean;
  readonly onProgress?: OnProgress;
  /** Replaces the decorated sync (equivalence tests run the bare core writer). */
  readonly sync?: SyncOutputs;
}

export async function runBuild(settings: RunSettings, options: BuildOptions): Promise<BuildRun> {
  const lint = await runLint(settings, { ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.lintFiles ? { lintFiles: options.lintFiles } : {}) });
  if (hasErrors(lint.diagnostics)) return { lint };
  const entries = lint.verdicts.filter((v) => v.summary !== undefined);
  const files = entries.map((v) => ({ id: v.summary!.id, file: path.resolve(settings.cwd, v.file), shown: v.file, digest: v.contentDigest, stamp: lint.stamps.get(v.file) }));
  const digests = new Map(entries.map((v) => [v.summary!.id, v.contentDigest]));
  const bare = fileCatalogue(files, settings.limits.maxFileBytes);
  // An entry saved while lint ran was not linted: refuse before anything is written.
  assertUnchanged(files, bare);
  const catalogue = decorateCatalogue(bare, settings, digests);
  const outputs = planOutputs(catalogue);
  await catalogue.save?.();
  const sync = options.sync ?? decorateSync(syncOutputs, settings, catalogue);
  const run = (stillHeld?: () => void) =>
    sync(settings.outDir, outputs, { write: options.write, entryDigests: digests, ...(stillHeld ? { stillHeld } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) }).catch((e: unknown) => {
      throw e instanceof WriteError ? e.shownAs(path.relative(settings.cwd, e.file) || e.file) : e;
    });
  const drift = options.write ? await withLock(`${settings.outDir.replace(/[\\/]+$/, "")}.lock`, run) : await run(undefined);
  return { lint, outputs, drift };
}

interface CatalogueFile {
  readonly id: string;
  readonly file: string;
  readonly shown: string;
  /** The digest of the bytes lint checked. */
  readonly digest: string;
  /** The file's stamp when lint read it. */
  readonly stamp?: FileStamp | undefined;
}

/**
 * Refuses (SourceError) when a file no longer holds the bytes lint checked. A file whose stamp is the
 * one lint read it with is not read again; any other is read and its digest compared.
 */
export function assertUnchanged(files: readonly CatalogueFile[], catalogue: Catalogue): void {
  for (const f of files) {
    if (f.stamp && sameStamp(f.stamp, currentStamp(f.file) ?? [])) continue;
    catalogue.get(f.id);
  }
}

/**
 * Entries read from their files when outputs ask for them, the most recent kept in memory. Each file
 * must still hold the bytes lint checked (`digest`): one changed since is refused, never built.
 */
export function fileCatalogue(files: readonly CatalogueFile[], maxFileBytes: number, keep = 20_000): Catalogue {
  const fileOf = new Map(files.map((f) => [f.id, f]));
  const held = new Map<string, Entry>();
  const catalogue: Omit<Catalogue, "row"> = {
    ids: [...fileOf.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    get(id) {
      const known = held.get(id);
      if (known) return known;
      const f = fileOf.get(id);
      if (!f) throw new Error(`no entry ${id}`);
      const read = readBoundedFile(f.file, maxFileBytes);
      if (!read.ok || digest(read.bytes) !== f.digest) throw new SourceError(`${f.shown} changed while kb ran, after it was linted; run kb build again`);
      // The bytes lint passed: strict UTF-8 JSON with no BOM.
      const entry = JSON.parse(Buffer.from(read.bytes).toString("utf8")) as Entry;
      if (held.size >= keep) held.delete(held.keys().next().value!);
      held.set(id, entry);
      return entry;
    },
  };
  return { ...catalogue, row: (id) => pageRow(catalogue.get(id)) };
}

export { driftCount } from "../write/drift.ts";
