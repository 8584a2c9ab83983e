// `kb build` and `kb check` for large corpora: outputs are rendered, compared and written one at a
// time (never all in memory), and an output whose inputs are unchanged since the last run is neither
// rendered nor read again when its file is still the one recorded (same inode, size, mtime and
// ctime; any write changes the ctime). Drift and files are identical to syncOutputs/compareOutputs;
// test/perf proves it.
import { createHash } from "node:crypto";
import { createReadStream, lstatSync, type Stats } from "node:fs";
import { lstat, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { digest, toolFingerprint } from "../cache/fingerprint.ts";
import { noCache, openCache } from "../cache/store.ts";
import { terminalProgress } from "../cli/progress.ts";
import { poolFor, type WorkerPool } from "../pool/pool.ts";
import { catalogueOf, type Catalogue } from "../render/chains.ts";
import type { Entry } from "../schema/entry-schema.ts";
import { writeFileAtomic } from "../write/atomic.ts";
import { renderView, type PlannedOutput } from "./outputs.ts";
import { assertOwnedOutputFolder, listOutputFolder, removeEmptyFolders, type OutputDrift } from "./sync.ts";
import { FieldTracker, fieldsDigest } from "./field-tracker.ts";
import { TrackingCatalogue } from "./tracking-catalogue.ts";

export interface IncrementalOptions {
  /** true for `kb build` (make the disk match), false for `kb check` (only compare). */
  readonly write: boolean;
  readonly cwd: string;
  readonly cache: boolean;
  /** Every entry the outputs are made from. */
  readonly entries: readonly Entry[];
  /** Per entry id, a key of its file's content: outputs made only from unchanged entries are reused. */
  readonly entryKeys: ReadonlyMap<string, string>;
  /** Views to render are shared out to a worker pool when there are many and threads > 1. */
  readonly threads: number;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
}

interface OutputRecord {
  /** Digest of what the content was made from. */
  readonly inputs: string;
  /** For a view: the neighbours it looked up; for an output made from entries: the fields it read (null: everything). */
  readonly deps: string[] | null;
  readonly hash: string;
  /**
   * For an output made from entries: the digest of those entries' whole files when it was made. While
   * it is unchanged the output is valid without digesting the fields it read (the common case).
   */
  readonly whole?: string;
  /** The file last seen holding exactly this content: inode, size, mtime, ctime. */
  readonly stat: number[] | null;
}

const WRITE_CONCURRENCY = 16;

export async function syncPlanned(outDir: string, planned: readonly PlannedOutput[], options: IncrementalOptions): Promise<OutputDrift> {
  const bar = options.onProgress ? undefined : terminalProgress();
  try {
    return await syncWith(outDir, planned, { ...options, onProgress: options.onProgress ?? bar?.update });
  } finally {
    bar?.done();
  }
}

async function syncWith(outDir: string, planned: readonly PlannedOutput[], options: IncrementalOptions): Promise<OutputDrift> {
  if (options.write) await assertOwnedOutputFolder(outDir);
  const onDisk = await listOutputFolder(outDir);
  const present = new Set(onDisk);
  const plannedPaths = new Set(planned.map((p) => p.path));
  const extra = onDisk.filter((f) => !plannedPaths.has(f));
  // Extras go first: one may be a link to a folder outside, which a write below must never go through.
  if (options.write) for (const rel of extra) await rm(path.join(outDir, rel), { force: true });

  const cache = options.cache ? openCache(options.cwd, "outputs", digest("outputs", toolFingerprint(), outDir), isOutputRecord) : noCache<OutputRecord>();
  const keys = new InputKeys(options.entries, options.entryKeys);
  const catalogue = catalogueOf(options.entries);
  const stale: string[] = [];
  const missing: string[] = [];
  const valid = new Map<string, OutputRecord | undefined>();
  for (const p of planned) {
    const record = cache.get(p.path);
    if (!record) continue;
    if (p.from && record.whole === keys.wholeOf(p)) valid.set(p.path, record);
    else if (record.inputs === keys.inputsOf(p, record.deps)) {
      // Other fields of its entries changed: still valid, and known to be so next time without digesting fields.
      const current = p.from ? { ...record, whole: keys.wholeOf(p) } : record;
      if (current !== record) cache.set(p.path, current);
      valid.set(p.path, current);
    }
  }
  const toRender = planned.filter((p) => p.view && !valid.get(p.path)).length;
  const pool = poolFor(toRender, options.threads);
  const render = (view: NonNullable<PlannedOutput["view"]>) => renderViewSomewhere(view, catalogue, pool);

  const one = async (p: PlannedOutput): Promise<void> => {
    const abs = path.join(outDir, p.path);
    const known = valid.get(p.path);
    const disk = present.has(p.path) ? lstatOrUndefined(abs) : undefined;
    const state = !disk ? "missing" : !disk.isFile() ? "stale" : undefined;

    if (known && state === undefined) {
      if (sameStat(known.stat, disk!)) return; // the very file we recorded
      const onDisk = await hashFile(abs);
      if (onDisk === known.hash) return void cache.set(p.path, { ...known, stat: statOf(disk!) });
      if (!options.write) return void stale.push(p.path);
    }
    if (known && state !== undefined && !options.write) return void (state === "missing" ? missing : stale).push(p.path);
    // Render: the inputs changed, or the file differs from what they make.
    let hash: string;
    let deps: string[] | null = null;
    let onDiskHash: string | undefined;
    if (p.view) {
      const rendered = await render(p.view);
      const content = rendered.content;
      deps = rendered.deps;
      hash = digest(content);
      if (state === undefined) onDiskHash = await hashFile(abs);
      if (options.write && onDiskHash !== hash) await writeFileAtomic(abs, content);
    } else {
      if (state === undefined) onDiskHash = await hashFile(abs);
      const hasher = contentHasher();
      const tracker = new FieldTracker();
      const pieces = hasher.tee(p.from ? p.from.render(tracker.track(p.from.entries)) : p.chunks());
      if (options.write) await writeFileAtomic(abs, pieces, () => hasher.digest() !== onDiskHash);
      else for (const _ of pieces);
      hash = hasher.digest();
      if (p.from) deps = tracker.fields();
    }
    const upToDate = state === undefined && onDiskHash === hash;
    if (!upToDate) (state === "missing" ? missing : stale).push(p.path);
    const after = upToDate || options.write ? lstatOrUndefined(abs) : undefined;
    cache.set(p.path, { inputs: keys.inputsOf(p, deps), deps, hash, stat: after ? statOf(after) : null, ...(p.from ? { whole: keys.wholeOf(p) } : {}) });
  };

  // The catalogue goes first: it marks the folder as ours, so a run cut off after it can be repaired.
  const ordered = [...planned].sort((a, b) => (a.path === "README.md" ? -1 : b.path === "README.md" ? 1 : 0));
  let done = 0;
  const progress = () => options.onProgress?.(options.write ? "build" : "check", done, ordered.length);
  if (ordered[0]) {
    await one(ordered[0]);
    done++;
  }
  let next = 1;
  await Promise.all(
    Array.from({ length: WRITE_CONCURRENCY }, async () => {
      while (next < ordered.length) {
        await one(ordered[next++]!);
        if (++done % 500 === 0) progress();
      }
    }),
  );
  progress();
  if (options.write) await removeEmptyFolders(outDir);
  await cache.save();
  return { stale: stale.sort(), missing: missing.sort(), extra };
}

/**
 * A view and the neighbours it read, rendered in the pool when there is one. A pool worker sees only
 * the entry and the neighbours its transition graph names; if it looked up anything else that
 * exists, the view is rendered again here, with the whole catalogue.
 */
async function renderViewSomewhere(view: NonNullable<PlannedOutput["view"]>, catalogue: Catalogue, pool: WorkerPool | undefined): Promise<{ content: string; deps: string[] | null }> {
  const { entry, locale } = view;
  if (pool) {
    const g = entry.transition_graph;
    const named = new Set([...(g?.leads_to ?? []), ...(g?.preceded_by ?? []), ...(g?.frequently_confused_with ?? [])].map((l) => l.error_id));
    const neighbours = [...named].flatMap((id) => catalogue.get(id) ?? []).filter((e) => e.id !== entry.id);
    const given = new Set([entry.id, ...neighbours.map((e) => e.id)]);
    const done = await pool.run("render", { entry, locale, neighbours }).catch(() => undefined);
    if (done && !done.readAll && done.read.every((id) => given.has(id) || !catalogue.has(id))) return { content: done.content, deps: [...done.read].sort() };
  }
  const tracking = new TrackingCatalogue(catalogue);
  const content = renderView(entry, locale, tracking);
  return { content, deps: tracking.readAll ? null : [...tracking.read].sort() };
}

/** Digests of what each output is made from, per entry, per domain and for the whole corpus. */
class InputKeys {
  private readonly byDomain = new Map<string, string[]>();
  private readonly domainKeys = new Map<string, string>();
  private all: string | undefined;

  constructor(
    private readonly entries: readonly Entry[],
    private readonly entryKeys: ReadonlyMap<string, string>,
  ) {}

  private keyOf(id: string): string {
    return this.entryKeys.get(id) ?? "absent";
  }

  private allKey(): string {
    return (this.all ??= digest("all", ...[...this.entries].map((e) => e.id).sort().map((id) => `${id}=${this.keyOf(id)}`)));
  }

  private domainKey(domain: string): string {
    if (this.byDomain.size === 0) for (const e of this.entries) (this.byDomain.get(e.domain) ?? this.byDomain.set(e.domain, []).get(e.domain)!).push(e.id);
    let key = this.domainKeys.get(domain);
    if (!key) this.domainKeys.set(domain, (key = digest("domain", domain, ...(this.byDomain.get(domain) ?? []).sort().map((id) => `${id}=${this.keyOf(id)}`))));
    return key;
  }

  /** For a view, `deps` are the neighbours it read (null: all entries). */
  inputsOf(p: PlannedOutput, deps: string[] | null): string {
    if (p.view) {
      const neighbours = deps === null ? [this.allKey()] : deps.map((id) => `${id}=${this.keyOf(id)}`);
      return digest("view", p.view.locale, p.view.entry.id, this.keyOf(p.view.entry.id), ...neighbours);
    }
    // Made from a list of entries whose fields read are known: those fields of those entries.
    if (p.from && deps !== null) return digest("fields output", p.path, fieldsDigest(p.from.entries, deps));
    return this.wholeOf(p);
  }

  /** For an output not made from one entry: its domain's or every entry's file contents. */
  wholeOf(p: PlannedOutput): string {
    return p.domain !== undefined ? digest("domain output", this.domainKey(p.domain)) : digest("collection output", this.allKey());
  }
}

/** A synchronous lstat: for 100,000 small files, far cheaper than a round trip through the thread pool each. */
function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

function statOf(s: { ino: number; size: number; mtimeMs: number; ctimeMs: number }): number[] {
  return [s.ino, s.size, s.mtimeMs, s.ctimeMs];
}

function sameStat(recorded: number[] | null, s: { ino: number; size: number; mtimeMs: number; ctimeMs: number }): boolean {
  return recorded !== null && recorded.length === 4 && recorded.every((v, i) => v === statOf(s)[i]);
}

/** Digest of a file's bytes, equal to digest() of the same content as a string. */
async function hashFile(file: string): Promise<string | undefined> {
  try {
    const stat = await lstat(file);
    if (stat.size < 1 << 24) return digest(await readFile(file));
    const hash = createHash("sha1");
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    hash.update("\0");
    return hash.digest("hex");
  } catch {
    return undefined;
  }
}

/** Hashes pieces of content as they pass, to the same digest as digest() of their concatenation. */
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
      if (result === undefined) {
        hash.update("\0");
        result = hash.digest("hex");
      }
      return result;
    },
  };
}

function isOutputRecord(v: unknown): v is OutputRecord {
  const r = v as Partial<OutputRecord> | null;
  return (
    typeof r === "object" &&
    r !== null &&
    typeof r.inputs === "string" &&
    typeof r.hash === "string" &&
    (r.deps === null || (Array.isArray(r.deps) && r.deps.every((d) => typeof d === "string"))) &&
    (r.stat === null || (Array.isArray(r.stat) && r.stat.every((n) => typeof n === "number"))) &&
    (r.whole === undefined || typeof r.whole === "string")
  );
}


/** Options for a run's outputs, from its settings and its lint result. */
export function outputOptions(
  settings: { readonly cwd: string; readonly cache?: boolean; readonly threads: number },
  lint: { readonly docs: readonly { readonly entry: Entry }[]; readonly entryKeys: ReadonlyMap<string, string> },
  write: boolean,
  onProgress?: IncrementalOptions["onProgress"],
): IncrementalOptions {
  return { write, cwd: settings.cwd, cache: settings.cache ?? true, entries: lint.docs.map((d) => d.entry), entryKeys: lint.entryKeys, threads: settings.threads, onProgress };
}
