// The pre-commit hook `kb hooks install` writes, at work in real git repositories (system tier: each
// commit runs kb twice). It must block every commit whose tree fails kb lint, commit nothing
// unstaged, lose no work, and write nothing outside the repository.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, validEntry } from "../helpers/entries.ts";
import { ROOT, runKb, useRepos } from "../helpers/repo.ts";

const repo = useRepos(() => ({ "entries/demo/sample-error.json": entryText(validEntry()) }));

/** A git repository holding one entry, with kb's bin linked in (the hook runs `node bin/kb.mjs` from the top of the checkout). */
function gitRepo() {
  const r = repo();
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: r.dir };
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: r.dir, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  git("init", "-q");
  symlinkSync(path.join(ROOT, "bin"), path.join(r.dir, "bin"));
  writeFileSync(path.join(r.dir, ".git/info/exclude"), "bin\n");
  /** The hook's complaint when it refuses a commit; empty when the commit went through. */
  const commitRefused = (message: string, ...args: string[]): string => {
    try {
      git("commit", "-q", "-m", message, ...args);
      return "";
    } catch (e) {
      return String((e as { stderr?: string }).stderr);
    }
  };
  /** A commit with more environment variables: its exit status and output, whatever they are. */
  const commitWith = (extra: Record<string, string>, message: string, ...args: string[]) =>
    spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message, ...args], { cwd: r.dir, env: { ...env, ...extra }, encoding: "utf8" });
  return { r, git, env, commitRefused, commitWith };
}

/** The sample entry with another root cause, valid but not in canonical form: kb fix rewrites it. */
const compactEntry = (cause: string) => JSON.stringify(validEntry("demo/sample-error", { root_cause: cause }));

/** A repository with the hook installed and its two entries committed. */
async function hookedRepo() {
  const made = gitRepo();
  expect((await runKb(["hooks", "install"], { cwd: made.r.dir })).code).toBe(0);
  writeFileSync(path.join(made.r.dir, "entries/demo/other-error.json"), entryText(validEntry("demo/other-error")));
  made.git("add", "entries");
  expect(made.commitRefused("two entries")).toBe("");
  return made;
}

const log = (git: (...args: string[]) => string) => git("log", "--format=%s").trim().split("\n");

