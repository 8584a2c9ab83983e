// Corpora for the performance-path tests: generated bench entries plus entries with known problems
// (so there are diagnostics to compare, located by collection and entry rules alike), and helpers
// to read and tamper with the cache files the CLI leaves in a repository.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { canonicalText } from "../../scripts/fix/canonical.ts";
import { writeCorpus } from "../../scripts/bench/write-corpus.ts";
import { digest } from "../../scripts/cache/fingerprint.ts";
import { cacheFilePath } from "../../scripts/cache/store.ts";
import { makeRepo, runKb, snapshotTree, validEntry, type RunResult } from "../helpers/repo.ts";

const write = (dir: string, rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
};

/** Problems that still let `kb build` write: warnings only (a one-sided confusion link). */
export function addWarnings(dir: string): void {
  write(dir, "entries/test/one-sided.json", canonicalText(validEntry("test/one-sided", {
    transition_graph: { leads_to: [], preceded_by: [], frequently_confused_with: [{ error_id: "test/other-side", distinction: "Only this side says so." }] },
  })));
  write(dir, "entries/test/other-side.json", canonicalText(validEntry("test/other-side")));
}

/** Errors of every stage: syntax, duplicate key, schema, entry rules, collection rules, collisions. */
export function addErrors(dir: string): void {
  write(dir, "entries/bad/broken-syntax.json", '{ "id": "bad/broken-syntax", }\n');
  write(dir, "entries/bad/duplicate-key.json", canonicalText(validEntry("bad/duplicate-key")).replace('"domain": "bad",', '"domain": "bad",\n  "domain": "bad",'));
  write(dir, "entries/bad/missing-field.json", canonicalText({ ...validEntry("bad/missing-field"), root_cause: undefined }));
  write(dir, "entries/bad/not-canonical.json", JSON.stringify(validEntry("bad/not-canonical")));
  write(dir, "entries/bad/broken-regex.json", canonicalText(validEntry("bad/broken-regex", { regex: "Error: broken (regex happened" })));
  write(dir, "entries/bad/dangling-link.json", canonicalText(validEntry("bad/dangling-link", {
    transition_graph: { leads_to: [{ error_id: "bad/nowhere", probability: 0.5, condition: "" }], preceded_by: [], frequently_confused_with: [] },
  })));
  write(dir, "entries/bad/greedy.json", canonicalText(validEntry("bad/greedy", { regex: "Error: .* happened" })));
  write(dir, "entries/bad/stray.txt", "not an entry\n");
}

/** A repository with `size` generated entries plus the given problems; removed after the test. */
export function corpusRepo(size: number, ...extras: ((dir: string) => void)[]): { dir: string; cleanup: () => void } {
  // As in a repository with its packages installed: the cache lives in node_modules/.cache.
  const repo = makeRepo({ "node_modules/.keep": "" });
  writeCorpus(path.join(repo.dir, "entries"), size);
  for (const extra of extras) extra(repo.dir);
  return repo;
}

export async function kb(dir: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return runKb(args, { cwd: dir, env, timeoutMs: 120_000 });
}

/** The generated folder, byte for byte. */
export const outputs = (dir: string) => snapshotTree(path.join(dir, "generated"));

export function removeCache(dir: string): void {
  rmSync(path.join(dir, "node_modules", ".cache"), { recursive: true, force: true });
}

export interface CacheFileParts {
  header: { format: number; context: string };
  records: Record<string, unknown>;
  checksum: string;
}

/** A cache file's header, records and checksum (the format store.ts writes: header, "<key> <json>" lines, checksum). */
export function readCacheFile(dir: string, kind: "lint" | "outputs"): CacheFileParts {
  const lines = readFileSync(cacheFilePath(dir, kind), "utf8").split("\n").slice(0, -1);
  const records: Record<string, unknown> = {};
  for (const line of lines.slice(1, -1)) records[line.slice(0, line.indexOf(" "))] = JSON.parse(line.slice(line.indexOf(" ") + 1));
  return { header: JSON.parse(lines[0]!), records, checksum: lines.at(-1)! };
}

/** Writes a cache file back; with `validChecksum` false the old checksum is kept, which no longer matches. */
export function writeCacheFile(dir: string, kind: "lint" | "outputs", parts: CacheFileParts, validChecksum = true): void {
  const body = [JSON.stringify(parts.header), ...Object.entries(parts.records).map(([k, v]) => `${k} ${JSON.stringify(v)}`)].map((l) => `${l}\n`).join("");
  writeFileSync(cacheFilePath(dir, kind), `${body}${validChecksum ? digest(body) : parts.checksum}\n`);
}

/** Puts a made-up diagnostic into every cached lint record: if a run shows it, the run used the cache. */
export function plantDiagnostic(parts: CacheFileParts, message: string): CacheFileParts {
  const records: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parts.records)) {
    const r = value as { stage: { file: string }[] };
    const file = r.stage[0]?.file ?? "entries/planted.json";
    records[key] = { ...r, stage: [...r.stage, { file, line: 1, column: 1, pointer: "", severity: "warning", rule: "kb/planted", message }] };
  }
  return { ...parts, records };
}
