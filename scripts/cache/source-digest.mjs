// @ts-check
// A digest of error-kb's own code (every file under scripts/ and bin/). Two users: cached results
// are keyed by it (an edited rule invalidates the cache), and bin/kb.mjs runs the compiled dist/
// only when the digest stamped there at `npm run prepare` still matches the sources, else the
// TypeScript through tsx. Plain JavaScript, so the launcher can use it before any loader exists.
// stamp-dist.mjs writes the stamp (the last step of prepare).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository (or installed package) root: two levels up from scripts/cache/ and dist/cache/. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Where prepare records which sources dist/ was compiled from. */
export const DIST_STAMP = path.join(ROOT, "dist", "sources.sha1");

const SOURCE_FOLDERS = ["scripts", "bin"];
const SOURCE_FILE = /\.(?:ts|mjs|js|py)$/;

/** @type {string | undefined} */
let computed;

/** sha1 over every source file's path and bytes, in sorted order. */
export function sourceDigest() {
  if (computed) return computed;
  const hash = createHash("sha1");
  for (const abs of SOURCE_FOLDERS.filter((folder) => existsSync(path.join(ROOT, folder))).flatMap((folder) => sourceFiles(path.join(ROOT, folder)))) {
    hash.update(`${path.relative(ROOT, abs)}\0`);
    hash.update(readFileSync(abs));
  }
  computed = hash.digest("hex");
  return computed;
}

/** Whether dist/ holds a compile of exactly the current sources. */
export function distIsCurrent() {
  try {
    return readFileSync(DIST_STAMP, "utf8").trim() === sourceDigest();
  } catch {
    return false;
  }
}

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  /** @type {string[]} */
  const out = [];
  for (const item of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const abs = path.join(dir, item.name);
    if (item.isDirectory()) out.push(...sourceFiles(abs));
    else if (item.isFile() && SOURCE_FILE.test(item.name)) out.push(abs);
  }
  return out;
}

