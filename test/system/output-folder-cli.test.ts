// The output folder through the real CLI (system tier: two dozen kb runs): what kb build may write
// into and remove from, what it refuses (--out inside a git folder, a folder it did not write, a
// repository, paths too long), and the pre-commit hook it installs. The writer's own rules are
// tested in process in test/write/.
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, validEntry } from "../helpers/entries.ts";
import { ROOT, runKb, useRepos } from "../helpers/repo.ts";

const repo = useRepos(() => ({ "entries/demo/sample-error.json": entryText(validEntry()) }));

describe("the output folder", () => {
  it("--out naming a file is a usage error and the file is untouched", async () => {
    const r = repo({ "out.txt": "mine\n" });
    const res = await runKb(["build", "--out", "out.txt"], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("it is a file, not a folder");
    expect(readFileSync(path.join(r.dir, "out.txt"), "utf8")).toBe("mine\n");
  });

  it("a folder kb did not write is refused, and nothing in it is deleted", async () => {
    const r = repo({ "docs/notes.md": "mine\n" });
    const res = await runKb(["build", "--out", "docs"], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("was not written by kb build");
    expect(res.stderr).toContain("if it is kb's folder and its README.md was deleted or edited, restore it (git checkout -- README.md in that folder) or remove the folder");
    expect(readdirSync(path.join(r.dir, "docs"))).toEqual(["notes.md"]);
  });

  it("--out inside .git (an empty refs/tags passes the ownership check), an empty --out and one that is not UTF-8: usage errors, nothing written", async () => {
    const r = repo();
    mkdirSync(path.join(r.dir, ".git/refs/tags"), { recursive: true });
    const cases: [string, string][] = [
      [".git/refs/tags", "/.git (or holds it), which git owns; check --out"],
      [".", "it is inside .git (or holds it), which git owns; check --out"],
      ["", "--out needs a folder, not an empty name"],
      ["out-\uFFFD", "the name is not valid UTF-8"],
    ];
    for (const [out, message] of cases) {
      const res = await runKb(["build", "--out", out], { cwd: r.dir });
      expect(res.code, out).toBe(2);
      expect(res.stderr, out).toContain(message);
    }
    expect(readdirSync(path.join(r.dir, ".git/refs/tags"))).toEqual([]);
    expect(existsSync(path.join(r.dir, "generated"))).toBe(false);
    expect((await runKb(["lint", "--entries", ""], { cwd: r.dir })).stderr).toContain("--entries needs a folder, not an empty name");
  });

  it("a path too long for the system inside generated/: check and build exit 2 naming it, not an internal error", async () => {
    const r = repo();
    expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
    // Made (and removed) one level at a time relative to the last, as only such a tree can be.
    const python = (code: string) => execFileSync("python3", ["-c", code], { cwd: r.dir });
    python("import os\nos.chdir('generated')\nfor _ in range(17):\n    os.mkdir('d' * 250)\n    os.chdir('d' * 250)");
    try {
      for (const command of ["check", "build"]) {
        const res = await runKb([command], { cwd: r.dir });
        expect(res.code, command).toBe(2);
        expect(res.stderr, command).toMatch(/^kb: cannot list .+ \(\d+ characters\): its path is longer than the system allows; remove it by hand \(ENAMETOOLONG\); nothing was changed\n$/);
      }
    } finally {
      python("import shutil\nshutil.rmtree('generated/' + 'd' * 250)"); // before the repository's own removal, which cannot
    }
    expect(readFileSync(path.join(r.dir, "generated/README.md"), "utf8")).toContain("demo");
  });

  it("--out inside any git folder is refused: a bare repository's, a linked worktree's, and through a link", async () => {
    const r = repo();
    const git = (...args: string[]) => execFileSync("git", args, { cwd: r.dir, stdio: "ignore" });
    git("init", "-q", "--bare", "bare.git");
    git("init", "-q", "main");
    git("-C", "main", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "x");
    git("-C", "main", "worktree", "add", "-q", "--detach", "../wt");
    const worktreeGitDir = execFileSync("git", ["rev-parse", "--absolute-git-dir"], { cwd: path.join(r.dir, "wt"), encoding: "utf8" }).trim();
    symlinkSync(path.join(r.dir, "bare.git/refs"), path.join(r.dir, "refs-link"));
    // git follows links: a bare repository whose HEAD or objects/ is a link is one too.
    git("init", "-q", "--bare", "head-link.git");
    rmSync(path.join(r.dir, "head-link.git/HEAD"));
    symlinkSync("refs/heads/main", path.join(r.dir, "head-link.git/HEAD"));
    writeFileSync(path.join(r.dir, "head-link.git/refs/heads/main"), "0".repeat(40) + "\n");
    git("init", "-q", "--bare", "objects-link.git");
    renameSync(path.join(r.dir, "objects-link.git/objects"), path.join(r.dir, "objects-elsewhere"));
    symlinkSync(path.join(r.dir, "objects-elsewhere"), path.join(r.dir, "objects-link.git/objects"));
    for (const out of ["bare.git/refs/tags", path.join(worktreeGitDir, "refs/kb"), "refs-link/kb", "main/.git/objects/kb", "head-link.git/refs/tags/x", "objects-link.git/refs/tags/x"]) {
      const res = await runKb(["build", "--out", out], { cwd: r.dir });
      expect(res.code, out).toBe(2);
      expect(res.stderr, out).toMatch(/it is inside the git folder .+ \(or holds it\), which git owns; check --out/);
    }
    expect(readdirSync(path.join(r.dir, "bare.git/refs/tags"))).toEqual([]);
    expect(existsSync(path.join(r.dir, "bare.git/refs/kb"))).toBe(false);
  });

  it("a bare repository inside the output folder is never removed either", async () => {
    const r = repo();
    expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
    execFileSync("git", ["init", "-q", "--bare", "generated/backup.git"], { cwd: r.dir, stdio: "ignore" });
    const res = await runKb(["build"], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("backup.git is a git repository's, and kb build never removes one");
    expect(existsSync(path.join(r.dir, "generated/backup.git/HEAD"))).toBe(true);
    // Nor one whose HEAD is a link, nor one whose name is not UTF-8 (checked by its bytes).
    rmSync(path.join(r.dir, "generated/backup.git"), { recursive: true });
    execFileSync("git", ["init", "-q", "--bare", "generated/linked.git"], { cwd: r.dir, stdio: "ignore" });
    rmSync(path.join(r.dir, "generated/linked.git/HEAD"));
    symlinkSync("refs/heads/main", path.join(r.dir, "generated/linked.git/HEAD"));
    writeFileSync(path.join(r.dir, "generated/linked.git/refs/heads/main"), "0".repeat(40) + "\n");
    expect((await runKb(["build"], { cwd: r.dir })).code).toBe(2);
    expect(lstatSync(path.join(r.dir, "generated/linked.git/HEAD")).isSymbolicLink()).toBe(true);
    rmSync(path.join(r.dir, "generated/linked.git"), { recursive: true });
    const odd = Buffer.concat([Buffer.from(path.join(r.dir, "generated/q")), Buffer.from([0xff]), Buffer.from(".git")]);
    execFileSync("git", ["init", "-q", "--bare", "generated/plain.git"], { cwd: r.dir, stdio: "ignore" });
    renameSync(path.join(r.dir, "generated/plain.git"), odd);
    const oddRes = await runKb(["build"], { cwd: r.dir });
    expect(oddRes.code).toBe(2);
    expect(oddRes.stderr).toContain("is a git repository's, and kb build never removes one");
    expect(existsSync(Buffer.concat([odd, Buffer.from("/HEAD")]))).toBe(true);
  });

  it("a git repository inside the output folder is never removed: the build refuses, naming it", async () => {
    const r = repo();
    expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
    mkdirSync(path.join(r.dir, "generated/checkout/.git"), { recursive: true });
    writeFileSync(path.join(r.dir, "generated/checkout/.git/HEAD"), "ref: refs/heads/main\n");
    writeFileSync(path.join(r.dir, "generated/checkout/work.txt"), "someone's work\n");
    const res = await runKb(["build"], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("checkout/.git is a git repository's, and kb build never removes one; move it out of the output folder");
    expect(readFileSync(path.join(r.dir, "generated/checkout/work.txt"), "utf8")).toBe("someone's work\n");
  });

  it("a folder where index.json belongs is repaired by the next build", async () => {
    const r = repo();
    expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
    const index = path.join(r.dir, "generated/index.json");
    const { rmSync } = await import("node:fs");
    rmSync(index);
    mkdirSync(path.join(index, "inside"), { recursive: true });
    const res = await runKb(["build"], { cwd: r.dir });
    expect(res.code).toBe(0);
    expect(JSON.parse(readFileSync(index, "utf8")).count).toBe(1);
    expect((await runKb(["check"], { cwd: r.dir })).code).toBe(0);
  });

  it("a file with a name that is not UTF-8 is removed, so check passes after build", async () => {
    const r = repo();
    expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
    writeFileSync(Buffer.concat([Buffer.from(path.join(r.dir, "generated") + "/bad-"), Buffer.from([0xff, 0xfe]), Buffer.from(".md")]), "x");
    const check = await runKb(["check"], { cwd: r.dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("is extra");
    expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
    expect((await runKb(["check"], { cwd: r.dir })).code).toBe(0);
  });

  it("a link inside generated/ is removed, never written through", async () => {
    const r = repo({ "outside.md": "mine\n" });
    expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
    const view = path.join(r.dir, "generated/demo/sample-error.md");
    const { rmSync } = await import("node:fs");
    rmSync(view);
    symlinkSync(path.join(r.dir, "outside.md"), view);
    expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
    expect(readFileSync(path.join(r.dir, "outside.md"), "utf8")).toBe("mine\n");
    expect(readFileSync(view, "utf8")).toContain("generated by error-kb");
  });

  it("a committed generated.lock that kb did not make is refused with a clear message", async () => {
    const r = repo({ "generated.lock": "1\n" });
    const res = await runKb(["build"], { cwd: r.dir, timeoutMs: 60_000 });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("generated.lock is in the way of kb's lock and was not made by kb");
  });
});

describe("kb hooks install", () => {
  it("writes an executable pre-commit hook that fixes and blocks, never commits unstaged changes, and never replaces a hook of someone else's without --force", async () => {
    const r = repo();
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: r.dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    git("init", "-q");
    symlinkSync(path.join(ROOT, "bin"), path.join(r.dir, "bin")); // the hook runs `node bin/kb.mjs` from the top of the checkout
    /** The hook's complaint when it refuses a commit; empty when the commit went through. */
    const commitRefused = (message: string): string => {
      try {
        git("commit", "-q", "-m", message);
        return "";
      } catch (e) {
        return String((e as { stderr?: string }).stderr);
      }
    };
    const hook = path.join(r.dir, ".git/hooks/pre-commit");
    writeFileSync(hook, "#!/bin/sh\necho someone else's hook\n");
    const refused = await runKb(["hooks", "install"], { cwd: r.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("exists and was not installed by error-kb; use --force to replace it");
    expect(readFileSync(hook, "utf8")).toContain("someone else's hook");

    expect((await runKb(["hooks", "install", "--force"], { cwd: r.dir })).code).toBe(0);
    expect(lstatSync(hook).mode & 0o777).toBe(0o755);
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

    // Staged work beside unstaged work in one entry: the hook never commits the unstaged part.
    writeFileSync(file, entryText(validEntry("demo/sample-error", { root_cause: "Staged cause." })));
    git("add", "entries");
    writeFileSync(file, entryText(validEntry("demo/sample-error", { root_cause: "Unstaged cause, not meant for this commit." })));
    blocked = commitRefused("partly staged");
    expect(blocked).toContain("these staged entries also have unstaged changes");
    expect(blocked).toContain("entries/demo/sample-error.json");
    expect(git("log", "--format=%s")).toBe("fixable\n");
    expect(git("show", ":entries/demo/sample-error.json")).toContain("Staged cause.");
    expect(readFileSync(file, "utf8")).toContain("Unstaged cause");
    // The list is shown as git quotes names by default: a bidi override in a name is an octal escape.
    const bidi = "entries/demo/\u202eevil.json";
    writeFileSync(path.join(r.dir, bidi), "{}\n");
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
});
