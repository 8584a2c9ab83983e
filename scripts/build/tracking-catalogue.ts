// A catalogue that remembers which entries a view looked up while it was rendered, so the view's
// cached content is reused only while those neighbours are unchanged. Walking the whole catalogue
// makes the view depend on every entry.
import type { Catalogue } from "../render/chains.ts";
import type { Entry } from "../schema/entry-schema.ts";

export class TrackingCatalogue implements Catalogue {
  readonly read = new Set<string>();
  readAll = false;

  constructor(private readonly inner: Catalogue) {}

  get size(): number {
    this.readAll = true;
    return this.inner.size;
  }
  get(id: string): Entry | undefined {
    this.read.add(id);
    return this.inner.get(id);
  }
  has(id: string): boolean {
    this.read.add(id);
    return this.inner.has(id);
  }
  forEach(callback: (value: Entry, key: string, map: ReadonlyMap<string, Entry>) => void, thisArg?: unknown): void {
    this.readAll = true;
    this.inner.forEach((v, k) => callback.call(thisArg, v, k, this));
  }
  entries(): MapIterator<[string, Entry]> {
    this.readAll = true;
    return this.inner.entries();
  }
  keys(): MapIterator<string> {
    this.readAll = true;
    return this.inner.keys();
  }
  values(): MapIterator<Entry> {
    this.readAll = true;
    return this.inner.values();
  }
  [Symbol.iterator](): MapIterator<[string, Entry]> {
    return this.entries();
  }
}
