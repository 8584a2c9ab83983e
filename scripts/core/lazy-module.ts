// Loads a heavy package on first use instead of at start-up. `kb check` with everything cached never
// serialises Markdown nor analyses a regex, and remark, refa and scslre together cost a quarter of a
// second to load. Node.js 20.19 and later can require() ES modules, so the callers stay synchronous.
import { createRequire } from "node:module";

/** Node's require, for packages and files that are loaded on demand (also used for file paths). */
export const requireModule = createRequire(import.meta.url);

/** A function that loads `name` the first time it is called and returns the same module after. */
export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireModule(name) as T);
}
