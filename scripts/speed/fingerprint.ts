// What a cached result was computed with: error-kb's own code (every source file, so an edited rule
// invalidates the cache without a version bump) and the Node.js version (V8 decides which regexes
// compile and what they match). Computed only by runs that use the cache.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
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
  computed = hash.digest("hex");
  return computed;
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