describe("kb hooks install", () => {
  it("writes an executable pre-commit hook that fixes and blocks, never commits unstaged changes, and never replaces a hook of someone else's without --force", async () => {
    const { r, git, commitRefused } = gitRepo();
    const hook = path.join(r.dir, ".git/hooks/pre-commit");
    writeFileSync(hook, "#!/bin/sh\necho someone else's hook\n");
    const refused = await runKb(["hooks", "install"], { cwd: r.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("exists and was not installed by error-kb; use --force to replace it");
    expect(readFileSync(hook, "utf8")).toContain("someone else's hook");

    expect((await runKb(["hooks", "install", "--force"], { cwd: r.dir })).code).toBe(0);
    expect(lstatSync(hook).mode & 0o777).toBe(0o755);
    // git runs pre-merge-commit instead for a merge it commits itself (pass AA): the same hook.
    expect(readFileSync(path.join(r.dir, ".git/hooks/pre-merge-commit"), "utf8")).toBe(readFileSync(hook, "utf8"));
    expect((await runKb(["hooks", "install"], { cwd: r.dir })).code).toBe(0); // its own hook is replaced without asking

    // The hook at work: a fixable entry is fixed and committed; a broken one blocks the commit.
    const file = path.join(r.dir, "entries/demo/sample-error.json");
    writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, "utf8")))); // valid, but not in canonical form
    git("add", "entries");
    git("commit", "-q", "-m", "fixable");
    expect(git("show", "HEAD:entries/demo/sample-error.json")).toBe(entryText(validEntry()));
    writeFileSync(file, entryText(validEntry("demo/sample-error", { regex: "" })));
    git("add", "entries");
    let blocked = commitRefused("broken");
    expect(blocked).toContain("error-kb: commit blocked");
    expect(git("log", "--format=%s")).toBe("fixable\n");

    // Staged work beside unstaged work in one entry: the hook never commits the unstaged part, and
    // never writes a fix over it.
    writeFileSync(file, compactEntry("Staged cause."));
    git("add", "entries");
    writeFileSync(file, entryText(validEntry("demo/sample-error", { root_cause: "Unstaged cause, not meant for this commit." })));
    blocked = commitRefused("partly staged");
    expect(blocked).toContain("these staged entries, but they also have unstaged changes");
    expect(blocked).toContain("entries/demo/sample-error.json");
    expect(git("log", "--format=%s")).toBe("fixable\n");
    expect(git("show", ":entries/demo/sample-error.json")).toBe(compactEntry("Staged cause."));
    expect(readFileSync(file, "utf8")).toContain("Unstaged cause");
    // Partly staged and nothing to fix: the staged part is committed, the unstaged part kept.
    writeFileSync(file, entryText(validEntry("demo/sample-error", { root_cause: "Staged cause." })));
    git("add", "entries");
    writeFileSync(file, entryText(validEntry("demo/sample-error", { root_cause: "Unstaged cause, not meant for this commit." })));
    expect(commitRefused("partly staged, clean")).toBe("");
    expect(git("show", "HEAD:entries/demo/sample-error.json")).toContain("Staged cause.");
    expect(readFileSync(file, "utf8")).toContain("Unstaged cause");
    git("reset", "-q", "--hard", "HEAD~1");
    // The list is shown as git quotes names by default: a bidi override in a name is an octal escape.
    const bidi = "entries/demo/\u202eevil.json";
    writeFileSync(path.join(r.dir, bidi), JSON.stringify(validEntry()));
    git("add", "--", `:(literal)${bidi}`);
    writeFileSync(path.join(r.dir, bidi), "{ }\n");
    blocked = commitRefused("bidi name");
    expect(blocked).toContain('"entries/demo/\\342\\200\\256evil.json"');
    expect(blocked).not.toContain("\u202e");
    git("rm", "-q", "-f", "--", `:(literal)${bidi}`);

    // A staged name with glob characters stands for itself alone: it once expanded to an untracked
    // draft beside it, which the hook then fixed and staged (pass V).
    git("reset", "-q", "--hard");
    writeFileSync(path.join(r.dir, "entries/demo/untracked-draft.json"), "{}\n");
    writeFileSync(path.join(r.dir, "entries/demo/*.json"), "{}\n");
    git("add", "--", ":(literal)entries/demo/*.json");
    blocked = commitRefused("glob name");
    expect(blocked).toContain("error-kb: commit blocked");
    expect(git("status", "--porcelain", "--", "entries/demo/untracked-draft.json")).toBe("?? entries/demo/untracked-draft.json\n");
    expect(readFileSync(path.join(r.dir, "entries/demo/untracked-draft.json"), "utf8")).toBe("{}\n");

    // Names git quotes were skipped, and broken entries named so were committed (pass W): a non-ASCII
    // name is passed on and blocked by kb fix; a name with a quote blocks the commit by itself.
    for (const [name, why] of [
      ["entries/demo/café.json", "fix the problems above"],
      ['entries/demo/a"q.json', "have a quote, a backslash or a control character in their names"],
    ] as const) {
      git("reset", "-q", "--hard");
      writeFileSync(path.join(r.dir, name), '{"id": "demo/broken"\n');
      git("add", "--", `:(literal)${name}`);
      blocked = commitRefused(`broken ${name}`);
      expect(blocked, name).toContain("error-kb: commit blocked");
      expect(blocked, name).toContain(why);
      expect(git("log", "--format=%s"), name).toBe("fixable\n");
    }

    // What is checked is the commit, not the working tree (pass Z): an unstaged new entry that a staged
    // one links to, and an unstaged deletion of an entry that a staged copy collides with, each let a
    // commit through whose tree fails lint.
    git("reset", "-q", "--hard");
    for (const left of ["untracked-draft.json", "*.json", "café.json", 'a"q.json']) rmSync(path.join(r.dir, "entries/demo", left), { force: true });
    const other = path.join(r.dir, "entries/demo/other-error.json");
    writeFileSync(file, entryText(validEntry("demo/sample-error", { transition_graph: { leads_to: [{ error_id: "demo/other-error", probability: 0.3, condition: "" }], preceded_by: [], frequently_confused_with: [] } })));
    writeFileSync(other, entryText(validEntry("demo/other-error")));
    git("add", "--", "entries/demo/sample-error.json");
    blocked = commitRefused("links to an unstaged entry");
    expect(blocked).toContain("kb/transition-target");
    expect(blocked).toContain("error-kb: commit blocked");
    expect(git("log", "--format=%s")).toBe("fixable\n");
    git("add", "--", "entries/demo/other-error.json");
    expect(commitRefused("links to a staged entry")).toBe("");
    expect(git("log", "--format=%s")).toBe("links to a staged entry\nfixable\n");

    const copy = path.join(r.dir, "entries/demo/copied-error.json");
    writeFileSync(copy, entryText(validEntry("demo/copied-error", { signature: validEntry("demo/other-error").signature, regex: validEntry("demo/other-error").regex })));
    git("add", "--", "entries/demo/copied-error.json");
    rmSync(other); // deleted on disk only: the commit still holds it
    blocked = commitRefused("a copy of an entry deleted on disk only");
    expect(blocked).toContain("kb/regex-collision");
    expect(git("log", "--format=%s")).toBe("links to a staged entry\nfixable\n");

    // A deletion from the index of a file kept on disk is checked as the commit has it: here the link
    // to it dangles. A deletion the commit can have goes through, and the file on disk is kept.
    git("reset", "-q", "--hard");
    rmSync(copy, { force: true });
    git("rm", "-q", "--cached", "entries/demo/other-error.json");
    blocked = commitRefused("deleted from the index only");
    expect(blocked).toContain("kb/transition-target");
    expect(git("log", "--format=%s")).toBe("links to a staged entry\nfixable\n");
    writeFileSync(file, entryText(validEntry()));
    git("add", "--", "entries/demo/sample-error.json");
    expect(commitRefused("deleted from the index only")).toBe("");
    expect(git("log", "--format=%s")).toBe("deleted from the index only\nlinks to a staged entry\nfixable\n");
    expect(readFileSync(other, "utf8")).toBe(entryText(validEntry("demo/other-error")));
    git("reset", "-q", "--hard", "HEAD~2");
    rmSync(other);
    expect(git("log", "--format=%s")).toBe("fixable\n");

    // A rename is a deletion too (git detects renames by default, and the old name was never
    // checked, pass Y), and an entry become a link is checked: both are refused here.
    git("mv", "entries/demo/sample-error.json", "entries/demo/renamed-error.json");
    expect(commitRefused("renamed")).toContain("error-kb: commit blocked");
    git("reset", "-q", "--hard");
    rmSync(file);
    symlinkSync("/etc/hostname", file);
    git("add", "entries");
    expect(commitRefused("a link")).toContain("error-kb: commit blocked");
    expect(git("log", "--format=%s")).toBe("fixable\n");
  });

  it("checks the whole commit: a staged entry that breaks one not staged, a commit of only the config, kb's temporary files (pass AA)", async () => {
    const { r, git, commitRefused } = await hookedRepo();
    // A new entry whose signature an unstaged, committed entry's regex also matches: the error is on that one.
    const added = path.join(r.dir, "entries/demo/third-error.json");
    const signature = `${validEntry().signature} twice`;
    writeFileSync(added, entryText(validEntry("demo/third-error", { signature, regex: `${validEntry().regex} twice`, examples: { match: [signature], no_match: [] } })));
    git("add", "--", "entries/demo/third-error.json");
    let blocked = commitRefused("matched by another");
    expect(blocked).toContain("entries/demo/sample-error.json");
    expect(blocked).toContain("error-kb: commit blocked");
    git("rm", "-q", "-f", "--", "entries/demo/third-error.json");

    // Only the config: it was never checked.
    writeFileSync(path.join(r.dir, "kb.config.json"), '{"bogus": 1}\n');
    git("add", "kb.config.json");
    expect(commitRefused("config only")).toContain("error-kb: commit blocked");
    git("rm", "-q", "-f", "--", "kb.config.json");

    // A temporary file of kb's, even one whose writer is alive (lint only warns of it).
    const temp = `entries/demo/.sample-error.json.${process.pid}.abcdef01.kb-tmp`;
    writeFileSync(path.join(r.dir, temp), "{}\n");
    git("add", "-f", "--", temp);
    expect(commitRefused("a temporary file")).toContain("kb's temporary files, never part of a commit");
    git("rm", "-q", "-f", "--", temp);
    expect(log(git)).toEqual(["two entries"]);
  });

  it("refuses links and submodules in the commit and writes nothing through one: entries/ as a link, a linked kb.config.json (pass AA)", async () => {
    const { r, git, commitRefused } = await hookedRepo();
    const outside = mkdtempSync(path.join(os.tmpdir(), "kb-hook-outside-"));
    try {
      const target = path.join(outside, "written.json");
      symlinkSync(target, path.join(r.dir, "kb.config.json"));
      git("add", "kb.config.json");
      expect(commitRefused("a linked config")).toContain("symbolic links or submodules in the commit");
      expect(existsSync(target)).toBe(false);
      git("rm", "-q", "--cached", "kb.config.json");
      rmSync(path.join(r.dir, "kb.config.json"));

      git("mv", "entries", "data");
      symlinkSync("data", path.join(r.dir, "entries"));
      writeFileSync(path.join(r.dir, "data/demo/broken.json"), '{"broken": \n');
      git("add", "-A", "--", "entries", "data");
      expect(commitRefused("entries as a link")).toContain("symbolic links or submodules in the commit");
      expect(log(git)).toEqual(["two entries"]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("loses no work: an assume-unchanged entry is refused, and a fix replaces the file, never writing through a hard link (pass AA)", async () => {
    const { r, git, commitRefused } = await hookedRepo();
    const file = path.join(r.dir, "entries/demo/sample-error.json");
    const compact = JSON.stringify(JSON.parse(readFileSync(file, "utf8")));
    writeFileSync(file, compact); // valid, but not in canonical form: kb fix rewrites it
    git("add", "entries");
    git("update-index", "--assume-unchanged", "entries/demo/sample-error.json");
    writeFileSync(file, compact.replace("before they are written.", "before they are written. MY UNSAVED WORK"));
    expect(commitRefused("assume-unchanged")).toContain("also have unstaged changes");
    expect(readFileSync(file, "utf8")).toContain("MY UNSAVED WORK");
    git("update-index", "--no-assume-unchanged", "entries/demo/sample-error.json");

    // A change to commit: a fix that only undoes the staged change leaves nothing to commit (below).
    const changed = validEntry("demo/sample-error", { root_cause: "The widget starts before its settings are read." });
    writeFileSync(file, JSON.stringify(changed));
    git("add", "entries");
    const outside = path.join(r.dir, "..", `${path.basename(r.dir)}-hard-link.json`);
    linkSync(file, outside);
    try {
      expect(commitRefused("fixed")).toBe("");
      expect(git("show", "HEAD:entries/demo/sample-error.json")).toBe(entryText(changed));
      expect(readFileSync(file, "utf8")).toBe(entryText(changed));
      expect(readFileSync(outside, "utf8")).toBe(JSON.stringify(changed));
      expect(git("status", "--porcelain", "--", "entries")).toBe("");
    } finally {
      rmSync(outside, { force: true });
    }
  });

  it("checks a merge git commits itself, works in a sparse checkout, and leaves no temporary folder when its output pipe breaks (pass AA)", async () => {
    const { r, git, env, commitRefused } = await hookedRepo();
    const main = git("branch", "--show-current").trim();
    git("checkout", "-q", "-b", "side");
    git("rm", "-q", "entries/demo/other-error.json");
    expect(commitRefused("delete other")).toBe("");
    git("checkout", "-q", main);
    const file = path.join(r.dir, "entries/demo/sample-error.json");
    writeFileSync(file, entryText(validEntry("demo/sample-error", { transition_graph: { leads_to: [{ error_id: "demo/other-error", probability: 0.3, condition: "" }], preceded_by: [], frequently_confused_with: [] } })));
    git("add", "entries");
    expect(commitRefused("link other")).toBe("");
    let merged = "";
    try {
      git("merge", "-q", "--no-edit", "side");
    } catch (e) {
      merged = String((e as { stderr?: string }).stderr);
    }
    expect(merged).toContain("kb/transition-target");
    expect(log(git)).toEqual(["link other", "two entries"]);
    git("merge", "--abort");

    // A sparse checkout without demo/other-error.json: the commit is still checked whole.
    git("sparse-checkout", "set", "--no-cone", "/*", "!/entries/demo/other-error.json");
    expect(existsSync(path.join(r.dir, "entries/demo/other-error.json"))).toBe(false);
    writeFileSync(file, entryText(validEntry("demo/sample-error", { root_cause: "The widget reads its settings too early." })));
    git("add", "entries/demo/sample-error.json");
    expect(commitRefused("sparse")).toBe("");
    git("sparse-checkout", "disable");

    // A broken pipe on the hook's output: the commit is refused and the folder is removed.
    const tmp = mkdtempSync(path.join(os.tmpdir(), "kb-hook-tmpdir-"));
    try {
      writeFileSync(file, '{"id": "demo/sample-error"\n');
      git("add", "entries");
      const run = spawnSync("sh", ["-c", 'git -c user.name=t -c user.email=t@example.com commit -q -m broken 2>&1 | head -c 5 >/dev/null; exit 0'], { cwd: r.dir, env: { ...env, TMPDIR: tmp }, encoding: "utf8" });
      expect(run.status).toBe(0);
      expect(log(git)).toEqual(["sparse", "link other", "two entries"]);
      // git waits for its hook, and sh for the whole pipeline: the hook has ended here.
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("checks what git stores and a clone gets: .gitattributes counts, the user's autocrlf does not, filters and deleting every entry are refused, intent-to-add files are not in the commit (pass AB)", async () => {
    const { r, git, commitRefused } = await hookedRepo();
    let blocked: string;
    const file = path.join(r.dir, "entries/demo/sample-error.json");
    // Only .gitattributes: every clone would check entries out as CRLF.
    writeFileSync(path.join(r.dir, ".gitattributes"), "* text eol=crlf\n");
    git("add", ".gitattributes");
    expect(commitRefused("crlf")).toContain("error-kb: commit blocked");
    git("rm", "-q", "--cached", ".gitattributes");
    rmSync(path.join(r.dir, ".gitattributes"));

    // The user's core.autocrlf: the blobs are LF, and a clone passes.
    git("config", "core.autocrlf", "true");
    const changed = validEntry("demo/sample-error", { root_cause: "The widget starts before its settings are read." });
    writeFileSync(file, JSON.stringify(changed));
    git("add", "entries");
    expect(commitRefused("autocrlf")).toBe("");
    expect(git("show", "HEAD:entries/demo/sample-error.json")).toBe(entryText(changed));
    // Nothing to fix, the working tree CRLF: git commit <path> goes through (CRLF was taken for a fix).
    git("checkout", "--", "entries");
    writeFileSync(file, entryText(validEntry("demo/sample-error", { root_cause: "The widget starts too early." })).replace(/\n/g, "\r\n"));
    expect(commitRefused("autocrlf, one path", "--", "entries/demo/sample-error.json")).toBe("");
    git("config", "--unset", "core.autocrlf");

    // A filter defined in this clone's config stores another text than the working tree shows: the
    // stored text is checked, as a clone without the filter gets it.
    git("config", "filter.upper.clean", "tr a-z A-Z");
    git("config", "filter.upper.smudge", "cat");
    writeFileSync(path.join(r.dir, ".gitattributes"), "entries/** filter=upper\n");
    git("add", ".gitattributes");
    git("add", "--renormalize", "entries");
    expect(commitRefused("filter")).toContain("error-kb: commit blocked");
    git("rm", "-q", "--cached", ".gitattributes");
    rmSync(path.join(r.dir, ".gitattributes"));

    // No entries folder in the commit: kb lint fails on a clone of it.
    git("rm", "-q", "-r", "--cached", "entries");
    blocked = commitRefused("no entries");
    expect(blocked).toContain("entries does not exist");
    expect(blocked).toContain("kb could not check the commit (exit 2)");
    git("reset", "-q");

    // An intent-to-add draft is not in the commit: it was checked out empty and blocked the commit.
    const draft = path.join(r.dir, "entries/demo/draft-error.json");
    writeFileSync(draft, "{\n");
    git("add", "-N", "--", "entries/demo/draft-error.json");
    writeFileSync(file, entryText(validEntry("demo/sample-error", { root_cause: "The widget reads its settings too early." })));
    git("add", "--", "entries/demo/sample-error.json");
    expect(commitRefused("beside an intent-to-add draft")).toBe("");
    expect(git("ls-tree", "--name-only", "HEAD", "entries/demo/")).not.toContain("draft-error.json");
    expect(log(git)).toEqual(["beside an intent-to-add draft", "autocrlf, one path", "autocrlf", "two entries"]);
  });

  it("refuses what it cannot do right: a skip-worktree entry (its work is kept), a fix under git commit <path>, a TMPDIR inside .git (pass AB)", async () => {
    const { r, git, env, commitRefused } = await hookedRepo();
    const file = path.join(r.dir, "entries/demo/sample-error.json");
    const compact = JSON.stringify(JSON.parse(readFileSync(file, "utf8")));
    writeFileSync(file, compact);
    git("add", "entries");
    git("update-index", "--skip-worktree", "entries/demo/sample-error.json");
    writeFileSync(file, "my local notes\n");
    expect(commitRefused("skip-worktree")).toContain("also have unstaged changes");
    expect(readFileSync(file, "utf8")).toBe("my local notes\n");
    git("update-index", "--no-skip-worktree", "entries/demo/sample-error.json");

    // git commit <path> commits a temporary index: the fix could not reach the real one.
    writeFileSync(file, compact);
    const only = commitRefused("only", "--", "entries/demo/sample-error.json");
    expect(only).toContain("fixes cannot be staged into this commit (a merge, or git commit <path>)");
    expect(only).toContain("entries/demo/sample-error.json");
    expect(only).toContain("error-kb: commit blocked");

    const run = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "tmpdir"], { cwd: r.dir, env: { ...env, TMPDIR: path.join(r.dir, ".git") }, encoding: "utf8" });
    expect(run.stderr).toContain("TMPDIR is inside the git folder");
    expect(readdirSync(path.join(r.dir, ".git")).filter((n) => n.startsWith("kb-pre-commit."))).toEqual([]);
    expect(log(git)).toEqual(["two entries"]);
  });

  it("checks the tree a commit gets whatever led to it: a merge's fixable entry, the working tree's or .git/info's attributes, an amend, a broken commit before it (pass AC)", async () => {
    const { r, git, env, commitRefused } = await hookedRepo();
    const main = git("branch", "--show-current").trim();
    const file = path.join(r.dir, "entries/demo/sample-error.json");
    const compact = JSON.stringify(JSON.parse(readFileSync(file, "utf8")));
    // A merge commits the tree git made before its hook: a fix staged by the hook never reached it.
    git("checkout", "-q", "-b", "side");
    writeFileSync(file, compact);
    git("commit", "-q", "--no-verify", "-am", "side, not canonical");
    git("checkout", "-q", main);
    writeFileSync(path.join(r.dir, "README"), "x\n");
    git("add", "README");
    expect(commitRefused("readme")).toBe("");
    let merged = "";
    try {
      git("merge", "-q", "--no-edit", "side");
    } catch (e) {
      merged = String((e as { stderr?: string }).stderr);
    }
    expect(merged).toContain("kb/canonical-format");
    expect(merged).toContain("error-kb: commit blocked");
    expect(log(git)).toEqual(["readme", "two entries"]);
    git("merge", "--abort");

    // Attributes the commit does not hold: a staged eol=crlf with another text in the working tree,
    // and .git/info/attributes, decided how the hook checked out the commit.
    writeFileSync(path.join(r.dir, ".gitattributes"), "* text eol=crlf\n");
    git("add", ".gitattributes");
    writeFileSync(path.join(r.dir, ".gitattributes"), "# local\n");
    expect(commitRefused("crlf staged")).toContain("error-kb: commit blocked");
    writeFileSync(path.join(r.dir, ".gitattributes"), "* text eol=crlf\n");
    writeFileSync(path.join(r.dir, ".git/info/attributes"), "* -text\n");
    expect(commitRefused("crlf, info/attributes")).toContain("error-kb: commit blocked");
    git("rm", "-q", "--cached", ".gitattributes");
    rmSync(path.join(r.dir, ".gitattributes"));
    rmSync(path.join(r.dir, ".git/info/attributes"));

    // A commit made with --no-verify, then one that touches no entry, or an amend: still checked.
    writeFileSync(file, entryText(validEntry("demo/sample-error", { regex: "SampleError: (the sample error widget refused to start" })));
    git("commit", "-q", "--no-verify", "-am", "broken, unchecked");
    writeFileSync(path.join(r.dir, "README"), "y\n");
    git("add", "README");
    expect(commitRefused("amended", "--amend")).toContain("kb/regex-compiles");
    expect(commitRefused("after it")).toContain("kb/regex-compiles");
    expect(log(git)).toEqual(["broken, unchecked", "readme", "two entries"]);

    // kb cannot run: the hook says so, not "fix the problems above".
    const bin = path.join(r.dir, "no-node");
    mkdirSync(bin);
    for (const tool of ["git", "sh", "xargs", "cmp", "grep", "cut", "mktemp", "rm", "mkdir", "cp", "cat", "sed", "tr", "awk", "find", "id", "paste", "tail"]) {
      const found = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
      if (found) symlinkSync(found, path.join(bin, tool));
    }
    const run = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "no node"], { cwd: r.dir, env: { ...env, PATH: bin }, encoding: "utf8" });
    expect(run.stderr).toContain("node is not on the PATH git gave this hook");
    expect(log(git)).toEqual(["broken, unchecked", "readme", "two entries"]);
  });

  it("fixes as git stores them and loses nothing a filter hides; GIT_TEMPLATE_DIR, GIT_OBJECT_DIRECTORY and a TMPDIR with a line break change nothing (pass AD)", async () => {
    const { r, git, commitRefused, commitWith } = await hookedRepo();
    const file = path.join(r.dir, "entries/demo/sample-error.json");
    const compact = JSON.stringify(JSON.parse(readFileSync(file, "utf8")));

    // A clean filter hides an unstaged line from git diff: the hook does not fix, so it is kept.
    git("config", "filter.strip.clean", "grep -v LOCALNOTE");
    git("config", "filter.strip.smudge", "cat");
    writeFileSync(path.join(r.dir, ".git/info/attributes"), "entries/** filter=strip\n");
    writeFileSync(file, `${compact}\n`);
    git("add", "entries");
    writeFileSync(file, `${compact}\nLOCALNOTE my draft\n`);
    expect(git("diff", "--name-only")).toBe("");
    expect(commitRefused("filtered")).toContain("have a filter or working-tree-encoding attribute");
    expect(readFileSync(file, "utf8")).toContain("LOCALNOTE");
    rmSync(path.join(r.dir, ".git/info/attributes"));
    git("checkout", "--", "entries");

    // A template with info/attributes must not reach the hook's own repository.
    const template = path.join(r.dir, "..", `${path.basename(r.dir)}-template`);
    mkdirSync(path.join(template, "info"), { recursive: true });
    writeFileSync(path.join(template, "info/attributes"), "entries/** -text\n");
    try {
      writeFileSync(path.join(r.dir, ".gitattributes"), "entries/** text eol=crlf\n");
      git("add", ".gitattributes");
      expect(commitWith({ GIT_TEMPLATE_DIR: template }, "crlf under a template").stderr).toContain("error-kb: commit blocked");
      git("rm", "-q", "--cached", ".gitattributes");
      rmSync(path.join(r.dir, ".gitattributes"));
    } finally {
      rmSync(template, { recursive: true, force: true });
    }

    // An ident attribute: the fix is stored as git stores it, and the working tree is clean after.
    writeFileSync(path.join(r.dir, ".gitattributes"), "entries/** ident\n");
    git("add", ".gitattributes");
    writeFileSync(file, compact.replace("before they are written.", "before they are written. $Id$"));
    git("add", "entries");
    const tmp = mkdtempSync(path.join(os.tmpdir(), "kb-hook-line\nbreak-"));
    try {
      const run = commitWith({ TMPDIR: tmp }, "ident, a TMPDIR with a line break");
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).not.toContain("error-kb");
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    expect(git("show", "HEAD:entries/demo/sample-error.json")).toContain("$Id$");
    expect(git("status", "--porcelain", "--", "entries")).toBe("");

    // GIT_OBJECT_DIRECTORY set: the hook reads the objects from there; a clean git commit <path> says nothing.
    renameSync(path.join(r.dir, ".git/objects"), path.join(r.dir, ".git/moved-objects"));
    mkdirSync(path.join(r.dir, ".git/objects"));
    writeFileSync(file, entryText(validEntry("demo/sample-error", { root_cause: "The widget starts too early. $Id$" })));
    const moved = commitWith({ GIT_OBJECT_DIRECTORY: path.join(r.dir, ".git/moved-objects") }, "moved objects, one path", "--", "entries/demo/sample-error.json");
    expect(moved.status, moved.stderr).toBe(0);
    expect(moved.stderr).not.toContain("error-kb");
  });

  it("checks what is committed, not what was staged before it ran; loses no edit git cannot see; prints no raw control character; ignores KB_TODAY; says when a fix leaves nothing to commit; removes a killed run's folder (pass AE)", async () => {
    const { r, git, env, commitRefused, commitWith } = await hookedRepo();
    const file = path.join(r.dir, "entries/demo/sample-error.json");

    // Staged while the hook ran (git takes no lock meanwhile): a node that stages a broken entry
    // before it lints stands for another terminal or an editor. The commit is refused.
    const shim = path.join(r.dir, "..", `${path.basename(r.dir)}-shim`);
    mkdirSync(shim);
    try {
      writeFileSync(path.join(r.dir, "entries/demo/late-error.json"), "{\n");
      writeFileSync(path.join(shim, "node"), `#!/bin/sh\n(cd '${r.dir}' && git add -- entries/demo/late-error.json)\nexec '${process.execPath}' "$@"\n`, { mode: 0o755 });
      writeFileSync(path.join(r.dir, "README.md"), "readme\n");
      git("add", "README.md");
      const raced = commitWith({ PATH: `${shim}:${process.env.PATH}` }, "raced");
      expect(raced.status).toBe(1);
      expect(raced.stderr).toContain("files were staged while the hook checked the commit");
      expect(log(git)).toEqual(["two entries"]);
    } finally {
      rmSync(shim, { recursive: true, force: true });
    }
    git("rm", "-q", "--cached", "entries/demo/late-error.json");
    rmSync(path.join(r.dir, "entries/demo/late-error.json"));

    // An edit git's stat check cannot see (same size, same whole-second mtime, core.checkStat=minimal)
    // is kept: the fix is not written over it, and the commit is refused.
    git("config", "core.checkStat", "minimal");
    const old = new Date(Date.now() - 3600_000);
    writeFileSync(file, compactEntry("Staged cause, early"));
    utimesSync(file, old, old);
    git("add", "entries");
    writeFileSync(file, compactEntry("STAGED CAUSE, EARLY"));
    utimesSync(file, old, old);
    expect(git("diff", "--name-only")).toBe(""); // git does not see it
    expect(commitRefused("unseen edit")).toContain("also have unstaged changes");
    expect(readFileSync(file, "utf8")).toBe(compactEntry("STAGED CAUSE, EARLY"));
    git("config", "--unset", "core.checkStat");
    git("reset", "-q", "--hard");

    // A filter attribute whose value holds escape sequences, and a fixable entry: named, escaped.
    writeFileSync(path.join(r.dir, ".git/info/attributes"), "entries/** filter=\u001b[2J\u001b]0;pwned\u0007x\u202e\n");
    writeFileSync(file, compactEntry("A cause to fix."));
    git("add", "entries");
    const filtered = commitRefused("escape in attribute");
    expect(filtered).toContain("filter: \\033[2J\\033]0;pwned\\007x\\342\\200\\256");
    expect(filtered).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    rmSync(path.join(r.dir, ".git/info/attributes"));
    git("reset", "-q", "--hard");

    // KB_TODAY does not move today's date: a future-dated entry is refused.
    writeFileSync(file, entryText(validEntry("demo/sample-error", { last_updated: "2099-01-01" })));
    git("add", "entries");
    const future = commitWith({ KB_TODAY: "2099-12-31" }, "future");
    expect(future.status).toBe(1);
    expect(future.stderr).toContain("kb/date-order");
    git("reset", "-q", "--hard");

    // A fix that undoes the only staged change: git, which decided before the hook, commits nothing
    // new; the hook says so (it cannot see --amend or --allow-empty, for which that is right, pass AF).
    writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, "utf8"))));
    git("add", "entries");
    const onlyFix = commitWith({}, "only a fix");
    expect(onlyFix.status, onlyFix.stderr).toBe(0);
    expect(onlyFix.stderr).toContain("after kb fix this commit changes nothing against HEAD");
    git("reset", "-q", "--soft", "HEAD~1");
    expect(log(git)).toEqual(["two entries"]);

    // A folder a killed run left (kill -9 runs no trap) is removed once it is an hour old; a newer one is not.
    const tmp = mkdtempSync(path.join(os.tmpdir(), "kb-hook-tmp-"));
    try {
      mkdirSync(path.join(tmp, "kb-pre-commit.killed"));
      mkdirSync(path.join(tmp, "kb-pre-commit.running"));
      utimesSync(path.join(tmp, "kb-pre-commit.killed"), new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
      writeFileSync(path.join(r.dir, "README.md"), "readme\n");
      git("add", "README.md");
      const run = commitWith({ TMPDIR: tmp }, "readme");
      expect(run.status, run.stderr).toBe(0);
      expect(readdirSync(tmp).sort()).toEqual(["kb-pre-commit.running"]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }

    // No kb in the working tree (a sparse checkout of entries): said so, with the path escaped.
    const odd = path.join(r.dir, "..", `${path.basename(r.dir)}-\u001b[31mred\u202e`);
    execFileSync("git", ["clone", "-q", r.dir, odd], { env, stdio: "ignore" });
    try {
      symlinkSync(path.join(ROOT, "node_modules"), path.join(odd, "node_modules"));
      // Refused without --force (pass AL): kb is not where the hook runs it.
      expect((await runKb(["hooks", "install"], { cwd: odd })).code).toBe(2);
      expect((await runKb(["hooks", "install", "--force"], { cwd: odd })).code).toBe(0);
      writeFileSync(path.join(odd, "README.md"), "changed\n");
      const sparse = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-a", "-m", "no kb"], { cwd: odd, env, encoding: "utf8" });
      expect(sparse.status).toBe(1);
      expect(sparse.stderr).toContain("kb is not in this working tree");
      expect(sparse.stderr).toContain("\\033[31mred\\342\\200\\256/bin/kb.mjs is missing");
      expect(sparse.stderr).not.toMatch(/[\u001b\u202e]/);
    } finally {
      rmSync(odd, { recursive: true, force: true });
    }
  });

  it("fails closed without a tool it needs, keeps an unstaged mode change, reads links from the commit and prints their names safe, refuses a working-tree-encoding, blocks no amend (pass AF)", async () => {
    const { r, git, commitRefused, commitWith } = await hookedRepo();
    const file = path.join(r.dir, "entries/demo/sample-error.json");

    // No awk: the commit is refused before anything is decided (the fix overwrote an unstaged edit).
    const bin = path.join(r.dir, "..", `${path.basename(r.dir)}-no-awk`);
    mkdirSync(bin);
    try {
      for (const tool of ["git", "sh", "node", "xargs", "cmp", "grep", "cut", "mktemp", "rm", "mkdir", "cp", "cat", "sed", "tr", "find", "id", "paste", "tail"]) {
        const found = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
        if (found) symlinkSync(found, path.join(bin, tool));
      }
      writeFileSync(file, compactEntry("Staged cause."));
      git("add", "entries");
      writeFileSync(file, entryText(validEntry("demo/sample-error", { root_cause: "UNSTAGED WORK" })));
      const noAwk = commitWith({ PATH: bin }, "no awk");
      expect(noAwk.status).toBe(1);
      expect(noAwk.stderr).toContain("the hook needs awk, which is not on the PATH");
      expect(readFileSync(file, "utf8")).toContain("UNSTAGED WORK");
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }

    // An unstaged chmod +x on a fixed entry is unstaged work: refused, the mode kept.
    writeFileSync(file, compactEntry("Staged cause."));
    git("add", "entries");
    chmodSync(file, 0o755);
    expect(commitRefused("mode")).toContain("also have unstaged changes");
    expect(lstatSync(file).mode & 0o111).not.toBe(0);
    chmodSync(file, 0o644);
    git("reset", "-q", "--hard");

    // A working-tree-encoding attribute: git only warns, and the fix was written back re-encoded.
    writeFileSync(file, compactEntry("Staged cause."));
    git("add", "entries");
    writeFileSync(path.join(r.dir, ".git/info/attributes"), "entries/** working-tree-encoding=UTF-16\n");
    const encoded = commitRefused("encoding");
    expect(encoded).toContain("a filter or working-tree-encoding attribute");
    expect(readFileSync(file, "utf8")).toBe(compactEntry("Staged cause."));
    rmSync(path.join(r.dir, ".git/info/attributes"));
    git("reset", "-q", "--hard");

    // Links: an intent-to-add one is not in the commit and blocks nothing; one in the commit (made with
    // --no-verify) blocks every commit, its name printed as git quotes it, never raw.
    const odd = "entries/demo/n\u001b[2J\u001b]0;pwned\u0007\u202e.json";
    symlinkSync("../../README.md", path.join(r.dir, odd));
    git("add", "-N", "--", `:(literal)${odd}`);
    writeFileSync(path.join(r.dir, "README.md"), "readme\n");
    git("add", "README.md");
    expect(commitRefused("intent-to-add link")).toBe("");
    git("add", "--", `:(literal)${odd}`);
    git("commit", "-q", "--no-verify", "-m", "link, unchecked");
    writeFileSync(path.join(r.dir, "README.md"), "readme, again\n");
    git("add", "README.md");
    const linked = commitRefused("after a link");
    expect(linked).toContain("these are symbolic links or submodules in the commit");
    expect(linked).toContain("\\033[2J\\033]0;pwned\\a\\342\\200\\256.json"); // as git quotes it
    expect(linked).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    git("rm", "-q", "--", `:(literal)${odd}`);
    expect(commitRefused("link removed")).toBe("");

    // An amend that a fix brings back to HEAD's tree is a reword git allows: not blocked.
    writeFileSync(file, entryText(validEntry("demo/sample-error", { root_cause: "Cause A." })));
    git("add", "entries");
    expect(commitRefused("cause A (tpyo)")).toBe("");
    writeFileSync(file, compactEntry("Cause A."));
    git("add", "entries");
    expect(commitRefused("cause A", "--amend")).not.toContain("commit blocked");
    expect(log(git)[0]).toBe("cause A");

    // A TMPDIR that cannot be used, with escapes in its name: said so, printed safe.
    const missing = commitWith({ TMPDIR: "/nonexistent/\u001b[31mred\u202e" }, "bad tmpdir");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("cannot make a temporary folder to check the commit in, in /nonexistent/\\033[31mred\\342\\200\\256");
    expect(missing.stderr).not.toMatch(/[\u001b\u202e]/);
  });

  it("blocks a fix under a filter whatever its name, reads the owner's executable bit, keeps a linked folder, works beside other pathspec settings, prints git's checkout errors safe (pass AG)", async () => {
    const { r, git, commitRefused, commitWith } = await hookedRepo();
    const file = path.join(r.dir, "entries/demo/sample-error.json");

    // A clean filter named "unspecified" (git runs it) hides an unstaged line: no fix, the line kept.
    git("config", "filter.unspecified.clean", "grep -v LOCALNOTE");
    git("config", "filter.unspecified.smudge", "cat");
    writeFileSync(path.join(r.dir, ".git/info/attributes"), "entries/** filter=unspecified\n");
    writeFileSync(file, `${compactEntry("Staged cause.")}\n`);
    git("add", "entries");
    writeFileSync(file, `${compactEntry("Staged cause.")}\nLOCALNOTE my unsaved draft\n`);
    expect(commitRefused("filter named unspecified")).toContain("have a filter or working-tree-encoding attribute");
    expect(readFileSync(file, "utf8")).toContain("LOCALNOTE my unsaved draft");
    rmSync(path.join(r.dir, ".git/info/attributes"));
    git("config", "--remove-section", "filter.unspecified");
    git("reset", "-q", "--hard");

    // git reads the owner's executable bit: a group-only bit is no change (the commit goes through),
    // an owner's bit taken off a 100755 entry is one (refused, the mode kept).
    writeFileSync(file, compactEntry("Staged cause."));
    git("add", "entries");
    chmodSync(file, 0o654);
    expect(commitRefused("group bit only")).toBe("");
    git("update-index", "--chmod=+x", "entries/demo/sample-error.json");
    chmodSync(file, 0o755);
    expect(commitRefused("executable")).toBe("");
    writeFileSync(file, compactEntry("Another staged cause."));
    git("add", "entries");
    chmodSync(file, 0o655);
    expect(commitRefused("owner bit off")).toContain("also have unstaged changes");
    expect(lstatSync(file).mode & 0o777).toBe(0o655);
    git("reset", "-q", "--hard");

    // The entry's folder is a link in the working tree (git sees the entry as deleted): refused, the link kept.
    const shared = path.join(r.dir, "..", `${path.basename(r.dir)}-shared`);
    try {
      writeFileSync(file, compactEntry("Staged cause, linked folder."));
      git("add", "entries");
      execFileSync("cp", ["-R", path.join(r.dir, "entries/demo"), shared]);
      rmSync(path.join(r.dir, "entries/demo"), { recursive: true });
      symlinkSync(shared, path.join(r.dir, "entries/demo"));
      expect(commitRefused("linked folder")).toContain("also have unstaged changes");
      expect(lstatSync(path.join(r.dir, "entries/demo")).isSymbolicLink()).toBe(true);
      rmSync(path.join(r.dir, "entries/demo"));
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
    git("reset", "-q", "--hard");

    // Another global pathspec setting beside the hook's literal one: the commit goes through.
    writeFileSync(path.join(r.dir, "README.md"), "readme\n");
    git("add", "README.md");
    const icase = commitWith({ GIT_ICASE_PATHSPECS: "1" }, "icase pathspecs");
    expect(icase.status, icase.stderr).toBe(0);

    // A name the hook's own repository refuses to check out (git~1 under core.protectNTFS): git's
    // error names it, escaped.
    git("config", "core.protectNTFS", "false");
    const ntfs = "entries/git~1/\u202ex.json";
    mkdirSync(path.join(r.dir, "entries/git~1"));
    writeFileSync(path.join(r.dir, ntfs), "{}\n");
    git("add", "--", `:(literal)${ntfs}`);
    const refused = commitRefused("ntfs name");
    expect(refused).toContain("error-kb: commit blocked");
    expect(refused).toContain("\\342\\200\\256x.json");
    expect(refused).not.toMatch(/[\u001b\u202e]/);
  });

  it("works whatever the shell and git were given: CDPATH, git --work-tree, a colon and a trailing line break in the repository's path (pass AH)", async () => {
    const { r, git, env, commitWith } = await hookedRepo();
    const file = path.join(r.dir, "entries/demo/sample-error.json");

    // CDPATH exported: cd prints where it went.
    writeFileSync(file, compactEntry("A cause, CDPATH set."));
    git("add", "entries");
    const cdpath = commitWith({ CDPATH: `.:${os.tmpdir()}` }, "cdpath");
    expect(cdpath.status, cdpath.stderr).toBe(0);
    expect(git("show", "HEAD:entries/demo/sample-error.json")).toBe(entryText(validEntry("demo/sample-error", { root_cause: "A cause, CDPATH set." })));

    // git --git-dir --work-tree commit: git gives the hook GIT_WORK_TREE.
    writeFileSync(file, compactEntry("A cause, work tree given."));
    git("add", "entries");
    const given = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", `--git-dir=${path.join(r.dir, ".git")}`, `--work-tree=${r.dir}`, "commit", "-q", "-m", "work tree given"], { cwd: r.dir, env, encoding: "utf8" });
    expect(given.status, given.stderr).toBe(0);
    expect(git("show", "HEAD:entries/demo/sample-error.json")).toContain("A cause, work tree given.");

    // A colon (git splits alternates on it) and a trailing line break in the repository's path.
    const odd = path.join(r.dir, "..", `${path.basename(r.dir)}-a:b\n`);
    execFileSync("git", ["clone", "-q", r.dir, odd], { env, stdio: "ignore" });
    try {
      symlinkSync(path.join(ROOT, "node_modules"), path.join(odd, "node_modules"));
      symlinkSync(path.join(ROOT, "bin"), path.join(odd, "bin"));
      expect((await runKb(["hooks", "install"], { cwd: odd })).code).toBe(0);
      writeFileSync(path.join(odd, "entries/demo/sample-error.json"), compactEntry("A cause, odd path."));
      const run = (...args: string[]) => spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: odd, env, encoding: "utf8" });
      expect(run("add", "entries").status).toBe(0);
      const oddCommit = run("commit", "-q", "-m", "odd path");
      expect(oddCommit.status, oddCommit.stderr).toBe(0);
      expect(run("show", "HEAD:entries/demo/sample-error.json").stdout).toBe(entryText(validEntry("demo/sample-error", { root_cause: "A cause, odd path." })));
    } finally {
      rmSync(odd, { recursive: true, force: true });
    }
  });

  it("checks a SHA-256 repository and ignores GIT_DEFAULT_HASH, stores fixes as a shared repository shares, says when kb cannot start, finds a git folder whose path ends with a line break (pass AI)", async () => {
    const { r, git, env, commitWith } = await hookedRepo();
    const file = path.join(r.dir, "entries/demo/sample-error.json");
    const sh = (script: string, ...args: string[]) => spawnSync("sh", ["-c", script, "sh", ...args], { cwd: r.dir, env, encoding: "latin1" });

    // GIT_DEFAULT_HASH made the hook's own repository SHA-256.
    writeFileSync(file, compactEntry("A cause, default hash set."));
    git("add", "entries");
    const hashed = commitWith({ GIT_DEFAULT_HASH: "sha256" }, "default hash");
    expect(hashed.status, hashed.stderr).toBe(0);

    // A shared repository, a committer's umask of 077: the fix's object is readable by the group.
    git("config", "core.sharedRepository", "group");
    writeFileSync(file, compactEntry("A cause, shared."));
    git("add", "entries");
    const shared = sh('umask 077 && git -c user.name=t -c user.email=t@example.com commit -q -m shared');
    expect(shared.status, shared.stderr).toBe(0);
    const blob = git("rev-parse", "HEAD:entries/demo/sample-error.json").trim();
    expect(lstatSync(path.join(r.dir, ".git/objects", blob.slice(0, 2), blob.slice(2))).mode & 0o040).not.toBe(0);
    git("config", "--unset", "core.sharedRepository");

    // The git folder elsewhere, its path ending with a line break (GIT_DIR): found.
    const gitDir = path.join(r.dir, "..", `${path.basename(r.dir)}-git\n`);
    renameSync(path.join(r.dir, ".git"), gitDir);
    try {
      writeFileSync(file, compactEntry("A cause, git folder elsewhere."));
      const moved = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-a", "-m", "git folder elsewhere"], { cwd: r.dir, env: { ...env, GIT_DIR: gitDir, GIT_WORK_TREE: r.dir }, encoding: "utf8" });
      expect(moved.status, moved.stderr).toBe(0);
    } finally {
      renameSync(gitDir, path.join(r.dir, ".git"));
    }
    expect(log(git)[0]).toBe("git folder elsewhere");

    // A SHA-256 repository: checked and fixed like any other.
    const sha = mkdtempSync(path.join(os.tmpdir(), "kb-hook-sha256-"));
    try {
      const inSha = (script: string) => spawnSync("sh", ["-c", script], { cwd: sha, env, encoding: "utf8" });
      expect(inSha(`git init -q --object-format=sha256 && cp -R '${path.join(r.dir, "entries")}' entries && ln -s '${path.join(ROOT, "bin")}' bin && echo bin > .git/info/exclude`).status).toBe(0);
      expect((await runKb(["hooks", "install"], { cwd: sha })).code).toBe(0);
      writeFileSync(path.join(sha, "entries/demo/sample-error.json"), compactEntry("A cause, SHA-256."));
      const committed = inSha("git add entries && git -c user.name=t -c user.email=t@example.com commit -q -m sha256");
      expect(committed.status, committed.stderr).toBe(0);
      expect(inSha("git show HEAD:entries/demo/sample-error.json").stdout).toBe(entryText(validEntry("demo/sample-error", { root_cause: "A cause, SHA-256." })));
    } finally {
      rmSync(sha, { recursive: true, force: true });
    }

    // kb does not run (node could not load it from a path that is not UTF-8, and exited with 1 and a
    // raw path): said so, not "fix the problems above", and nothing printed raw. A kb that crashes so
    // stands for it.
    const crashing = path.join(r.dir, "..", `${path.basename(r.dir)}-crashing`);
    execFileSync("git", ["clone", "-q", r.dir, crashing], { env, stdio: "ignore" });
    try {
      mkdirSync(path.join(crashing, "bin"));
      // A line of it that starts as kb's closing line does is not one unless it is the last (pass AJ).
      writeFileSync(path.join(crashing, "bin/kb.mjs"), 'process.stderr.write("\u2714 \\u001b]0;pwned\\u0007\\nError: Cannot find module \'/r\\u001b[2J\\u202e/bin/kb.mjs\'\\n"); process.exit(1);\n');
      writeFileSync(path.join(crashing, ".git/info/exclude"), "bin\n");
      expect((await runKb(["hooks", "install"], { cwd: crashing })).code).toBe(0);
      writeFileSync(path.join(crashing, "README.md"), "changed\n");
      const crashed = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-a", "-m", "kb crashes"], { cwd: crashing, env, encoding: "utf8" });
      expect(crashed.status).toBe(1);
      expect(crashed.stderr).toContain("kb could not check the commit");
      expect(crashed.stderr + crashed.stdout).toContain("\\033[2J\\342\\200\\256");
      expect(crashed.stderr + crashed.stdout).not.toMatch(/[\u001b\u202e]/);
      expect(crashed.stderr).not.toContain("fix the problems above");
    } finally {
      rmSync(crashing, { recursive: true, force: true });
    }
  });

  it("ignores FORCE_COLOR, prints kb fix's log as written, stays out of a hooks folder other repositories share, and lets their commits be (pass AK)", async () => {
    const { r, git, env, commitWith } = await hookedRepo();
    const file = path.join(r.dir, "entries/demo/sample-error.json");
    // FORCE_COLOR coloured kb's closing line: a fixable commit was refused as kb not running.
    writeFileSync(file, entryText(validEntry("demo/sample-error", { root_cause: "A cause, coloured.", confidence: "0.85" as unknown as number })));
    git("add", "entries");
    const coloured = commitWith({ FORCE_COLOR: "1" }, "coloured");
    expect(coloured.status, coloured.stderr).toBe(0);
    expect(git("show", "HEAD:entries/demo/sample-error.json")).toBe(entryText(validEntry("demo/sample-error", { root_cause: "A cause, coloured.", confidence: 0.85 })));
    // kb fix's log: its arrow as written, not as octal escapes; no colour.
    expect(coloured.stderr).toContain('confidence: "0.85" \u2192 0.85');
    expect(coloured.stderr).not.toMatch(/\u001b|\\[0-7]{3}/);
    writeFileSync(file, entryText(validEntry("demo/sample-error", { regex: "" })));
    git("add", "entries");
    const broken = commitWith({ FORCE_COLOR: "1" }, "broken");
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain("fix the problems above");
    expect(broken.stderr).not.toContain("kb could not check the commit");
    git("checkout", "HEAD", "--", "entries");

    // A hooks folder every repository uses (core.hooksPath in the global config): refused unless --force.
    const shared = mkdtempSync(path.join(os.tmpdir(), "kb-hooks-shared-"));
    const other = mkdtempSync(path.join(os.tmpdir(), "kb-hooks-other-"));
    try {
      git("config", "--global", "core.hooksPath", shared);
      const refused = await runKb(["hooks", "install"], { cwd: r.dir, env: { HOME: r.dir, GIT_CONFIG_NOSYSTEM: "1" } });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("core.hooksPath is set in the global configuration: a hook there runs in every repository that uses it");
      expect(readdirSync(shared)).toEqual([]);
      expect((await runKb(["hooks", "install", "--force"], { cwd: r.dir, env: { HOME: r.dir, GIT_CONFIG_NOSYSTEM: "1" } })).code).toBe(0);
      expect(readdirSync(shared).sort()).toEqual(["pre-commit", "pre-merge-commit"]);
      // Another repository, with neither kb nor entries: its commit goes through, and the hook says nothing.
      const inOther = (script: string) => spawnSync("sh", ["-c", script], { cwd: other, env, encoding: "utf8" });
      const made = inOther("git init -q && echo hi > README && git add README && git -c user.name=t -c user.email=t@example.com commit -q -m other");
      expect(made.status, made.stderr).toBe(0);
      expect(made.stderr).toBe("");
      // This repository, through the shared folder: still checked.
      writeFileSync(file, entryText(validEntry("demo/sample-error", { regex: "" })));
      git("add", "entries");
      const checked = commitWith({}, "broken through the shared hook");
      expect(checked.status).toBe(1);
      expect(checked.stderr).toContain("fix the problems above");
    } finally {
      git("config", "--global", "--unset", "core.hooksPath");
      rmSync(shared, { recursive: true, force: true });
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("installs only where git looks and kb runs: not for kb below the top, not in a folder set globally, through a link as git reads it; prints kb's output safe; leaves other repositories alone without the tools it needs (pass AL)", async () => {
    const { r, git, env, commitWith } = await hookedRepo();
    const home = { HOME: r.dir, GIT_CONFIG_NOSYSTEM: "1" };
    // kb in a folder below the top of the repository: the hook would never run it.
    const outer = mkdtempSync(path.join(os.tmpdir(), "kb-hooks-outer-"));
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), "kb-hooks-elsewhere-"));
    try {
      const inOuter = (script: string) => spawnSync("sh", ["-c", script], { cwd: outer, env, encoding: "utf8" });
      expect(inOuter(`git init -q && mkdir kb && ln -s '${path.join(ROOT, "bin")}' kb/bin`).status).toBe(0);
      const below = await runKb(["hooks", "install"], { cwd: path.join(outer, "kb"), env: home });
      expect(below.code).toBe(2);
      expect(below.stderr).toContain("the hook runs kb from the top of the repository's work tree");
      expect(readdirSync(path.join(outer, ".git/hooks")).filter((f) => !f.endsWith(".sample"))).toEqual([]);

      // A global core.hooksPath that points into this repository is still everyone's.
      git("config", "--global", "core.hooksPath", path.join(r.dir, "tools/hooks"));
      const global = await runKb(["hooks", "install"], { cwd: r.dir, env: home });
      expect(global.code).toBe(2);
      expect(global.stderr).toContain("core.hooksPath is set in the global configuration");
      git("config", "--global", "--unset", "core.hooksPath");

      // lnk/../hooks, lnk a link to another folder: git opens elsewhere/hooks, and so does kb.
      mkdirSync(path.join(elsewhere, "sub"));
      mkdirSync(path.join(r.dir, ".git/inner"));
      symlinkSync(path.join(elsewhere, "sub"), path.join(r.dir, ".git/inner/lnk"));
      git("config", "core.hooksPath", ".git/inner/lnk/../hooks");
      const linked = await runKb(["hooks", "install"], { cwd: r.dir, env: home });
      expect(linked.code).toBe(2);
      expect(linked.stderr).toContain(`${path.join(elsewhere, "hooks")} and it is outside this repository`);
      git("config", "--unset", "core.hooksPath");
    } finally {
      rmSync(outer, { recursive: true, force: true });
      rmSync(elsewhere, { recursive: true, force: true });
    }

    // What node prints of its own, beside kb's output, is printed safe.
    writeFileSync(path.join(r.dir, "README.md"), "changed\n");
    git("add", "README.md");
    const warned = commitWith({ NODE_EXTRA_CA_CERTS: "/nonexistent/x\u001b]0;pwned\u0007\u001b[2J\u202eX" }, "node warns");
    expect(warned.status, warned.stderr).toBe(0);
    expect(warned.stdout + warned.stderr).toContain("\\033]0;pwned\\007\\033[2J\\342\\200\\256X");
    expect(warned.stdout + warned.stderr).not.toMatch(/[\u001b\u0007\u202e]/);

    // Another repository, with neither kb nor entries, and a PATH without the hook's tools: left alone.
    const other = mkdtempSync(path.join(os.tmpdir(), "kb-hooks-bare-path-"));
    try {
      const inOther = (script: string) => spawnSync("sh", ["-c", script], { cwd: other, env, encoding: "utf8" });
      expect(inOther(`git init -q && cp '${path.join(r.dir, ".git/hooks/pre-commit")}' .git/hooks/pre-commit && echo hi > README`).status).toBe(0);
      const git_ = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
      expect(inOther("git add README").status).toBe(0);
      const committed = spawnSync(git_, ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "bare PATH"], { cwd: other, env: { ...env, PATH: "/nonexistent" }, encoding: "utf8" });
      expect(committed.status, committed.stderr).toBe(0);
      expect(committed.stderr).not.toContain("the hook needs");
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("installs where git runs the hook file: an empty core.hooksPath is refused, ..hooks is inside, a relative path is read from the top; prints kb's output safe when it refuses a fix (pass AM)", async () => {
    const { r, git, commitWith } = await hookedRepo();
    const home = { HOME: r.dir, GIT_CONFIG_NOSYSTEM: "1" };
    git("config", "core.hooksPath", "");
    const empty = await runKb(["hooks", "install"], { cwd: r.dir, env: home });
    expect(empty.code).toBe(2);
    expect(existsSync(path.join(r.dir, "pre-commit"))).toBe(false);
    git("config", "core.hooksPath", "..hooks");
    expect((await runKb(["hooks", "install"], { cwd: r.dir, env: home })).code).toBe(0);
    expect(existsSync(path.join(r.dir, "..hooks/pre-commit"))).toBe(true);
    git("config", "core.hooksPath", ".githooks");
    const outside = mkdtempSync(path.join(os.tmpdir(), "kb-hooks-cwd-"));
    try {
      const fromOutside = await runKb(["hooks", "install"], { cwd: outside, env: { ...home, GIT_DIR: path.join(r.dir, ".git"), GIT_WORK_TREE: r.dir } });
      expect(fromOutside.code, fromOutside.stderr).toBe(0);
      expect(existsSync(path.join(r.dir, ".githooks/pre-commit"))).toBe(true);
      expect(readdirSync(outside)).toEqual([]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    // A fix refused for unstaged changes: kb's output (node's warning included) printed safe.
    const file = path.join(r.dir, "entries/demo/sample-error.json");
    writeFileSync(file, compactEntry("A cause to fix."));
    git("add", "entries");
    writeFileSync(file, compactEntry("A cause to fix, edited."));
    const refused = commitWith({ NODE_EXTRA_CA_CERTS: "/nonexistent/x\u001b]0;pwned\u0007\u202e" }, "unstaged");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("they also have unstaged changes");
    expect(refused.stdout + refused.stderr).not.toMatch(/[\u001b\u0007\u202e]/);
  });
});
