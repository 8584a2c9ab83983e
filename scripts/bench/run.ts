// `npm run bench`: generates synthetic corpora (default 1k, 10k and 100k entries) in a temporary
// folder, runs the real CLI on each (cold lint, cold build, warm check, build after one change) next
// to a floor, and prints a table with the machine it ran on. Options: --sizes 1000,2500 and --keep.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CACHE_DIR } from "../speed/cache-file.ts";
import { canonicalText } from "../model/canonical.ts";
import { DEFAULT_SEED } from "./corpus.ts";
import { machine } from "./machine.ts";
import { measureNode, usesGnuTime, type Measurement } from "./measure.ts";
import { formatTable, type BenchRow } from "./table.ts";
import { entryFile, writeCorpus } from "./write-corpus.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const KB = fileURLToPath(new URL("../../bin/kb.mjs", import.meta.url));
const FLOOR = fileURLToPath(new URL("./floor.mjs", import.meta.url));

interface Options {
  readonly sizes: number[];
  readonly keep: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  let sizes = [1_000, 10_000, 100_000];
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--keep") keep = true;
    else if (a === "--sizes" || a.startsWith("--sizes=")) {
      const value = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      sizes = (value ?? "").split(",").map((s) => Number(s.trim().replace(/_/g, "")));
      if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 2)) throw new Error(`--sizes takes whole numbers of at least 2, e.g. --sizes 1000,2500`);
    } else throw new Error(`unknown option ${a} (options: --sizes 1000,2500 --keep)`);
  }
  return { sizes, keep };
}


/** Changes one entry the way a contributor would: one more sentence in its root cause. */
function changeOneEntry(file: string): void {
  const value = JSON.parse(readFileSync(file, "utf8")) as { root_cause: string };
  value.root_cause += " This sentence was added by the benchmark's one-entry change.";
  writeFileSync(file, canonicalText(value));
}

const LOG_LINES = 100_000;

/**
 * A 100,000-line application log: ordinary lines (timestamps, levels, paths, numbers, some with
 * words that occur in error messages) and, every 1,000 lines, a real example line of a corpus entry.
 */
function writeLog(file: string, entries: string, size: number): void {
  const examples: string[] = [];
  for (let i = 0; i < Math.min(size, 100); i++) {
    const entry = JSON.parse(readFileSync(path.join(entries, entryFile(Math.floor((i * size) / 100), DEFAULT_SEED)), "utf8")) as { examples?: { match?: string[] } };
    const line = entry.examples?.match?.[0];
    if (line) examples.push(line);
  }
  const words = ["request", "handled", "connection", "timeout", "error", "retry", "failed", "user", "cache", "permission", "module", "listen"];
  const lines: string[] = [];
  for (let i = 0; i < LOG_LINES; i++) {
    if (i % 1_000 === 999 && examples.length > 0) lines.push(examples[(i / 1_000) % examples.length | 0]!);
    else lines.push(`2026-11-22T10:${String((i / 60) % 60 | 0).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z INFO [worker-${i % 8}] ${words[i % words.length]} ${words[(i * 7) % words.length]} /api/v1/items/${i} in ${(i * 37) % 1000} ms`);
  }
  writeFileSync(file, lines.join("\n") + "\n");
}

async function benchSize(size: number, keep: boolean, log: (s: string) => void): Promise<{ rows: BenchRow[]; floor: Measurement }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `kb-bench-${size}-`));
  const entries = path.join(dir, "entries");
  const env = { ...process.env, KB_TODAY: "2026-11-22", NO_COLOR: "1", GITHUB_STEP_SUMMARY: "" };
  try {
    log(`${size}: writing the corpus to ${dir}`);
    const corpus = writeCorpus(entries, size, DEFAULT_SEED);
    // A repository that uses kb has its packages installed; the cache lives in node_modules/.cache.
    mkdirSync(path.join(dir, "node_modules"));
    log(`${size}: ${corpus.files} entries, ${(corpus.bytes / 2 ** 20).toFixed(1)} MB`);
    const run = async (step: string, args: string[], stdinFile?: string): Promise<BenchRow> => {
      const m = await measureNode(KB, args, { cwd: dir, env, ...(stdinFile ? { stdinFile } : {}) });
      log(`${size}: ${step}: ${m.wallS.toFixed(2)} s, exit ${m.exitCode}${m.exitCode === 0 ? "" : `\n${m.stdout.slice(-1500)}\n${m.stderr}`}`);
      return { size, step, m };
    };
    const clearCache = () => rmSync(path.join(dir, CACHE_DIR), { recursive: true, force: true });

    const floor = await measureNode(FLOOR, [entries, path.join(dir, "floor-out")], { cwd: dir, env });
    rmSync(path.join(dir, "floor-out"), { recursive: true, force: true });
    log(`${size}: floor: ${floor.wallS.toFixed(2)} s`);
    const rows: BenchRow[] = [{ size, step: "floor", m: floor }];
    clearCache();
    rows.push(await run("cold `lint`", ["lint", "--format", "json"]));
    clearCache();
    rows.push(await run("cold `build`", ["build"]));
    rows.push(await run("warm `check`, nothing changed", ["check"]));
    changeOneEntry(path.join(entries, entryFile(Math.floor(size / 2), DEFAULT_SEED)));
    rows.push(await run("`build` after one entry changed", ["build"]));
    const logFile = path.join(dir, "app.log");
    writeLog(logFile, entries, size);
    rows.push(await run(`\`lookup -\` of a ${LOG_LINES.toLocaleString("en-US")}-line log`, ["lookup", "--format", "json", "-"], logFile));
    return { rows, floor };
  } finally {
    if (keep) log(`${size}: kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
  // kb runs the compiled dist/ only while it is newer than the sources; measure that, not the tsx fallback.
  log("compiling dist/ (npm run prepare) so that kb runs the JavaScript");
  execFileSync("npm", ["run", "--silent", "prepare"], { cwd: ROOT, stdio: "inherit" });
  const rows: BenchRow[] = [];
  const floors = new Map<number, Measurement>();
  for (const size of options.sizes) {
    const result = await benchSize(size, options.keep, log);
    rows.push(...result.rows);
    floors.set(size, result.floor);
  }
  process.stdout.write(`\nMachine: ${machine()}\n`);
  process.stdout.write(`Command: npm run bench -- --sizes ${options.sizes.join(",")}  (CPU and RSS from ${usesGnuTime() ? "GNU time" : "the process's own resource usage"})\n\n`);
  process.stdout.write(formatTable(rows, floors));
}

await main();
