// Where the regex worker's script is, next to this module. The consumer package's CommonJS build
// replaces this one file (import.meta does not exist there); nothing else differs between the builds.
export const MATCH_WORKER: URL | string = new URL("./match-worker.mjs", import.meta.url);
