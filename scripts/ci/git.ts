// The few questions `kb ci` asks git, run as `git` child processes with arguments (never a shell) and
// --end-of-options, so a ref that comes from outside can never be read as an option.
import { execFile } from "node:child_process";
import type { ChangeStatus, FileChange } from "./hand-edits.ts";

interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Most bytes one git command may print. */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

function git(args: readonly string[], cwd: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile("git", [...args], { cwd, encoding: "utf8", maxBuffer: MAX_OUTPUT_BYTES, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") reject(new Error(`cannot run git: ${error.message}`));
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

async function gitOrThrow(args: readonly string[], cwd: string): Promise<string> {
  const r = await git(args, cwd);
  if (r.code !== 0) throw new GitError(`git ${args.join(" ")} failed: ${r.stderr.trim() || `exit code ${r.code}`}`);
  return r.stdout;
}

/** git could not answer (not a repository, unknown commit): the CLI reports it as a usage problem. */
export class GitError extends Error {}

export async function headCommit(cwd: string): Promise<string | null> {
  const r = await git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], cwd);
  return r.code === 0 ? r.stdout.trim() : null;
}

/** The working tree's top folder: git paths are relative to it, whatever the working directory. */
export async function topLevel(cwd: string): Promise<string> {
  return (await gitOrThrow(["rev-parse", "--show-toplevel"], cwd)).trim();
}

/**
 * Whether the clone holds the commit: "missing" for a force-push's old tip or a shallow checkout's
 * base, "not-a-commit" for a tree or a blob (HEAD:entries, HEAD^{tree}).
 */
export async function commitState(ref: string, cwd: string): Promise<"commit" | "not-a-commit" | "missing"> {
  if ((await git(["cat-file", "-e", "--end-of-options", `${ref}^{commit}`], cwd)).code === 0) return "commit";
  return (await git(["cat-file", "-e", "--end-of-options", ref], cwd)).code === 0 ? "not-a-commit" : "missing";
}

/** The best common ancestor of two commits; undefined when they share no history (git exits 1 saying nothing). */
export async function mergeBase(a: string, b: string, cwd: string): Promise<string | undefined> {
  const r = await git(["merge-base", "--end-of-options", a, b], cwd);
  if (r.code === 1 && r.stdout.trim() === "" && r.stderr.trim() === "") return undefined;
  if (r.code !== 0) throw new GitError(`git merge-base --end-of-options ${a} ${b} failed: ${r.stderr.trim() || `exit code ${r.code}`}`);
  return r.stdout.trim();
}

/** A file's text at a commit, or undefined when it does not exist there. */
export async function fileAtCommit(commit: string, repoPath: string, cwd: string, maxBytes = MAX_OUTPUT_BYTES): Promise<string | undefined> {
  // Sized first: a blob past git's output buffer made kb ci summary exit 3 after holding 1.9 GB (pass P).
  const size = await git(["cat-file", "-s", "--end-of-options", `${commit}:${repoPath}`], cwd);
  if (size.code !== 0 || !(Number(size.stdout.trim()) <= Math.min(maxBytes, MAX_OUTPUT_BYTES))) return undefined;
  const r = await git(["show", "--no-textconv", "--end-of-options", `${commit}:${repoPath}`], cwd);
  return r.code === 0 ? r.stdout : undefined;
}

/** Files the change from `base` to `head` touches (renames count as a deletion and an addition). */
export async function changedFiles(base: string, head: string, cwd: string): Promise<FileChange[]> {
  return parseNameStatus(await gitOrThrow(["diff", "--name-status", "-z", "--no-renames", "--no-ext-diff", "--end-of-options", base, head, "--"], cwd));
}

const STATUS: Record<string, ChangeStatus> = { A: "added", M: "modified", D: "deleted", T: "modified" };

/** Parses `git diff --name-status -z` output: NUL-separated status, path pairs. */
export function parseNameStatus(output: string): FileChange[] {
  const parts = output.split("\0");
  const changes: FileChange[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const status = STATUS[parts[i]!.charAt(0)];
    if (status) changes.push({ status, path: parts[i + 1]! });
  }
  return changes;
}
