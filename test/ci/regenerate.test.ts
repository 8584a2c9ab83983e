// `kb ci regenerate` against real git repositories: stale outputs found and rebuilt, the bot's commit
// decision for same-repository branches, forks and main, and the guard against hand-edited generated/.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { runKb } from "../helpers/repo.ts";
import { BRANCH, commitAll, disposeBaseTemplate, entryText, git, kbBuild, writeFiles, pullRequestEvent, pullRequestRepo, pushEvent, runCi, workingTreeChanges, type PullRequestRepo } from "./git-repo.ts";

const VIEW = "generated/api/rate-limit-hit.md";
const ENTRY = "entries/api/rate-limit-hit.json";
const changedEntry = { [ENTRY]: entryText("api/rate-limit-hit", { root_cause: "A brand new explanation of the rate limit." }) };

let repo: PullRequestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});
afterAll(disposeBaseTemplate);

const prEvent = (r: PullRequestRepo, options: Parameters<typeof pullRequestEvent>[2] = {}) => ({ name: "pull_request", payload: pullRequestEvent(r.base, r.head, options) });

describe("kb ci regenerate on a pull request", () => {
  it("finds the outputs an entry change left stale, rebuilds them, and lets the bot commit them on a same-repository branch", async () => {
    repo = await pullRequestRepo([{ files: changedEntry }]);
    expect(readFileSync(path.join(repo.dir, VIEW), "utf8")).not.toContain("A brand new explanation");

    const run = await runCi(repo.dir, ["regenerate"], prEvent(repo));

    expect(run.code, run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ mode: "pull-request", can_push: "true", push_branch: BRANCH, head_sha: repo.head, built: "true", stale: "true", commit: "true", hand_edited: "false" });
    // The stale files are rewritten in place, exactly as kb build writes them.
    expect(readFileSync(path.join(repo.dir, VIEW), "utf8")).toContain("A brand new explanation");
    expect(workingTreeChanges(repo.dir)).toContain(VIEW);
    expect(workingTreeChanges(repo.dir).every((f) => f.startsWith("generated/"))).toBe(true);
    expect((await runKb(["check"], { cwd: repo.dir })).code).toBe(0);
    expect(run.summary).toContain("## Generated files");
    expect(run.summary).toContain(`\`${VIEW}\``);
    expect(run.summary).toContain(`\`${BRANCH}\``);
    expect(run.stdout).not.toContain("::error");
  });

  it("does nothing when the pull request carries the outputs kb build writes", async () => {
    repo = await pullRequestRepo([{ files: changedEntry, build: true }]);
    const run = await runCi(repo.dir, ["regenerate"], prEvent(repo));
    expect(run.code, run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ stale: "false", commit: "false", hand_edited: "false" });
    expect(workingTreeChanges(repo.dir)).toEqual([]);
    expect(run.summary).toContain("is up to date with the entries: nothing to commit");
  });

  it("passes a fork's pull request whose only problem is stale outputs with a notice, and commits nothing", async () => {
    repo = await pullRequestRepo([{ files: changedEntry }]);
    const run = await runCi(repo.dir, ["regenerate"], prEvent(repo, { fork: true }));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ mode: "fork-pull-request", can_push: "false", push_branch: "", stale: "true", commit: "false" });
    expect(run.stdout.split("\n").filter((l) => l.startsWith("::error "))).toEqual([]);
    expect(run.stdout).toMatch(/::notice title=kb ci regenerate::[0-9]+ files in generated\/ are not regenerated in this pull request/);
    // The rebuilt files stay in the working tree for the workflow's artifact.
    expect(readFileSync(path.join(repo.dir, VIEW), "utf8")).toContain("A brand new explanation");
    expect(run.summary).toContain("comes from a fork");
    expect(run.summary).toContain("kb-generated");
  });

  it("fails a Dependabot run (same repository, read-only token) that leaves outputs stale", async () => {
    repo = await pullRequestRepo([{ files: changedEntry }]);
    const run = await runCi(repo.dir, ["regenerate"], prEvent(repo, { sender: "dependabot[bot]" }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ can_push: "false", commit: "false", stale: "true" });
  });

  it("refuses to push files built from another commit than the branch head the event names", async () => {
    repo = await pullRequestRepo([{ files: changedEntry }]);
    const run = await runCi(repo.dir, ["regenerate"], { name: "pull_request", payload: pullRequestEvent(repo.base, repo.base) });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ can_push: "true", commit: "false", stale: "true" });
    expect(run.summary).toContain("is not the head of");
  });

  it("writes no decision when the entries do not lint: kb build writes nothing", async () => {
    repo = await pullRequestRepo([{ files: { [ENTRY]: "{ not json" } }]);
    const run = await runCi(repo.dir, ["regenerate"], prEvent(repo));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ built: "false", commit: "false" });
    expect(workingTreeChanges(repo.dir)).toEqual([]);
  });
});

