// The one place that reads entries/: lists it without following links, reads each regular .json file
// within the size limit, checks its encoding and parses it once with positions. Every command gets
// its entries from here.
import { lstatSync, readFileSync } from "node:fs";
import { lstat, readFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../core/diagnostic.ts";
import type { Limits } from "../core/limits.ts";
import { LineIndex } from "../core/location.ts";
import { parseEntryText, type ParsedSource } from "./parse.ts";
import { isTempFile } from "../write/atomic.ts";
import { listTree } from "./list-tree.ts";

export interface LoadedFile {
  /** Display path, relative to the working directory, with forward slashes. */
  readonly file: string;
  /** Absolute path on disk. */
  readonly absolute: string;
  /** The id the path implies, when the path is `<domain>/<slug>.json` with valid names. */
  readonly pathId: string | undefined;
  /** Present when the file was read and decoded (it may still have syntax errors). */
  readonly source?: ParsedSource;
  readonly diagnostics: readonly Diagnostic[];
}

const SEGMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
/** Domains whose generated/<domain>.json or folder would collide with the build's own outputs. */
const RESERVED_DOMAINS = new Set(["index", "match", "readme", "entry"]);
const READ_CONCURRENCY = 64;

export function displayPath(absolute: string, cwd: string = process.cwd()): string {
  const rel = path.relative(cwd, absolute);
  return (rel.startsWith("..") || path.isAbsolute(rel) ? absolute : rel).split(path.sep).join("/");
}

/** `<domain>/<slug>` for a path relative to entries/, or a reason why it cannot be an entry id. */
export function idFromRelativePath(relative: string): { id: string } | { problem: string } {
  const parts = relative.split("/");
  if (parts.length !== 2 || !parts[1]!.endsWith(".json")) return { problem: "entries live at entries/<domain>/<slug>.json, exactly one folder deep" };
  const [domain, file] = parts as [string, string];
  const slug = file.slice(0, -".json".length);
  if (RESERVED_DOMAINS.has(domain)) return { problem: `"${domain}" is reserved for generated/${domain === "readme" ? "README.md" : `${domain}.json`}; choose another domain name` };
  for (const segment of [domain, slug]) {
    if (!SEGMENT.test(segment)) return { problem: `"${segment}" is not lowercase kebab-case (a-z, 0-9 and single hyphens)` };
    if (WINDOWS_RESERVED.test(segment)) return { problem: `"${segment}" is a reserved device name on Windows; choose another name` };
  }
  return { id: `${domain}/${slug}` };
}

export interface LoadOptions {
  readonly limits: Limits;
  readonly cwd?: string;
  /** Only these files (absolute or relative to cwd); default: everything under the entries folder. */
  readonly only?: readonly string[];
}

export async function loadEntries(entriesDir: string, options: LoadOptions): Promise<LoadedFile[]> {
  const listed = await listEntryFiles(entriesDir, options);
  return runLimited(
    listed.map((item) => () => ("loaded" in item ? Promise.resolve(item.loaded) : readEntryFile(item, options.limits))),
    READ_CONCURRENCY,
  );
}

/** A file under entries/ that should be an entry, before it is read. */
export interface EntryFileRef {
  readonly file: string;
  readonly absolute: string;
  readonly pathId: string | undefined;
  /** Why the path cannot be an entry id, when it cannot. */
  readonly pathProblem: string | undefined;
}

/** Everything under the entries folder, sorted: entry files to read, and stray items already judged. */
export async function listEntryFiles(entriesDir: string, options: LoadOptions): Promise<(EntryFileRef | { loaded: LoadedFile })[]> {
  const cwd = options.cwd ?? process.cwd();
  const root = path.resolve(cwd, entriesDir);
  const rootStat = await lstat(root).catch(() => undefined);
  if (!rootStat) return [];

  if (rootStat.isSymbolicLink()) {
    const file = displayPath(root, cwd);
    const problem = fileProblem(file, "kb/stray-file", "the entries folder is a symbolic link; kb reads and fixes entries only inside the repository", "replace the link with the folder itself");
    return [{ loaded: { file, absolute: root, pathId: undefined, diagnostics: [problem] } }];
  }
  const listed = await listTree(root);
  const onlySet = options.only ? new Set(options.only.map((f) => path.resolve(cwd, f))) : undefined;
  const items: (EntryFileRef | { loaded: LoadedFile })[] = [];
  for (const item of listed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const absolute = path.join(root, item.path);
    if (onlySet && !onlySet.has(absolute)) continue;
    const file = displayPath(absolute, cwd);
    const stray = (message: string, hint: string) => ({
      loaded: { file, absolute, pathId: undefined, diagnostics: [{ file, line: 1, column: 1, pointer: "", severity: "error", rule: "kb/stray-file", message, hint }] } as LoadedFile,
    });
    const d = item.dirent;
    if (d.isSymbolicLink()) items.push(stray("is a symbolic link; entries must be regular files inside entries/", "replace the link with the file itself"));
    else if (d.isDirectory()) {
      if (item.path.endsWith(".json")) items.push(stray("is a directory named like an entry file", "rename the directory; entries are files"));
    } else if (!d.isFile()) items.push(stray("is not a regular file", "remove it from entries/"));
    else if (isTempFile(item.path)) items.push(stray("is a temporary file left by an interrupted kb fix", "run npx kb fix, which removes it, or delete it"));
    else if (!item.path.endsWith(".json")) items.push(stray("is not a .json file; entries/ holds only entries", "move it out of entries/ (docs belong in docs/)"));
    else {
      const implied = idFromRelativePath(item.path);
      items.push({ file, absolute, pathId: "id" in implied ? implied.id : undefined, pathProblem: "problem" in implied ? implied.problem : undefined });
    }
  }
  return items;
}

async function readEntryFile(ref: EntryFileRef, limits: Limits): Promise<LoadedFile> {
  const read = await readEntryBytes(ref, limits);
  return "loaded" in read ? read.loaded : loadEntryBytes(ref, read.bytes, limits);
}

const pathDiagnosticsOf = (ref: EntryFileRef): Diagnostic[] =>
  ref.pathProblem ? [fileProblem(ref.file, "kb/stray-file", `this path cannot be an entry: ${ref.pathProblem}`, "move or rename the file")] : [];

function fileProblem(file: string, rule: Diagnostic["rule"], message: string, hint: string, line = 1, column = 1): Diagnostic {
  return { file, line, column, pointer: "", severity: "error", rule, message, hint };
}

/** The file's bytes, or the finished result when it is too large or cannot be read. */
export async function readEntryBytes(ref: EntryFileRef, limits: Limits): Promise<{ bytes: Uint8Array } | { loaded: LoadedFile }> {
  try {
    const stat = await lstat(ref.absolute);
    return stat.size > limits.maxFileBytes ? tooLarge(ref, stat.size, limits) : { bytes: await readFile(ref.absolute) };
  } catch (e) {
    return unreadable(ref, e);
  }
}

/** readEntryBytes without the event loop: many small files read faster this way when nothing else waits. */
export function readEntryBytesSync(ref: EntryFileRef, limits: Limits): { bytes: Uint8Array } | { loaded: LoadedFile } {
  try {
    const size = lstatSync(ref.absolute).size;
    return size > limits.maxFileBytes ? tooLarge(ref, size, limits) : { bytes: readFileSync(ref.absolute) };
  } catch (e) {
    return unreadable(ref, e);
  }
}

function tooLarge(ref: EntryFileRef, size: number, limits: Limits): { loaded: LoadedFile } {
  const diagnostic = fileProblem(ref.file, "kb/file-too-large", `the file is ${size} bytes; the limit is ${limits.maxFileBytes}`, "entries summarise an error in a few KB; raise limits.maxFileBytes in kb.config.json if this is intended");
  return { loaded: { file: ref.file, absolute: ref.absolute, pathId: ref.pathId, diagnostics: [...pathDiagnosticsOf(ref), diagnostic] } };
}

function unreadable(ref: EntryFileRef, e: unknown): { loaded: LoadedFile } {
  const diagnostic = fileProblem(ref.file, "kb/stray-file", `cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, "check the file's permissions");
  return { loaded: { file: ref.file, absolute: ref.absolute, pathId: ref.pathId, diagnostics: [...pathDiagnosticsOf(ref), diagnostic] } };
}

/** Decodes and parses an entry file's bytes: pure, so it can run in any thread and be cached by content. */
export function loadEntryBytes(ref: EntryFileRef, bytes: Uint8Array, limits: Limits): LoadedFile {
  const base = { file: ref.file, absolute: ref.absolute, pathId: ref.pathId };
  try {
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok) {
      const pos = new LineIndex(decoded.prefix).position(decoded.prefix.length);
      return { ...base, diagnostics: [...pathDiagnosticsOf(ref), fileProblem(ref.file, "kb/encoding", `invalid UTF-8 byte 0x${decoded.byte.toString(16).padStart(2, "0")} at byte ${decoded.offset}`, "save the file as UTF-8", pos.line, pos.column)] };
    }
    const source = parseEntryText(ref.file, decoded.text, limits);
    return { ...base, source, diagnostics: [...pathDiagnosticsOf(ref), ...source.diagnostics] };
  } catch (e) {
    return { ...base, diagnostics: [...pathDiagnosticsOf(ref), fileProblem(ref.file, "kb/stray-file", `cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, "check the file's permissions")] };
  }
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; offset: number; byte: number; prefix: string } {
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return { ok: false, offset, byte: bytes[offset] ?? 0, prefix: new TextDecoder().decode(bytes.subarray(0, offset)) };
  }
}

/** Index of the first byte that starts an invalid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    if (need > 0) {
      try {
        decoder.decode(b.subarray(i, i + need + 1));
      } catch {
        return i;
      }
    }
    i += need + 1;
  }
  return Math.max(0, b.length - 1);
}

async function runLimited<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  });
  await Promise.all(workers);
  return results;
}
