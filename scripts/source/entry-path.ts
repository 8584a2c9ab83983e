// What a path under entries/ says: the id it implies (`<domain>/<slug>`) or why it cannot be an
// entry, and how paths are shown to people. Pure; shared by the listing, `kb new` and the rules.
import { realpathSync } from "node:fs";
import path from "node:path";

const SEGMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
/** Domains whose generated/<domain>.json or folder would collide with the build's own outputs. */
export const RESERVED_DOMAINS: ReadonlySet<string> = new Set(["index", "match", "readme", "entry", "package"]);

/** Whether a path.relative() result leaves its base: "..", "../x" or absolute, but not a name that starts with ".." (..hooks, pass AM). */
export function leavesBase(rel: string): boolean {
  return rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}

/** A path relative to the working directory with forward slashes, or the absolute path when outside it. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = path.relative(cwd, absolute);
  return (rel === "" ? "." : leavesBase(rel) ? absolute : rel).split(path.sep).join("/");
}

/** Longest domain or slug, in characters (kebab-case: one byte each). */
export const MAX_SEGMENT = 120;

/** `<domain>/<slug>` for a path relative to entries/, or a reason why it cannot be an entry id. */
export function idFromRelativePath(relative: string): { id: string } | { problem: string } {
  const parts = relative.split("/");
  if (parts.length !== 2 || !parts[1]!.endsWith(".json")) return { problem: "entries live at entries/<domain>/<slug>.json, exactly one folder deep" };
  const [domain, file] = parts as [string, string];
  const slug = file.slice(0, -".json".length);
  if (RESERVED_DOMAINS.has(domain)) return { problem: `"${domain}" is reserved for generated/${domain === "readme" ? "README.md" : domain === "package" ? "package/" : `${domain}.json`}; choose another domain name` };
  // The view generated/<domain>/readme.md is the domain page README.md on a case-insensitive disk.
  if (slug === "readme") return { problem: `"readme" is reserved for generated/${domain}/README.md, the domain page (one file on macOS and Windows); choose another slug` };
  for (const segment of [domain, slug]) {
    if (!SEGMENT.test(segment)) return { problem: `"${segment}" is not lowercase kebab-case (a-z, 0-9 and single hyphens)` };
    // Outputs and temporary files add to the name (<slug>.zh.md, .<name>.<pid>.<random>.kb-tmp): past
    // ~225 characters a file system's 255-byte name limit would stop kb fix and kb build half way.
    if (segment.length > MAX_SEGMENT) return { problem: `"${segment.slice(0, 24)}…" is ${segment.length} characters long; at most ${MAX_SEGMENT}, so that every file kb writes for it has a name file systems accept` };
    if (WINDOWS_RESERVED.test(segment)) return { problem: `"${segment}" is a reserved device name on Windows; choose another name` };
  }
  return { id: `${domain}/${slug}` };
}

/** Whether a string is a well-formed entry id. */
export function isEntryId(id: string): boolean {
  return "id" in idFromRelativePath(`${id}.json`);
}

/**
 * The path with every link resolved, for the part of it that exists (the rest appended as is): what
 * guards compare, so that a link to a parent folder cannot lead around them.
 */
export function realPathOf(p: string): string {
  const absolute = path.resolve(p);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(realPathOf(parent), path.basename(absolute));
  }
}

/** Whether `inner` is `outer` or inside it, links resolved (see realPathOf). */
export function isWithin(inner: string, outer: string): boolean {
  const rel = path.relative(realPathOf(outer), realPathOf(inner));
  return !leavesBase(rel);
}
