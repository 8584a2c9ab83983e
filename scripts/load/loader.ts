// The one place that reads entries/: lists it without following links, reads each regular .json file
// within the size limit, checks its encoding and parses it once with positions. Every command gets
// its entries from here.
import { lstat, readFile } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import type { Diagnostic } from "../core/diagnostic.ts";
import type { Limits } from "../core/limits.ts";
import { LineIndex } from "../core/location.ts";
import { parseEntryText, type ParsedSource } from "./parse.ts";
import { isTempFile } from "../write/atomic.ts";

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
  const cwd = options.cwd ?? process.cwd();
  const root = path.resolve(cwd, entriesDir);
  const rootStat = await lstat(root).catch(() => undefined);
  if (!rootStat) return [];

  const listed = await fg("**", { cwd: root, dot: true, onlyFiles: false, followSymbolicLinks: false, objectMode: true, unique: true });
  const onlySet = options.only ? new Set(options.only.map((f) => path.resolve(cwd, f))) : undefined;
  const tasks: (() => Promise<LoadedFile>)[] = [];
  for (const item of listed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const absolute = path.join(root, item.path);
    if (onlySet && !onlySet.has(absolute)) continue;
    const file = displayPath(absolute, cwd);
    const stray = (message: string, hint: string): LoadedFile => ({
      file,
      absolute,
      pathId: undefined,
      diagnostics: [{ file, line: 1, column: 1, pointer: "", severity: "error", rule: "kb/stray-file", message, hint }],
    });
    const d = item.dirent;
    if (d.isSymbolicLink()) tasks.push(async () => stray("is a symbolic link; entries must be regular files inside entries/", "replace the link with the file itself"));
    else if (d.isDirectory()) {
      if (item.path.endsWith(".json")) tasks.push(async () => stray("is a directory named like an entry file", "rename the directory; entries are files"));
    } else if (!d.isFile()) tasks.push(async () => stray("is not a regular file", "remove it from entries/"));
    else if (isTempFile(item.path)) tasks.push(async () => stray("is a temporary file left by an interrupted kb fix", "run npx kb fix, which removes it, or delete it"));
    else if (!item.path.endsWith(".json")) tasks.push(async () => stray("is not a .json file; entries/ holds only entries", "move it out of entries/ (docs belong in docs/)"));
    else {
      const implied = idFromRelativePath(item.path);
      tasks.push(() => readEntryFile(file, absolute, "id" in implied ? implied.id : undefined, "problem" in implied ? implied.problem : undefined, options.limits));
    }
  }
  return runLimited(tasks, READ_CONCURRENCY);
}

async function readEntryFile(file: string, absolute: string, pathId: string | undefined, pathProblem: string | undefined, limits: Limits): Promise<LoadedFile> {
  const base = { file, absolute, pathId };
  const located = (rule: Diagnostic["rule"], message: string, hint: string, line = 1, column = 1): Diagnostic => ({ file, line, column, pointer: "", severity: "error", rule, message, hint });
  const pathDiagnostics = pathProblem ? [located("kb/stray-file", `this path cannot be an entry: ${pathProblem}`, "move or rename the file")] : [];
  try {
    const stat = await lstat(absolute);
    if (stat.size > limits.maxFileBytes) {
      return { ...base, diagnostics: [...pathDiagnostics, located("kb/file-too-large", `the file is ${stat.size} bytes; the limit is ${limits.maxFileBytes}`, "entries summarise an error in a few KB; raise limits.maxFileBytes in kb.config.json if this is intended")] };
    }
    const bytes = await readFile(absolute);
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok) {
      const pos = new LineIndex(decoded.prefix).position(decoded.prefix.length);
      return { ...base, diagnostics: [...pathDiagnostics, located("kb/encoding", `invalid UTF-8 byte 0x${decoded.byte.toString(16).padStart(2, "0")} at byte ${decoded.offset}`, "save the file as UTF-8", pos.line, pos.column)] };
    }
    const source = parseEntryText(file, decoded.text, limits);
    return { ...base, source, diagnostics: [...pathDiagnostics, ...source.diagnostics] };
  } catch (e) {
    return { ...base, diagnostics: [...pathDiagnostics, located("kb/stray-file", `cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, "check the file's permissions")] };
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
