// What a cached result was computed with: error-kb's own code (every source file, so an edited rule
// invalidates the cache without a version bump), the Node.js version (V8 decides which regexes
// compile and what they match) and the installed version of every package kb runs on, transitively
// (ajv, scslre, refa, regexpp, jsonc-parser decide verdicts; `npm install` and `npm update`, unlike
// `npm ci`, keep node_modules/.cache). Computed only by runs that use the cache.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The folder holding the code: scripts/ from the sources, dist/ once compiled. */
const CODE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CODE_FILE = /\.(?:ts|mjs|js|py)$/;

let computed: string | undefined;

export function toolFingerprint(): string {
  if (computed) return computed;
  const hash = createHash("sha1");
  hash.update(`node ${process.version}\0`);
  for (const file of codeFiles(CODE_ROOT)) {
    hash.update(`${path.relative(CODE_ROOT, file)}\0`);
    hash.update(readFileSync(file));
  }
  hash.update(dependencyVersions(path.dirname(CODE_ROOT)).join("\0"));
  computed = hash.digest("hex");
  return computed;
}

/**
 * `name@version` of every package the project at `dir` depends on at run time, and theirs, as Node
 * would find them (node_modules folders from each package's own folder up), sorted. A package that
 * cannot be found is listed as missing: that too is a different tool.
 */
export function dependencyVersions(dir: string): string[] {
  const found = new Map<string, string>(); // package folder -> name@version
  const visit = (from: string): void => {
    for (const name of Object.keys(readManifest(from)?.dependencies ?? {})) {
      const folder = locate(name, from);
      if (folder === undefined) {
        found.set(`missing:${name}`, `${name}@missing`);
        continue;
      }
      if (found.has(folder)) continue;
      found.set(folder, `${name}@${readManifest(folder)?.version ?? "unknown"}`);
      visit(folder);
    }
  };
  visit(dir);
  return [...found.values()].sort();
}

function readManifest(folder: string): { version?: string; dependencies?: Record<string, string> } | undefined {
  try {
    return JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")) as { version?: string; dependencies?: Record<string, string> };
  } catch {
    return undefined;
  }
}

/** The folder of package `name` as seen from `from`: the nearest node_modules/<name> up the tree. */
function locate(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const item of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const abs = path.join(dir, item.name);
    if (item.isDirectory()) out.push(...codeFiles(abs));
    else if (item.isFile() && CODE_FILE.test(item.name)) out.push(abs);
  }
  return out;
}
