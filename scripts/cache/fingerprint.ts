// What a cached result was computed with: error-kb's own code (every source file, so an edited rule
// invalidates the cache even without a version bump) and the Node.js version (V8 decides which
// regexes compile and what they match). A cache written by anything else is ignored.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, sourceDigest } from "./source-digest.mjs";

let computed: string | undefined;

export function toolFingerprint(): string {
  if (computed) return computed;
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version?: string };
  computed = digest(`error-kb ${pkg.version ?? "?"} node ${process.version}`, sourceDigest());
  return computed;
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
