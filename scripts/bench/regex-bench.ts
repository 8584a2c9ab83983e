// `npm run bench:regex`: lint time per 1,000 regexes, cold (no cache) and warm (cache of unchanged
// entries), over synthetic entries whose regexes have realistic shapes. Prints figures; asserts nothing.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CACHE_DIR } from "../speed/cache-file.ts";
import { DEFAULT_SEED } from "./corpus.ts";
import { measureNode } from "./measure.ts";
import { machine } from "./machine.ts";
import { writeCorpus } from "./write-corpus.ts";

const KB = fileURLToPath(new URL("../../bin/kb.mjs", import.meta.url));
const size = Number(process.argv[2] ?? 1_000);
const dir = mkdtempSync(path.join(os.tmpdir(), "kb-regex-bench-"));
try {
  writeCorpus(path.join(dir, "entries"), size, DEFAULT_SEED);
  mkdirSync(path.join(dir, "node_modules"));
  const env = { ...process.env, KB_TODAY: "2026-11-22", NO_COLOR: "1" };
  const per1000 = (s: number) => ((s * 1000) / size).toFixed(2);
  rmSync(path.join(dir, CACHE_DIR), { recursive: true, force: true });
  const cold = await measureNode(KB, ["lint", "--format", "json"], { cwd: dir, env });
  const warm = await measureNode(KB, ["lint", "--format", "json"], { cwd: dir, env });
  process.stdout.write(`Machine: ${machine()}\n${size} regexes (one per entry, with signature, aliases and examples)\n`);
  process.stdout.write(`| run | wall | per 1,000 regexes | CPU |\n|---|---:|---:|---:|\n`);
  process.stdout.write(`| cold (no cache) | ${cold.wallS.toFixed(2)} s | ${per1000(cold.wallS)} s | ${cold.cpuS.toFixed(2)} s |\n`);
  process.stdout.write(`| warm (cache) | ${warm.wallS.toFixed(2)} s | ${per1000(warm.wallS)} s | ${warm.cpuS.toFixed(2)} s |\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
