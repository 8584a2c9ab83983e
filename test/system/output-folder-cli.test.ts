// The output folder through the real CLI (system tier: two dozen kb runs): what kb build may write
// into and remove from, what it refuses (--out inside a git folder, a folder it did not write, a
// repository, paths too long). The writer's own rules are tested in process in test/write/; the
// pre-commit hook in pre-commit-hook.test.ts.
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, validEntry } from "../helpers/entries.ts";
import { runKb, useRepos } from "../helpers/repo.ts";

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

  it("--out inside .git (an empty refs/tags passes the ownership check), one holding the repository, an empty --out and one that is not UTF-8: usage errors with their own reasons, nothing written (pass AN: --out / was \"inside .git\")", async () => {
    const r = repo();
    mkdirSync(path.join(r.dir, ".git/refs/tags"), { recursive: true });
    const cases: [string, string][] = [
      [".git/refs/tags", "/.git, which git owns; check --out"],
      [".", `it holds the repository (${r.dir}) itself; check --out`],
      ["..", `it holds the repository (${r.dir}) itself; check --out`],
      ["/", `refusing to use / as the output folder: it holds the repository (${r.dir}) itself; check --out`],
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
      expect(res.stderr, out).toMatch(/it is inside the git folder .+, which git owns; check --out/);
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
