// What a CI run may do, decided from the GitHub event payload alone: which commit to build, what to
// compare it with, and whether regenerated files may be pushed back (same-repository branch or main).
export type CiMode = "pull-request" | "fork-pull-request" | "push" | "unsupported";

export interface CiPlan {
  readonly mode: CiMode;
  /** True when the run's token can write to the branch and the bot may commit regenerated files. */
  readonly canPush: boolean;
  /** Why the run may or may not push, in one line for the job summary. */
  readonly reason: string;
  /** The commit the run checks out and builds. */
  readonly headSha: string | null;
  /** The commit to compare with (pull request base, or the commit before a push); null when none. */
  readonly baseSha: string | null;
  /** The branch regenerated files are pushed to when canPush. */
  readonly pushBranch: string | null;
}

const SHA = /^[0-9a-f]{40}$/;
const NO_COMMIT = /^0{40}$/;
/** Dependabot's runs get a read-only token whatever the workflow asks for. */
const READ_ONLY_ACTORS = new Set(["dependabot[bot]"]);

type Json = Record<string, unknown>;
const field = (value: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Json)[k] : undefined), value);
const text = (value: unknown, ...keys: string[]): string | null => {
  const v = field(value, ...keys);
  return typeof v === "string" && v !== "" ? v : null;
};
const sha = (value: unknown, ...keys: string[]): string | null => {
  const v = text(value, ...keys);
  return v !== null && SHA.test(v) && !NO_COMMIT.test(v) ? v : null;
};

/**
 * A branch name safe to hand to `git push origin HEAD:refs/heads/<name>`: git's own ref-name rules
 * (no control characters, spaces, `~^:?*[\`, `..`, `@{`, leading `-`, trailing `.lock`, `/` or `.`),
 * and `git check-ref-format --branch`'s: not HEAD. A name under refs/ is refused too: it reads as a
 * full ref name where a branch name is meant (HEAD and refs/heads/x were accepted, pass AN).
 */
export function isSafeBranchName(name: string): boolean {
  return (
    name.length > 0 &&
    name !== "HEAD" &&
    !name.startsWith("refs/") &&
    name.length <= 255 &&
    !/[\u0000-\u0020\u007f~^:?*\[\\]/u.test(name) &&
    !name.includes("..") &&
    !name.includes("@{") &&
    !name.includes("//") &&
    !/^[-/.]|[/.]$|\.lock(?:\/|$)|\/\./u.test(name) &&
    name !== "@"
  );
}

const unsupported = (reason: string): CiPlan => ({ mode: "unsupported", canPush: false, reason, headSha: null, baseSha: null, pushBranch: null });

export function planFromEvent(eventName: string, payload: unknown): CiPlan {
  if (eventName === "pull_request") return planPullRequest(payload);
  if (eventName === "push") return planPush(payload);
  return unsupported(`the "${eventName}" event is not one this workflow handles`);
}

function planPullRequest(payload: unknown): CiPlan {
  const headSha = sha(payload, "pull_request", "head", "sha");
  const baseSha = sha(payload, "pull_request", "base", "sha");
  if (!headSha || !baseSha) return unsupported("the pull_request payload has no head or base commit");
  const baseRepo = text(payload, "pull_request", "base", "repo", "full_name");
  // A fork that was deleted after opening the pull request has no head repository at all.
  const headRepo = text(payload, "pull_request", "head", "repo", "full_name");
  const branch = text(payload, "pull_request", "head", "ref");
  const base = { headSha, baseSha, pushBranch: null };
  if (!baseRepo || headRepo !== baseRepo) {
    return { ...base, mode: "fork-pull-request", canPush: false, reason: `the pull request comes from a fork (${headRepo ?? "deleted repository"}), so the run has no token that can write to it` };
  }
  const actor = text(payload, "sender", "login");
  if (actor && READ_ONLY_ACTORS.has(actor)) return { ...base, mode: "pull-request", canPush: false, reason: `runs started by ${actor} get a read-only token` };
  if (!branch || !isSafeBranchName(branch)) return { ...base, mode: "pull-request", canPush: false, reason: "the pull request's branch name is not one git accepts" };
  return { ...base, mode: "pull-request", canPush: true, reason: `the pull request comes from branch ${branch} of this repository`, pushBranch: branch };
}

function planPush(payload: unknown): CiPlan {
  const ref = text(payload, "ref");
  const headSha = sha(payload, "after");
  if (field(payload, "deleted") === true || !headSha || !ref) return unsupported("the push deleted its branch or has no commit");
  const baseSha = sha(payload, "before");
  // GitHub always sends "before" as a commit id (all zeros for a new branch): anything else, missing
  // included, is a forged or broken payload, which kb ci summary took for "no base" and counted every
  // entry as added (pass S; a missing, empty or null one, pass T).
  const before = field(payload, "before");
  if (typeof before !== "string" || !SHA.test(before)) return unsupported("the push's \"before\" is not a commit id");
  const defaultBranch = text(payload, "repository", "default_branch") ?? "main";
  const branch = ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : null;
  if (branch !== defaultBranch || !isSafeBranchName(branch)) {
    return { mode: "push", canPush: false, reason: `${ref} is not the default branch (${defaultBranch}), so the run only checks it`, headSha, baseSha, pushBranch: null };
  }
  return { mode: "push", canPush: true, reason: `a push to ${branch}: drifted outputs (two pull requests merged close together) are committed to it`, headSha, baseSha, pushBranch: branch };
}

/** The plan as step outputs (`key=value`), the names the workflow reads. */
export function planOutputs(plan: CiPlan): Record<string, string> {
  return {
    mode: plan.mode,
    can_push: String(plan.canPush),
    head_sha: plan.headSha ?? "",
    base_sha: plan.baseSha ?? "",
    push_branch: plan.pushBranch ?? "",
  };
}

/**
 * `key=value` lines for $GITHUB_OUTPUT. A value with a line break would let it forge other outputs,
 * and no value we write can legitimately hold one, so that is a bug and throws.
 */
export function formatStepOutputs(outputs: Record<string, string>): string {
  return Object.entries(outputs)
    .map(([key, value]) => {
      if (!/^[a-z][a-z0-9_]*$/.test(key)) throw new Error(`step output name "${key}" is not lower_snake_case`);
      if (/[\r\n]/.test(value)) throw new Error(`step output "${key}" contains a line break`);
      return `${key}=${value}\n`;
    })
    .join("");
}
