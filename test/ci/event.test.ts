// The pure decision of what a run may do, from the event payload: same-repository branch or fork,
// main or another branch, and step outputs that cannot be forged.
import { describe, expect, it } from "vitest";
import { formatStepOutputs, isSafeBranchName, planFromEvent, planOutputs } from "../../scripts/ci/event.ts";
import { pullRequestEvent, pushEvent, REPO } from "./git-repo.ts";

const BASE = "a".repeat(40);
const HEAD = "b".repeat(40);

describe("planFromEvent for pull_request", () => {
  it("lets a pull request from a branch of the same repository push to that branch", () => {
    const plan = planFromEvent("pull_request", pullRequestEvent(BASE, HEAD, { branch: "fix/typo" }));
    expect(plan).toMatchObject({ mode: "pull-request", canPush: true, headSha: HEAD, baseSha: BASE, pushBranch: "fix/typo" });
  });

  it("never lets a fork's pull request push", () => {
    const plan = planFromEvent("pull_request", pullRequestEvent(BASE, HEAD, { fork: true }));
    expect(plan).toMatchObject({ mode: "fork-pull-request", canPush: false, pushBranch: null, headSha: HEAD, baseSha: BASE });
    expect(plan.reason).toContain("stranger/kb");
  });

  it("treats a pull request whose fork was deleted as a fork", () => {
    const payload = pullRequestEvent(BASE, HEAD);
    (payload.pull_request.head as { repo: unknown }).repo = null;
    expect(planFromEvent("pull_request", payload)).toMatchObject({ mode: "fork-pull-request", canPush: false });
  });

  it("compares repository names exactly (a fork named like a prefix is still a fork)", () => {
    const payload = pullRequestEvent(BASE, HEAD);
    payload.pull_request.head.repo.full_name = `${REPO}-fork`;
    expect(planFromEvent("pull_request", payload).canPush).toBe(false);
  });

  it("does not push for Dependabot, whose runs get a read-only token", () => {
    expect(planFromEvent("pull_request", pullRequestEvent(BASE, HEAD, { sender: "dependabot[bot]" }))).toMatchObject({ mode: "pull-request", canPush: false });
  });

  it("does not push to a branch name git would reject", () => {
    expect(planFromEvent("pull_request", pullRequestEvent(BASE, HEAD, { branch: "-f" })).canPush).toBe(false);
  });

  it("handles nothing without both commits", () => {
    const payload = pullRequestEvent(BASE, "not-a-sha");
    expect(planFromEvent("pull_request", payload)).toMatchObject({ mode: "unsupported", canPush: false, headSha: null });
    expect(planFromEvent("pull_request", null).mode).toBe("unsupported");
  });
});

describe("planFromEvent for push", () => {
  it("lets a push to the default branch commit drifted outputs to it", () => {
    expect(planFromEvent("push", pushEvent(BASE, HEAD))).toMatchObject({ mode: "push", canPush: true, pushBranch: "main", headSha: HEAD, baseSha: BASE });
  });

  it("only checks pushes to other branches", () => {
    expect(planFromEvent("push", pushEvent(BASE, HEAD, "refs/heads/topic"))).toMatchObject({ mode: "push", canPush: false, pushBranch: null });
    expect(planFromEvent("push", pushEvent(BASE, HEAD, "refs/tags/v1")).canPush).toBe(false);
  });

  it("has no base for the first push of a branch (before is all zeros)", () => {
    expect(planFromEvent("push", pushEvent("0".repeat(40), HEAD))).toMatchObject({ canPush: true, baseSha: null });
  });

  it("does nothing for a push whose before is not a commit id (pass S: kb ci summary counted every entry as added)", () => {
    for (const before of ["HEAD~1", "--output=/tmp/x", "0".repeat(39), BASE.toUpperCase()]) expect(planFromEvent("push", pushEvent(before, HEAD))).toMatchObject({ mode: "unsupported", baseSha: null });
  });

  it("does nothing for a push whose before is missing, empty, null or not text (pass T: still every entry added)", () => {
    const { before: _, ...missing } = pushEvent(BASE, HEAD);
    expect(planFromEvent("push", missing).mode).toBe("unsupported");
    for (const before of ["", null, 123, [BASE]]) expect(planFromEvent("push", { ...pushEvent(BASE, HEAD), before }).mode).toBe("unsupported");
  });

  it("does nothing for a push that deleted the branch", () => {
    expect(planFromEvent("push", { ...pushEvent(BASE, "0".repeat(40)), deleted: true }).mode).toBe("unsupported");
  });

  it("does nothing for other events", () => {
    expect(planFromEvent("pull_request_target", pullRequestEvent(BASE, HEAD))).toMatchObject({ mode: "unsupported", canPush: false });
  });
});

describe("isSafeBranchName", () => {
  it.each(["main", "feature/better-entries", "fix-1.2", "user/ticket_42"])("accepts %s", (name) => expect(isSafeBranchName(name)).toBe(true));
  it.each(["", "-f", "a..b", "a b", "a\nb", "a~1", "a^", "a:b", "x.lock", "a.lock/b", "a/", "/a", "a//b", "@", "a@{1}", "a\\b", "a[1]", ".hidden", "a/.b"])("rejects %j", (name) =>
    expect(isSafeBranchName(name)).toBe(false),
  );
});

describe("the branch a run may push to", () => {
  it("is never HEAD or a name under refs/, which read as a ref where a branch is meant (pass AN: both were accepted)", () => {
    for (const name of ["HEAD", "refs/heads/main", "refs/tags/v1"]) expect(isSafeBranchName(name), name).toBe(false);
    for (const name of ["head", "x/HEAD", "prefs/x", "HEADS-UP"]) expect(isSafeBranchName(name), name).toBe(true);
    const plan = planFromEvent("pull_request", pullRequestEvent(BASE, HEAD, { branch: "HEAD" }));
    expect([plan.canPush, plan.pushBranch]).toEqual([false, null]);
  });
});

describe("step outputs", () => {
  it("are key=value lines, in order", () => {
    const plan = planFromEvent("pull_request", pullRequestEvent(BASE, HEAD));
    expect(formatStepOutputs(planOutputs(plan))).toBe(`mode=pull-request\ncan_push=true\nhead_sha=${HEAD}\nbase_sha=${BASE}\npush_branch=feature/better-entries\n`);
  });

  it("refuse a value with a line break, which could forge another output", () => {
    expect(() => formatStepOutputs({ push_branch: "x\ncommit=true" })).toThrow(/line break/);
    expect(() => formatStepOutputs({ push_branch: "x\rcommit=true" })).toThrow(/line break/);
  });

  it("refuse names that are not lower_snake_case", () => {
    expect(() => formatStepOutputs({ "a=b": "c" })).toThrow(/lower_snake_case/);
  });
});
