// Real temporary git repositories for the CI tests: a base commit with built outputs on main, a
// pull-request branch on top, GitHub event payloads, and the step outputs a `kb ci` run writes.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { canonicalText } from "../../scripts/model/canonical.ts";
import { validEntry } from "../helpers/entries.ts";
import { makeRepo, runKb, type RunResult } from "../helpers/repo.ts";

export const REPO = "octo/kb";
export const BRANCH = "feature/better-entries";

export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_TERMINAL_PROMPT: "0" },
  });
}

export const entryText = (id: string, overrides: Record<string, unknown> = {}) => canonicalText(validEntry(id, overrides));

export function writeFiles(dir: string, files: Record<string, string | null>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    if (content === null) rmSync(abs, { force: true });
    else {
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
  }
}

export function commitAll(dir: string, message: string): string {
  git(dir, "add", "--all");
  git(dir, "commit", "--quiet", "--allow-empty", "-m", message);
  return git(dir, "rev-parse", "HEAD").trim();
}

export async function kbBuild(dir: string): Promise<void> {
  const r = await runKb(["build"], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
}

export const BASE_ENTRIES = {
  "entries/api/rate-limit-hit.json": entryText("api/rate-limit-hit"),
  "entries/api/token-expired.json": entryText("api/token-expired"),
  "entries/git/push-rejected.json": entryText("git/push-rejected"),
};

export interface PullRequestRepo {
  readonly dir: string;
  readonly base: string;
  readonly head: string;
  readonly cleanup: () => void;
}

/**
 * main: the base entries with their built outputs; branch BRANCH: one commit per step, each writing
 * files (null deletes) and, when `build` is set, running kb build before committing.
 */
export async function pullRequestRepo(steps: { files: Record<string, string | null>; build?: boolean }[]): Promise<PullRequestRepo> {
  const template = await (baseTemplate ??= makeBaseTemplate());
  const repo = makeRepo();
  cpSync(template.dir, repo.dir, { recursive: true });
  const base = git(repo.dir, "rev-parse", "HEAD").trim();
  git(repo.dir, "checkout", "--quiet", "-b", BRANCH);
  let head = base;
  for (const [i, step] of steps.entries()) {
    writeFiles(repo.dir, step.files);
    if (step.build) await kbBuild(repo.dir);
    head = commitAll(repo.dir, `Pull request commit ${i + 1}`);
  }
  return { dir: repo.dir, base, head, cleanup: repo.cleanup };
}

/** main with the base entries and their built outputs, made once per test file and copied per test. */
let baseTemplate: Promise<{ dir: string; cleanup: () => void }> | undefined;

async function makeBaseTemplate(): Promise<{ dir: string; cleanup: () => void }> {
  // Like every real checkout, the repository ignores node_modules/ (where kb keeps its cache).
  const repo = makeRepo({ ...BASE_ENTRIES, ".gitignore": "node_modules/\n" });
  git(repo.dir, "init", "--quiet", "--initial-branch=main");
  git(repo.dir, "config", "user.name", "Test Author");
  git(repo.dir, "config", "user.email", "author@example.com");
  git(repo.dir, "config", "commit.gpgsign", "false");
  await kbBuild(repo.dir);
  commitAll(repo.dir, "Base: entries and their outputs");
  return repo;
}

/** Removes the base template; call from afterAll. */
export async function disposeBaseTemplate(): Promise<void> {
  const template = baseTemplate;
  baseTemplate = undefined;
  (await template)?.cleanup();
}

/** A pull_request payload as GitHub sends it (the fields kb ci reads), from this repo or a fork. */
export function pullRequestEvent(base: string, head: string, options: { fork?: boolean; sender?: string; branch?: string } = {}) {
  return {
    action: "synchronize",
    number: 7,
    pull_request: {
      number: 7,
      head: { sha: head, ref: options.branch ?? BRANCH, repo: { full_name: options.fork ? "stranger/kb" : REPO } },
      base: { sha: base, ref: "main", repo: { full_name: REPO } },
    },
    repository: { full_name: REPO, default_branch: "main" },
    sender: { login: options.sender ?? "contributor" },
  };
}

export function pushEvent(before: string, after: string, ref = "refs/heads/main") {
  return { ref, before, after, deleted: false, repository: { full_name: REPO, default_branch: "main" }, sender: { login: "maintainer" } };
}

export interface CiRun extends RunResult {
  /** Step outputs written to $GITHUB_OUTPUT. */
  readonly outputs: Record<string, string>;
  /** Markdown appended to $GITHUB_STEP_SUMMARY. */
  readonly summary: string;
}

/** Runs `kb ci <args>` as Actions would: event payload, $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY files. */
export async function runCi(dir: string, args: string[], event?: { name: string; payload: unknown }): Promise<CiRun> {
  const files = path.join(dir, ".git", "kb-ci-test");
  rmSync(files, { recursive: true, force: true });
  mkdirSync(files, { recursive: true });
  const env: Record<string, string> = { GITHUB_OUTPUT: path.join(files, "output"), GITHUB_STEP_SUMMARY: path.join(files, "summary"), GITHUB_EVENT_NAME: "", GITHUB_EVENT_PATH: "" };
  writeFileSync(env.GITHUB_OUTPUT!, "");
  writeFileSync(env.GITHUB_STEP_SUMMARY!, "");
  if (event) {
    env.GITHUB_EVENT_NAME = event.name;
    env.GITHUB_EVENT_PATH = path.join(files, "event.json");
    writeFileSync(env.GITHUB_EVENT_PATH, JSON.stringify(event.payload));
  }
  const result = await runKb(["ci", ...args], { cwd: dir, env });
  const outputs = Object.fromEntries(
    readFileSync(env.GITHUB_OUTPUT!, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  return { ...result, outputs, summary: readFileSync(env.GITHUB_STEP_SUMMARY!, "utf8") };
}

/** Paths git reports as changed in the working tree (what a regeneration left to commit). */
export function workingTreeChanges(dir: string): string[] {
  return git(dir, "status", "--porcelain=v1", "--untracked-files=all")
    .split("\n")
    .filter(Boolean)
    .map((l) => l.slice(3))
    .sort();
}