describe("the hand-edited generated/ guard", () => {
  it("fails a pull request that edits a view by hand, naming the entry to edit instead", async () => {
    repo = await pullRequestRepo([{ files: { [VIEW]: "# My better page\n" } }]);
    const run = await runCi(repo.dir, ["regenerate"], prEvent(repo));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ hand_edited: "true", commit: "false" });
    const annotations = run.stdout.split("\n").filter((l) => l.startsWith("::error "));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toContain(`file=${VIEW}`);
    expect(annotations[0]).toContain(`edit ${ENTRY} instead`);
    expect(run.summary).toContain("| File | Edit instead | Problem |");
    expect(run.summary).toContain(`\`${ENTRY}\``);
  });

  it("names the entry when a view is deleted by hand", async () => {
    repo = await pullRequestRepo([{ files: { [VIEW]: null } }]);
    const run = await runCi(repo.dir, ["regenerate"], prEvent(repo));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`delete ${ENTRY} instead`);
  });

  it("points a hand edit of index.json at the entries it is built from", async () => {
    repo = await pullRequestRepo([{ files: { "generated/index.json": '{"entries": []}\n' } }]);
    const run = await runCi(repo.dir, ["regenerate"], prEvent(repo));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("file=generated/index.json");
    expect(run.stdout).toContain("edit every entry in entries/ instead");
  });

  it("does not call a view stale from an earlier build a hand edit when its entry changed too", async () => {
    const again = { [ENTRY]: entryText("api/rate-limit-hit", { root_cause: "The second, final explanation of the rate limit." }) };
    repo = await pullRequestRepo([{ files: changedEntry, build: true }, { files: again }]);
    const run = await runCi(repo.dir, ["regenerate"], prEvent(repo));
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ hand_edited: "false", stale: "true", commit: "true" });
  });

  it("compares with the merge base, so an entry change on main does not excuse the branch's hand edit", async () => {
    repo = await pullRequestRepo([{ files: { [VIEW]: "# My better page\n" } }]);
    // main moves on: the same entry changes there (and is built), after the branch started.
    git(repo.dir, "checkout", "--quiet", "main");
    writeFiles(repo.dir, changedEntry);
    await kbBuild(repo.dir);
    const mainHead = commitAll(repo.dir, "main: a change to the entry");
    git(repo.dir, "checkout", "--quiet", BRANCH);
    const run = await runCi(repo.dir, ["regenerate"], { name: "pull_request", payload: pullRequestEvent(mainHead, repo.head) });
    expect(run.code, run.stdout).toBe(1);
    expect(run.outputs).toMatchObject({ base_sha: mainHead, hand_edited: "true" });
    expect(run.stdout).toContain(`edit ${ENTRY} instead`);
  });
});

describe("kb ci regenerate on a push to main", () => {
  it("commits drifted outputs back to main", async () => {
    repo = await pullRequestRepo([{ files: changedEntry }]);
    const run = await runCi(repo.dir, ["regenerate"], { name: "push", payload: pushEvent(repo.base, repo.head) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ mode: "push", can_push: "true", push_branch: "main", stale: "true", commit: "true" });
  });

  it("only checks a push to another branch", async () => {
    repo = await pullRequestRepo([{ files: changedEntry }]);
    const run = await runCi(repo.dir, ["regenerate"], { name: "push", payload: pushEvent(repo.base, repo.head, `refs/heads/${BRANCH}`) });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ can_push: "false", commit: "false", stale: "true" });
  });
});

describe("kb ci plan", () => {
  it("tells a same-repository pull request from a fork's", async () => {
    repo = await pullRequestRepo([]);
    const same = await runCi(repo.dir, ["plan"], prEvent(repo));
    const fork = await runCi(repo.dir, ["plan"], prEvent(repo, { fork: true }));
    expect(same.code).toBe(0);
    expect(same.outputs).toEqual({ mode: "pull-request", can_push: "true", head_sha: repo.head, base_sha: repo.base, push_branch: BRANCH });
    expect(fork.outputs).toEqual({ mode: "fork-pull-request", can_push: "false", head_sha: repo.head, base_sha: repo.base, push_branch: "" });
    expect(fork.stderr).toContain("comes from a fork (stranger/kb)");
  });

  it("is a usage error without an event", async () => {
    repo = await pullRequestRepo([]);
    const run = await runCi(repo.dir, ["plan"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--event-path");
  });
});
