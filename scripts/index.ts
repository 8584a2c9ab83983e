// The package's public surface (package.json "exports" → "."): entry and index types, the bundled
// index loaders and lookup, ranked exactly like `kb lookup`. Built to dist/ for consumers without tsx.
export type { DeadEnd, Entry, Transition, Workaround } from "./schema/entry-schema.ts";
export type { BundledIndex, IndexedEntry } from "./build/bundle.ts";
export type { MatchIndex, MatchIndexEntry } from "./lookup/match-index.ts";
export type { LookupEntry, LookupOptions, LookupResult } from "./lookup/lookup.ts";
export type { IndexLookupReport, IndexLookupResult } from "./lookup/lookup-index.ts";
export type { RankedMatch } from "./lookup/rank.ts";
export { INDEX_SCHEMA_VERSION } from "./build/bundle.ts";
export { MATCH_SCHEMA_VERSION } from "./lookup/match-index.ts";
export { lookup } from "./lookup/lookup-index.ts";
export { BUNDLED_INDEX_PATH, BUNDLED_MATCH_INDEX_PATH, loadIndex, loadMatchIndex } from "./load/bundled-index.ts";
