// Makes the output folder match the planned outputs (`kb build`) or compares them (`kb check`): the
// one writer of generated/. Only files whose bytes differ are rewritten, each through the atomic
// writer; anything no output produces is removed first (a link there must never be written through),
// and only from a folder kb owns. The incremental decorator in speed/ has this very signature.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, rmdirSync } from "node:fs";
import path from "node:path";
import type { PlannedOutput } from "../outputs/plan.ts";
import type { OnProgress } from "../model/progress.ts";
import { describeWriteError, writeFileAtomic, WriteError } from "./atomic.ts";
import type { FileStamp } from "../source/read-file.ts";
import { assertOwnedOutputFolder, isGitDirectory, listOutputFolder, OutputFolderError, type OutputItem } from "./output-folder.ts";

export interface OutputDrift {
  readonly stale: string[];
  readonly missing: string[];
  readonly extra: string[];
}

export interface SyncOptions {
  /** true for `kb build` (make the folder match), false for `kb check` (only compare). */
  readonly write: boolean;
  readonly onProgress?: OnProgress;
  /** Renders a batch of views; the pool decorator supplies one that uses worker threads. Default: here. */
  readonly renderViews?: (outputs: readonly PlannedOutput[]) => Promise<string[]>;
  /** Per entry id, a digest of its file: what the incremental decorator keys outputs by (the core ignores it). */
  readonly entryDigests?: ReadonlyMap<string, string>;
  /** Outputs known to be up to date on disk (the incremental decorator knows): neither rendered nor read. */
  readonly isUpToDate?: (output: PlannedOutput, onDisk: OutputItem | undefined) => boolean;
  /** Told the content digest of every output compared or written, and whether the disk held it, for the incremental decorator's records. */
  readonly onSynced?: (output: PlannedOutput, digest: string, state: "same" | "stale" | "missing", written?: FileStamp) => void;
  /** Throws (a WriteError) when this run no longer holds the folder (its lock was taken over); asked before each change to it. */
  readonly stillHeld?: () => void;
}

export type SyncOutputs = (outDir: string, planned: readonly PlannedOutput[], options: SyncOptions) => Promise<OutputDrift>;

/** Views rendered together (in another thread when the pool renders them). */
const VIEW_BATCH = 512;

export const syncOutputs: SyncOutputs = async (outDir, planned, options) => {
  const plan = startSync(outDir, planned, options);
  const stale: string[] = [];
  const missing: string[] = [];
  const todo = options.isUpToDate ? planned.filter((p) => !options.isUpToDate!(p, plan.present.get(p.path))) : planned;
  await forEachRendered(todo, options, async (p, content) => {
    const { state, digest, written } = await syncOne(outDir, p.path, content, plan.present.get(p.path), options.write, options.stillHeld);
    options.onSynced?.(p, digest, state, written);
    if (state === "stale") stale.push(p.path);
    else if (state === "missing") missing.push(p.path);
  }).catch((e: unknown) => {
    throw e instanceof WriteError ? partlyUpdated(e, stale.length + missing.length + plan.extra.length) : e;
  });
  if (options.write) {
    options.stillHeld?.();
    removeEmptyFolders(outDir);
  }
  return { stale: stale.sort(), missing: missing.sort(), extra: plan.extra.map((x) => x.path).sort() };
};

/** A write that failed after others succeeded: the folder now mixes new and old outputs, and says so. */
function partlyUpdated(e: WriteError, changed: number): WriteError {
  if (changed === 0) return e;
  return new WriteError(e.file, e.code, `${e.message}; ${changed} other output${changed === 1 ? " was" : "s were"} already written or removed, so the folder holds new and old outputs together until kb build succeeds (kb check lists what differs)`);
}

interface SyncStart {
  /** What is on disk at each planned path. */
  readonly present: ReadonlyMap<string, OutputItem>;
  readonly extra: readonly OutputItem[];
}

/** Ownership check, listing, and removal of extras (first, so that no write goes through a link). */
function startSync(outDir: string, planned: readonly PlannedOutput[], options: Pick<SyncOptions, "write" | "stillHeld">): SyncStart {
  if (options.write) assertOwnedOutputFolder(outDir);
  const items = listOutputFolder(outDir);
  const plannedPaths = new Set(planned.map((p) => p.path));
  const plannedFolders = new Set(planned.flatMap((p) => ancestors(p.path)));
  const present = new Map<string, OutputItem>();
  const extra: OutputItem[] = [];
  for (const item of items) {
    if (item.decodable && plannedPaths.has(item.path)) {
      // A folder where a file belongs is in the way: it goes, with what is in it.
      if (item.kind === "directory") extra.push(item);
      else present.set(item.path, item);
    } else if (item.kind === "directory" && item.decodable && plannedFolders.has(item.path)) continue;
    else if (!extra.some((x) => x.kind === "directory" && item.path.startsWith(`${x.path}/`))) extra.push(item);
  }
  if (options.write) {
    // Never a repository: a checkout left inside an output folder (or one that became one) is not kb's to remove.
    const repository = items.find((item) => item.path === ".git" || item.path.endsWith("/.git") || (item.kind === "directory" && isGitDirectory(item.raw)));
    if (repository) throw new OutputFolderError(`refusing to build into ${outDir}: ${repository.path} is a git repository's, and kb build never removes one; move it out of the output folder`);
    for (const item of extra) {
      options.stillHeld?.();
      try {
        rmSync(item.raw, { recursive: item.kind === "directory", force: true });
      } catch (e) {
        throw describeWriteError(path.join(outDir, item.path), e);
      }
    }
  }
  return { present, extra };
}

