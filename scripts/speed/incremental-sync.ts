// The incremental decorator of the output writer: an output whose inputs (its entries' file digests,
// its neighbours', the tool) are unchanged since it was last written, and whose file is still the one
// recorded (same inode, size, mtime and ctime: any write changes the ctime), is neither rendered nor
// read. Everything else goes to the wrapped writer, which compares and writes as always, so the result
// is the same as without this decorator; the equivalence tests check it. An index that must be
// written again takes the text of its unchanged entries from the file it wrote last time (where each
// entry's text is, and from which entry digest, is in its record), instead of making it again, when
// that file is still the one recorded (the same stamp, or the same bytes: see file-window.ts).
import path from "node:path";
import { digest } from "../model/digest.ts";
import type { PlannedOutput } from "../outputs/plan.ts";
import type { RunSettings } from "../model/run-settings.ts";
import { hashFile, type SyncOutputs } from "../write/sync.ts";
import { WriteError } from "../write/atomic.ts";
import { currentStamp, sameStamp, type FileStamp } from "../source/read-file.ts";
import { openCache } from "./cache-file.ts";
import { openFileWindow } from "./file-window.ts";
import { toolFingerprint } from "./fingerprint.ts";

interface OutputRecord {
  /** Digest of what the content was made from. */
  readonly inputs: string;
  /** Digest of the content. */
  readonly hash: string;
  /** The file last seen holding exactly this content: inode, size, mtime, ctime. */
  readonly stat: readonly number[];
  /** For an index: each entry's id, the digest of the entry file it was made from, and its bytes in the file (start, length). */
  readonly items?: readonly ItemRecord[];
}

type ItemRecord = readonly [id: string, digest: string, start: number, bytes: number];

export function withIncremental(inner: SyncOutputs, settings: Pick<RunSettings, "root">): SyncOutputs {
  return async (outDir, planned, options) => {
    const digests = options.entryDigests;
    if (!digests) return inner(outDir, planned, options);
    const cache = openCache(settings.root, "outputs", digest("outputs", toolFingerprint(), path.resolve(outDir)), isRecord);
    const keyOf = (p: PlannedOutput) => inputsKey(p, digests);
    const synced: { path: string; inputs: string; hash: string; state: "same" | "stale" | "missing"; written?: FileStamp }[] = [];
    /** Each output's file as it was before the wrapped writer compared it (a stamp, or undefined). */
    const stampBefore = new Map<string, FileStamp | undefined>();
    const itemsOf = new Map<string, ItemRecord[]>();
    const reusing = planned.map((p): PlannedOutput => {
      const reusable = p.reusable;
      if (!reusable) return p;
      return {
        ...p,
        *content() {
          const record = cache.get(p.path);
          // Only from the very file the record describes (its text is where the record says): the same
          // stamp, or the same bytes (a checkout or a restored CI cache gives the files new stamps).
          const window = record?.items ? openFileWindow(path.join(outDir, p.path), { stamp: record.stat, hash: record.hash }) : undefined;
          const before = window && record?.items ? new Map(record.items.map((item) => [item[0], item])) : undefined;
          const items: ItemRecord[] = [];
          itemsOf.set(p.path, items);
          try {
            yield* reusable({
              text(id) {
                const item = before?.get(id);
                return item && item[1] === digests.get(id) ? window?.text(item[2], item[3]) : undefined;
              },
              written(id, start, bytes) {
                items.push([id, digests.get(id) ?? "?", start, bytes]);
              },
            });
            // Text taken from a file rewritten in place while it was read could be torn: the write
            // stops here, before the rename, and the old file stays (the next build cannot reuse it).
            if (window && !window.unchanged()) {
              const file = path.join(outDir, p.path);
              throw new WriteError(file, "ECHANGED", `cannot write ${file}: the previous ${p.path} changed while kb build read from it (an editor saved it?), so it was left as it is; run kb build again`);
            }
          } finally {
            window?.close();
          }
        },
      };
    });
    const drift = await inner(outDir, reusing, {
      ...options,
      isUpToDate: (p, onDisk) => {
        // Asked of every output before any is compared: the stamp of the file the writer will compare.
        const abs = path.join(outDir, p.path);
        const stat = currentStamp(abs);
        stampBefore.set(p.path, stat);
        if (options.isUpToDate?.(p, onDisk)) return true;
        const record = cache.get(p.path);
        if (!record || onDisk?.kind !== "file" || record.inputs !== keyOf(p)) return false;
        if (stat && sameStamp(record.stat, stat)) return true;
        // Touched but maybe the same bytes (a checkout): trust it only when they are, and only the file hashed.
        if (stat && hashFile(abs) === record.hash && sameStamp(stat, currentStamp(abs) ?? [])) {
          cache.set(p.path, { ...record, stat });
          return true;
        }
        return false;
      },
      onSynced: (p, hash, state, written) => {
        options.onSynced?.(p, hash, state, written);
        if (options.write || state === "same") synced.push({ path: p.path, inputs: keyOf(p), hash, state, ...(written ? { written } : {}) });
      },
    });
    for (const s of synced) {
      // A file written here is recorded by the stamp the writer took right after putting it in place:
      // one taken now would record an editor's save since as kb's own output (which every later
      // build then called up to date). A file found the same must still be the one compared: a kb
      // check holds no lock, and a build may have replaced it since (recording the new file's stamp
      // with the old bytes' digest and entry offsets made the next build copy text from the wrong places).
      const stat = s.state === "same" ? currentStamp(path.join(outDir, s.path)) : s.written;
      if (s.state === "same" && !(stat && sameStamp(stampBefore.get(s.path) ?? [], stat))) continue;
      const known = cache.get(s.path);
      const items = itemsOf.get(s.path);
      // Only what changed is set: a check that finds everything up to date rewrites no cache file.
      if (stat && !(known && known.inputs === s.inputs && known.hash === s.hash && sameStamp(known.stat, stat) && (!items || known.items))) {
        cache.set(s.path, { inputs: s.inputs, hash: s.hash, stat, ...(items ? { items } : {}) });
      }
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

function isRecord(v: unknown): v is OutputRecord {
  const r = v as Partial<OutputRecord> | null;
  return (
    typeof r === "object" &&
    r !== null &&
    typeof r.inputs === "string" &&
    typeof r.hash === "string" &&
    Array.isArray(r.stat) &&
    r.stat.every((n) => typeof n === "number") &&
    (r.items === undefined || (Array.isArray(r.items) && r.items.every((i) => Array.isArray(i) && i.length === 4 && typeof i[0] === "string" && typeof i[1] === "string" && Number.isSafeInteger(i[2]) && Number.isSafeInteger(i[3]))))
  );
}
