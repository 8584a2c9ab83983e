// Entries that remember which of their fields an output read while it was rendered. An output made
// from many entries (the catalogue README, match.json, a domain's page) is then reused while those
// fields of those entries are unchanged: a new sentence in one root cause no longer re-renders the
// catalogue. Listing an entry's keys (a spread, JSON.stringify) counts as reading every field.
import type { Entry } from "../schema/entry-schema.ts";
import { digest } from "../cache/fingerprint.ts";

export class FieldTracker {
  readonly read = new Set<string>();
  readAll = false;
  private readonly handler: ProxyHandler<Entry>;

  constructor() {
    const read = this.read;
    this.handler = {
      get: (target, key) => {
        if (typeof key === "string") read.add(key);
        return Reflect.get(target, key);
      },
      has: (target, key) => {
        if (typeof key === "string") read.add(key);
        return Reflect.has(target, key);
      },
      getOwnPropertyDescriptor: (target, key) => {
        if (typeof key === "string") read.add(key);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
      ownKeys: (target) => {
        this.readAll = true;
        return Reflect.ownKeys(target);
      },
    };
  }

  /** The same entries, each reporting its reads to this tracker. */
  track(entries: readonly Entry[]): Entry[] {
    return entries.map((e) => new Proxy(e, this.handler));
  }

  /** The fields read, sorted; null when the output listed keys and so depends on all of them. */
  fields(): string[] | null {
    return this.readAll ? null : [...this.read].sort();
  }
}

/** A digest of the given fields of the given entries, in order (ids always included; absent differs from null). */
export function fieldsDigest(entries: readonly Entry[], fields: readonly string[]): string {
  const has = (e: Entry, f: string) => Object.hasOwn(e, f);
  const values = entries.map((e) => JSON.stringify([e.id, ...fields.map((f) => (has(e, f) ? [(e as unknown as Record<string, unknown>)[f]] : []))]));
  return digest("fields", JSON.stringify(fields), ...values);
}
