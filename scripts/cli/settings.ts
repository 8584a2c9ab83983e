// Turns the flags every command shares into the plain RunSettings the runner takes: the repository
// root (walking up, like ESLint), kb.config.json, the entries and output folders, limits, today's
// date, threads and rule severities. The one place that reads flags, environment and config.
import os from "node:os";
import path from "node:path";
import type { RunSettings } from "../model/run-settings.ts";
import { findRoot, loadConfig, type LoadedConfig } from "./config.ts";
import { UsageError } from "./usage-error.ts";
import { terminalSafeLine } from "../report/terminal-text.ts";
import { isWithin } from "../source/entry-path.ts";
import { gitDirectoryAround } from "../write/output-folder.ts";
import { flagNumber } from "./flag-number.ts";

export interface CommonFlags {
  entries?: string;
  out?: string;
  config?: string;
  threads?: string;
  /** false with --no-cache. */
  cache?: boolean;
  /** false with --no-python. */
  python?: boolean;
}

export interface Resolved {
  readonly settings: RunSettings;
  readonly config: LoadedConfig;
}

export function resolveSettings(flags: CommonFlags, cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Resolved {
  const root = findRoot(cwd);
  const config = loadConfig(root, cwd, flags.config);
  const threads = flags.threads === undefined ? Math.max(1, Math.min(4, os.availableParallelism())) : flagNumber(flags.threads);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new UsageError("--threads must be a whole number from 1 to 64");
  const today = env.KB_TODAY ?? new Date().toISOString().slice(0, 10);
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(today)) throw new UsageError(`KB_TODAY must be YYYY-MM-DD, not "${today}"`);
  // Named folders are relative to where kb runs; the defaults are the repository's own.
  const entriesDir = flags.entries !== undefined ? namedFolder("--entries", flags.entries, cwd) : path.join(root, "entries");
  const outDir = flags.out !== undefined ? namedFolder("--out", flags.out, cwd) : path.join(root, "generated");
  // A build into a git folder (refs/tags is often an empty folder, so it passes the ownership check)
  // breaks the repository: the checkout's own .git, a worktree's or submodule's git folder, a bare repository.
  const git = path.join(root, ".git");
  const gitAround = gitDirectoryAround(outDir);
  // Each reason in its own words: --out / was "inside .git (or holds it)" (pass AN).
  if (gitAround !== undefined) throw new UsageError(`refusing to use ${terminalSafeLine(outDir)} as the output folder: it is inside the git folder ${terminalSafeLine(gitAround)}, which git owns; check --out`);
  if (isWithin(git, outDir)) throw new UsageError(`refusing to use ${terminalSafeLine(outDir)} as the output folder: it holds the repository${isWithin(root, outDir) ? "" : "'s git folder"} (${terminalSafeLine(root)}) itself; check --out`);
  // kb fix rewrites what it lints: entries inside (or holding) the output folder would be outputs rewritten.
  // Compared with links resolved: a link to a parent folder must not lead around the check.
  if (isWithin(entriesDir, outDir) || isWithin(outDir, entriesDir)) throw new UsageError(`the entries folder and the output folder overlap (${terminalSafeLine(entriesDir)}, ${terminalSafeLine(outDir)}); check --entries and --out`);
  return {
    config,
    settings: {
      cwd,
      root,
      entriesDir,
      outDir,
      limits: config.limits,
      today,
      threads,
      cache: flags.cache !== false,
      python: flags.python !== false,
      severities: config.rules,
    },
  };
}

/** A folder named on the command line, resolved against where kb runs; empty or undecodable names are refused, never taken for another folder. */
function namedFolder(flag: string, value: string, cwd: string): string {
  if (value === "") throw new UsageError(`${flag} needs a folder, not an empty name`);
  // argv is decoded as UTF-8: bytes that are not become U+FFFD, which would name another folder.
  if (value.includes("\uFFFD")) throw new UsageError(`${flag} ${terminalSafeLine(value)}: the name is not valid UTF-8 (shown with \uFFFD); kb cannot name that folder exactly`);
  return path.resolve(cwd, value);
}
