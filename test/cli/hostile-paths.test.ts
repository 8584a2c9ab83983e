// Files kb reads or appends to outside entries/ and generated/: the pre-commit hook, the GitHub event
// payload, the job summary and step-output files, and generated/index.json for kb ci summary. A FIFO
// there hung kb (deaf to Ctrl+C while the read blocked), /dev/zero took 17 GB and aborted, a folder
// crashed `kb hooks install` (exit 3). Each is now refused quickly with exit 2, naming what is there.
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeRepo, ROOT, runKb } from "../helpers/repo.ts";
import { pullRequestEvent } from "../ci/git-repo.ts";
import { entryText, validEntry } from "../helpers/entries.ts";

const fifo = (file: string) => execFileSync("mkfifo", [file]);
/** A hang fails the test in 30 s instead of blocking the suite. */
const QUICK = { timeoutMs: 30_000 };

describe("kb hooks install with something other than a hook file in the way", () => {
  const repo = makeRepo();
  afterAll(() => repo.cleanup());
  execFileSync("git", ["init", "-q"], { cwd: repo.dir });
  // kb where the hook runs it: install refuses a repository whose top has none (pass AL).
  symlinkSync(path.join(ROOT, "bin"), path.join(repo.dir, "bin"));
  const hook = path.join(repo.dir, ".git/hooks/pre-commit");

  it.each([
    ["a folder", () => mkdirSync(hook), "is a directory, not a hook file"],
    ["a FIFO", () => fifo(hook), "is a FIFO, not a hook file"],
    ["a link to /dev/zero", () => symlinkSync("/dev/zero", hook), "is a device, not a hook file"],
  ])("%s: exit 2 naming it, not a crash or a hang", async (_, make, says) => {
    execFileSync("rm", ["-rf", hook]);
    make();
    const r = await runKb(["hooks", "install"], { cwd: repo.dir, ...QUICK });
    expect(r.stderr).toContain(says);
    expect(r.code).toBe(2);
  });
});

describe("kb ci with hostile files", () => {
  const repo = makeRepo();
  afterAll(() => repo.cleanup());
  execFileSync("git", ["init", "-q"], { cwd: repo.dir });

  it("an event payload that is a FIFO or /dev/zero: exit 2 naming it", async () => {
    fifo(path.join(repo.dir, "event.fifo"));
    for (const [file, says] of [
      [path.join(repo.dir, "event.fifo"), "it is a FIFO"],
      ["/dev/zero", "it is a device"],
    ] as const) {
      const r = await runKb(["ci", "plan", "--event-name", "pull_request", "--event-path", file], { cwd: repo.dir, env: { GITHUB_OUTPUT: "" }, ...QUICK });
      expect(r.stderr).toContain(`cannot read the event payload ${file}: ${says}`);
      expect(r.code).toBe(2);
    }
  });

  it("an event payload of more JSON values than any GitHub event: exit 2 before it is parsed (pass N: 64 MB of {} took 31 s and 2.2 GB)", async () => {
    const file = path.join(repo.dir, "event-big.json");
    writeFileSync(file, `[${"{},".repeat(1_000_000)}{}]`);
    const r = await runKb(["ci", "plan", "--event-name", "pull_request", "--event-path", file], { cwd: repo.dir, env: { GITHUB_OUTPUT: "" }, ...QUICK });
    expect(r.stderr).toContain(`cannot read the event payload ${file}: it holds more than 1000000 JSON values, more than any GitHub event`);
    expect(r.code).toBe(2);
  });

  it("generated/index.json that is a FIFO or a link to /dev/zero: kb ci summary exits 2, not reading it", async () => {
    mkdirSync(path.join(repo.dir, "generated"), { recursive: true });
    const index = path.join(repo.dir, "generated/index.json");
    for (const make of [() => fifo(index), () => symlinkSync("/dev/zero", index)]) {
      execFileSync("rm", ["-f", index]);
      make();
      const r = await runKb(["ci", "summary", "--base", "HEAD"], { cwd: repo.dir, env: { GITHUB_EVENT_NAME: "", GITHUB_EVENT_PATH: "", GITHUB_STEP_SUMMARY: "" }, ...QUICK });
      expect(r.stderr).toMatch(/generated\/index\.json is (a FIFO|a symbolic link), not the file kb build writes/);
      expect(r.code).toBe(2);
    }
  });

  it("a branch name and event fields with controls: kb ci plan prints them escaped on one line", async () => {
    const payload = pullRequestEvent("a".repeat(40), "b".repeat(40), { branch: "fix-\u202eexe.txt\u009b2J\u001b]0;title\u0007" });
    payload.pull_request.head.repo.full_name = "stranger/kb\n::error::forged";
    writeFileSync(path.join(repo.dir, "event.json"), JSON.stringify(payload));
    const r = await runKb(["ci", "plan", "--event-name", "pull_request", "--event-path", "event.json"], { cwd: repo.dir, env: { GITHUB_OUTPUT: "" }, ...QUICK });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/[\u001b\u0007\u009b\u202e]/u);
    for (const line of `${r.stderr}${r.stdout}`.split("\n")) expect(line.trimStart()).not.toMatch(/^::/);
  });
});

describe("a job summary or step-output file that is not a regular file", () => {
  const repo = makeRepo({ "entries/demo/sample-error.json": entryText(validEntry()) });
  afterAll(() => repo.cleanup());

  it("GITHUB_STEP_SUMMARY a FIFO nobody reads: kb lint --format github exits 2 naming it, instead of blocking", async () => {
    const summary = path.join(repo.dir, "summary.fifo");
    fifo(summary);
    const r = await runKb(["lint", "--format", "github"], { cwd: repo.dir, env: { GITHUB_STEP_SUMMARY: summary }, ...QUICK });
    expect(r.stderr).toContain(`cannot write the job summary ($GITHUB_STEP_SUMMARY) to ${summary}: it is a FIFO nobody reads`);
    expect(r.code).toBe(2);
  });
});

describe("an output folder under a file", () => {
  const repo = makeRepo({ "entries/demo/sample-error.json": entryText(validEntry()), "notes.md": "a file\n" });
  afterAll(() => repo.cleanup());

  it("kb build --out notes.md/x: exit 2 saying a file is in the way, naming --out", async () => {
    const r = await runKb(["build", "--out", "notes.md/x"], { cwd: repo.dir, ...QUICK });
    expect(r.stderr).toContain("a file is in the way where a folder is needed (ENOTDIR); check the output folder (--out)");
    expect(r.code).toBe(2);
  });
});