/**
 * Each planned output with its content, README.md first (it marks the folder as kb's, so a run cut
 * off after it can be repaired), views rendered a batch at a time, at most a few writes at once.
 */
async function forEachRendered(
  planned: readonly PlannedOutput[],
  options: Pick<SyncOptions, "renderViews" | "onProgress" | "write">,
  handle: (p: PlannedOutput, content: Iterable<string>) => Promise<void>,
): Promise<void> {
  const ordered = [...planned].sort((a, b) => (a.path === "README.md" ? -1 : b.path === "README.md" ? 1 : 0));
  let done = 0;
  const progress = () => options.onProgress?.(options.write ? "build" : "check", done, ordered.length);
  const renderViews = options.renderViews ?? (async (outs: readonly PlannedOutput[]) => outs.map((o) => [...o.content()].join("")));
  for (let start = 0; start < ordered.length; start += VIEW_BATCH) {
    const batch = ordered.slice(start, start + VIEW_BATCH);
    const views = batch.filter((p) => p.view);
    const rendered = views.length > 0 ? await renderViews(views) : [];
    const contentOf = new Map(views.map((v, i) => [v, [rendered[i]!] as Iterable<string>]));
    await runLimited(batch, 8, async (p) => {
      await handle(p, contentOf.get(p) ?? p.content());
      done++;
    });
    progress();
  }
}

/** Compares one output with the disk and, when writing, replaces it if it differs. */
async function syncOne(outDir: string, rel: string, content: Iterable<string>, onDisk: OutputItem | undefined, write: boolean, stillHeld?: () => void): Promise<{ state: "same" | "stale" | "missing"; digest: string; written?: FileStamp }> {
  const abs = path.join(outDir, rel);
  const state = onDisk === undefined ? "missing" : onDisk.kind !== "file" ? "stale" : undefined;
  const diskHash = state === undefined ? hashFile(abs) : undefined;
  const hasher = contentHasher();
  const pieces = hasher.tee(content);
  // A link, FIFO or device in the way is replaced by the rename itself (which never follows a link):
  // removing it first would leave a moment with nothing there, and a kill then could lose README.md,
  // the mark that makes the folder kb's, for good.
  // Asked once the content is written, just before the rename: a run whose lock was taken over meanwhile stops here.
  const keep = () => {
    if (hasher.digest() === diskHash) return false;
    stillHeld?.();
    return true;
  };
  // Asked before too: a run paused and taken over must not even make the folders on the way.
  if (write) stillHeld?.();
  const written = write ? await writeFileAtomic(abs, pieces, { keep }) : undefined;
  if (!write) for (const _ of pieces);
  const digest = hasher.digest();
  return { state: state ?? (digest === diskHash ? "same" : "stale"), digest, ...(written ? { written } : {}) };
}

/** sha1 of a file's bytes, or undefined when it cannot be read. */
export function hashFile(file: string): string | undefined {
  try {
    return createHash("sha1").update(readFileSync(file)).digest("hex");
  } catch {
    return undefined;
  }
}

/** Hashes pieces of content as they pass, to the same digest as hashFile of their concatenation. */
function contentHasher(): { tee(pieces: Iterable<string>): Iterable<string>; digest(): string } {
  const hash = createHash("sha1");
  let result: string | undefined;
  return {
    *tee(pieces) {
      for (const piece of pieces) {
        hash.update(piece);
        yield piece;
      }
    },
    digest() {
      result ??= hash.digest("hex");
      return result;
    },
  };
}

function ancestors(rel: string): string[] {
  const parts = rel.split("/");
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
}

/** Removes folders left empty under `dir` (not `dir` itself); true when `dir` is then empty. */
function removeEmptyFolders(dir: string): boolean {
  let empty = true;
  let items;
  try {
    items = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const item of items) {
    const child = path.join(dir, item.name);
    if (item.isDirectory() && removeEmptyFolders(child)) {
      try {
        rmdirSync(child);
      } catch {
        empty = false;
      }
    } else empty = false;
  }
  return empty;
}

/**
 * Runs `run` over the items, at most `limit` at once. After a failure no new item starts, and the
 * failure is thrown only once the items already running have settled: a caller that counts what was
 * done (partlyUpdated) then counts every write that happened, not only those that beat the failure.
 */
async function runLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (failure === undefined && next < items.length) {
        try {
          await run(items[next++]!);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure !== undefined) throw failure.error;
}
