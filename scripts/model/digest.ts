// Short content digests: the one hashing of texts, for translation checks (which English text a zh
// field was checked against), cache keys and output records.
import { createHash } from "node:crypto";

/** First 8 hex digits of the SHA-256 of a text: what translated_from records for each zh field. */
export function translationDigest(english: string): string {
  return createHash("sha256").update(english, "utf8").digest("hex").slice(0, 8);
}

/** A hex digest of the given parts, each delimited, for cache keys and output records. */
export function digest(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha1");
  for (const part of parts) {
    hash.update(part);
    hash.update("\0");
  }
  return hash.digest("hex");
}
