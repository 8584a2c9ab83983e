// The incremental decorator of the output writer: an output whose inputs (its entries' file digests,
// its neighbours', the tool) are unchanged since it was last written, and whose file is still the one
// recorded (same inode, size, mtime and ctime: any write changes the ctime), is neither rendered nor
// read. Everything else goes to the wrapped writer, which compares and writes as always, so the result
// is the same as without this decorator; the equivalence tests check it.
import { lstatSync } from "node:fs";
import path from "node:path";
import { digest } from "../model/digest.ts";
import type { PlannedOutput } from "../outputs/plan.ts";
import type { RunSettings } from "../model/run-settings.ts";
import { hashFile, type SyncOutputs } from "../write/sync.ts";
import { openCache } from "./cache-file.ts";
import { toolFingerprint } from "./fingerprint.ts";

interface OutputRecord {
  /** Digest of what the content was made from. */
  readonly inputs: string;
  /** Digest of the content. */
  readonly hash: string;
  /** The file last seen holding exactly this content: inode, size, mtime, ctime. */
  readonly stat: readonly number[];
}

export function withIncremental(inner: SyncOutputs, settings: Pick<RunSettings, "root">): SyncOutputs {
  return async (outDir, planned, options) => {
    const digests = options.entryDigests;
    if (!digests) return inner(outDir, planned, options);
    const cache = openCache(settings.root, "outputs", digest("outputs", toolFingerprint(), path.resolve(outDir)), isRecord);
    const keyOf = (p: PlannedOutput) => inputsKey(p, digests);
    const synced: { path: string; inputs: string; hash: string }[] = [];
    const drift = await inner(outDir, planned, {
      ...options,
      isUpToDate: (p, onDisk) => {
        if (options.isUpToDate?.(p, onDisk)) return true;
        const record = cache.get(p.path);
        if (!record || onDisk?.kind !== "file" || record.inputs !== keyOf(p)) return false;
        const abs = path.join(outDir, p.path);
        const stat = statOf(abs);
        if (stat && sameStat(record.stat, stat)) return true;
        // Touched but maybe the same bytes (a checkout): trust it only when they are.
        if (stat && hashFile(abs) === record.hash) {
          cache.set(p.path, { ...record, stat });
          return true;
        }
        return false;
      },
      onSynced: (p, hash, state) => {
        options.onSynced?.(p, hash, state);
        if (options.write || state === "same") synced.push({ path: p.path, inputs: keyOf(p), hash });
      },
    });
    for (const s of synced) {
      const stat = statOf(path.join(outDir, s.path));
      const known = cache.get(s.path);
      // Only what changed is set: a check that finds everything up to date rewrites no cache file.
      if (stat && !(known && known.inputs === s.inputs && known.hash === s.hash && sameStat(known.stat, stat))) cache.set(s.path, { inputs: s.inputs, hash: s.hash, stat });
    }
    await cache.save(true); // one save, at the end: records of outputs that are gone are dropped
    return drift;
  };
}

function inputsKey(p: PlannedOutput, digests: ReadonlyMap<string, string>): string {
  const of = (id: string) => `${id}=${digests.get(id) ?? "?"}`;
  switch (p.inputs.kind) {
    case "view":
      return digest("view", p.path, of(p.inputs.id), ...p.inputs.neighbours.map(of));
    case "entries":
      return digest("entries", p.path, ...p.inputs.ids.map(of));
    case "data":
      return digest("data", p.path, p.inputs.digest);
    case "static":
      return digest("static", p.path);
  }
}

function statOf(file: string): number[] | undefined {
  try {
    const s = lstatSync(file);
    return s.isFile() ? [s.ino, s.size, s.mtimeMs, s.ctimeMs] : undefined;
  } catch {
    return undefined;
  }
}

function sameStat(recorded: readonly number[], now: readonly number[]): boolean {
  return recorded.length === now.length && recorded.every((v, i) => v === now[i]);
}

function isRecord(v: unknown): v is OutputRecord {
  const r = v as Partial<OutputRecord> | null;
  return typeof r === "object" && r !== null && typeof r.inputs === "string" && typeof r.hash === "string" && Array.isArray(r.stat) && r.stat.every((n) => typeof n === "number");
}
