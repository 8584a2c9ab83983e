// What a cached result was computed with: error-kb's own code (every source file, so an edited rule
// invalidates the cache even without a version bump) and the Node.js version (V8 decides which
// regexes compile and what they match). A cache written by anything else is ignored.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SOURCE_FOLDERS = ["scripts", "bin"];
const SOURCE_FILE = /\.(?:ts|mjs|js|py)$/;

let computed: string | undefined;

export function toolFingerprint(): string {
  if (computed) return computed;
  const hash = createHash("sha1");
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version?: string };
  hash.update(`error-kb ${pkg.version ?? "?"} node ${process.version}\n`);
  for (const rel of SOURCE_FOLDERS.flatMap((folder) => sourceFiles(path.join(ROOT, folder)))) {
    hash.update(`${path.relative(ROOT, rel)}\0`);
    hash.update(readFileSync(rel));
  }
  computed = hash.digest("hex");
  return computed;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const item of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const abs = path.join(dir, item.name);
    if (item.isDirectory()) out.push(...sourceFiles(abs));
    else if (item.isFile() && SOURCE_FILE.test(item.name)) out.push(abs);
  }
  return out;
}

/** A short hex digest of the given parts, each delimited, for cache keys. */
export function digest(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha1");
  for (const part of parts) {
    hash.update(part);
    hash.update("\0");
  }
  return hash.digest("hex");
}
