// The decorator equivalence suite of test/speed/ (cache, pool and incremental build against the bare
// core, byte for byte) on a corpus ten times the size npm test uses, so the pool splits it many ways.
process.env.KB_EQUIVALENCE_SIZE = "400";
await import("../speed/equivalence.test.ts");
