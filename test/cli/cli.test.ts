// The real CLI end to end on small temporary repositories: exit codes, the conventions people know
// from ESLint (paths that must exist, --quiet, --max-warnings, -o, --print-config, colours, config
// errors with their place), and that nothing is written or deleted on the strength of bad input.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { entryText, validEntry } from "../helpers/entries.ts";
import { makeRepo, ROOT, runKb, type TempRepo } from "../helpers/repo.ts";

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

function repo(files: Record<string, string | Buffer> = {}): TempRepo {
  const r = makeRepo({ "entries/demo/sample-error.json": entryText(validEntry()), ...files });
  repos.push(r);
  return r;
}

describe("paths that do not exist are errors, never 'no problems'", () => {
  it("a missing entries folder: exit 2, and build deletes nothing", async () => {
    const r = repo();
    expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
    const before = readdirSync(path.join(r.dir, "generated")).sort();
    const res = await runKb(["build", "--entries", "entriez"], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("the entries folder entriez does not exist");
    expect(readdirSync(path.join(r.dir, "generated")).sort()).toEqual(before);
  });

  it("an entries/ that is a link: lint, build and fix each report it at entries:1:1 and neither read nor write behind it", async () => {
    const outside = makeRepo({ "demo/sample-error.json": JSON.stringify(validEntry()) }); // valid, not canonical: kb fix would rewrite it
    repos.push(outside);
    const r = makeRepo();
    repos.push(r);
    symlinkSync(outside.dir, path.join(r.dir, "entries"));
    const before = readFileSync(path.join(outside.dir, "demo/sample-error.json"));
    for (const command of ["lint", "build", "fix"]) {
      const res = await runKb([command, "--no-python"], { cwd: r.dir });
      expect(res.code, command).toBe(1);
      expect(res.stdout, command).toContain("entries:1:1 error kb/stray-file the entries folder is a symbolic link; kb reads and fixes entries only inside the repository");
      expect(res.stdout, command).not.toContain("sample-error");
    }
    expect(readFileSync(path.join(outside.dir, "demo/sample-error.json"))).toEqual(before);
    expect(existsSync(path.join(r.dir, "generated"))).toBe(false);
  });

  it("an entries path that is a file: exit 2", async () => {
    const r = repo({ "notafolder": "x" });
    const res = await runKb(["lint", "--entries", "notafolder"], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("is not a folder");
  });

  it("a mistyped file to lint: exit 2", async () => {
    const r = repo();
    const res = await runKb(["lint", "entries/demo/typo.json"], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("entries/demo/typo.json does not exist");
  });

  it("an unreadable domain folder is a located error and build keeps that domain's outputs", async ({ skip }) => {
    const r = repo({ "entries/other/one-error.json": entryText(validEntry("other/one-error")) });
    expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
    expect(existsSync(path.join(r.dir, "generated/other/one-error.md"))).toBe(true);
    chmodSync(path.join(r.dir, "entries/other"), 0o000);
    try {
      // As root, permissions do not stop reads: run kb as an unprivileged user then.
      const asNobody = process.getuid?.() === 0;
      if (asNobody) chmodSync(r.dir, 0o777);
      // Root reads any folder, so the run drops to nobody, who must be able to reach this checkout
      // (a clone inside a 0700 folder, as mktemp -d makes, is out of its reach).
      if (asNobody && !(await nobodyCanRun())) return skip("nobody cannot reach this checkout's bin/kb.mjs");
      const res = asNobody ? await runAsNobody(["build"], r.dir) : await runKb(["build"], { cwd: r.dir });
      expect(res.code).toBe(1);
      expect(res.stdout).toMatch(/entries\/other:1:1 error kb\/unreadable-path this folder cannot be read \(EACCES\)/);
      expect(existsSync(path.join(r.dir, "generated/other/one-error.md"))).toBe(true);
    } finally {
      chmodSync(path.join(r.dir, "entries/other"), 0o755);
    }
  });
});

/** Runs kb as uid 65534 (setpriv), for permission tests when the suite runs as root. */
async function nobodyCanRun(): Promise<boolean> {
  const { spawnSync } = await import("node:child_process");
  const { KB_BIN } = await import("../helpers/repo.ts");
  return spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, "-e", `require("fs").accessSync(${JSON.stringify(KB_BIN)}, require("fs").constants.R_OK)`], { stdio: "ignore" }).status === 0;
}

async function runAsNobody(args: string[], cwd: string) {
  const { spawnSync } = await import("node:child_process");
  const { KB_BIN } = await import("../helpers/repo.ts");
  chmodRecursive(cwd);
  const res = spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, KB_BIN, ...args], {
    cwd,
    env: { ...process.env, KB_TODAY: "2026-12-01", NO_COLOR: "1", HOME: "/tmp" },
    encoding: "utf8",
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

function chmodRecursive(dir: string): void {
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, item.name);
    if (item.isSymbolicLink()) continue;
    if (item.isDirectory()) {
      if (item.name === "other" && p.includes("entries")) continue;
      chmodSync(p, 0o777);
      chmodRecursive(p);
    } else chmodSync(p, 0o666);
  }
}

describe("conventions people know", () => {
  it("--version prints the package version", async () => {
    const r = repo();
    const res = await runKb(["--version"], { cwd: r.dir });
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toMatch(/^[0-9]+\.[0-9]+\.[0-9]+$/);
  });

  it("--quiet hides warnings, --max-warnings turns too many into exit 1", async () => {
    const r = repo({ "entries/demo/sample-error.json": entryText(validEntry("demo/sample-error", { examples: { match: validEntry().examples!.match } })) });
    const plain = await runKb(["lint"], { cwd: r.dir });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("warning kb/no-match-examples");
    const quiet = await runKb(["lint", "--quiet"], { cwd: r.dir });
    expect(quiet.stdout).not.toContain("warning");
    const strict = await runKb(["lint", "--max-warnings", "0"], { cwd: r.dir });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("more than --max-warnings 0");
  });

  it("-o writes the report to a file, and nothing to stdout", async () => {
    const r = repo({ "entries/demo/sample-error.json": entryText(validEntry("demo/sample-error", { root_cause: "TODO: why" })) });
    const res = await runKb(["lint", "--format", "json", "-o", "report.json"], { cwd: r.dir });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe("");
    const report = JSON.parse(readFileSync(path.join(r.dir, "report.json"), "utf8")) as { rule: string }[];
    expect(report.map((d) => d.rule)).toContain("kb/empty-text");
  });

  it("-o never replaces an entry, an output, .git, a device, a FIFO or a link: exit 2, the target untouched", async () => {
    const entry = entryText(validEntry("demo/sample-error"));
    const r = repo({ "entries/demo/sample-error.json": entry, "generated/index.json": "{}\n", ".git/HEAD": "ref: refs/heads/main\n", "target.txt": "kept\n" });
    execFileSync("mkfifo", [path.join(r.dir, "pipe")]);
    symlinkSync(path.join(r.dir, "target.txt"), path.join(r.dir, "link"));
    for (const [target, why] of [
      ["entries/demo/sample-error.json", "inside"],
      ["generated/index.json", "inside"],
      [".git/HEAD", "inside"],
      ["pipe", "a FIFO"],
      ["link", "a symbolic link"],
      ["/dev/null", "a device or socket"],
    ] as const) {
      const res = await runKb(["lint", "-o", target], { cwd: r.dir });
      expect(res.code, target).toBe(2);
      expect(res.stderr, target).toContain(`refusing to write the report to`);
      expect(res.stderr, target).toContain(why);
    }
    expect(readFileSync(path.join(r.dir, "entries/demo/sample-error.json"), "utf8")).toBe(entry);
    expect(readFileSync(path.join(r.dir, ".git/HEAD"), "utf8")).toBe("ref: refs/heads/main\n");
    expect(lstatSync(path.join(r.dir, "pipe")).isFIFO()).toBe(true);
    expect(lstatSync(path.join(r.dir, "link")).isSymbolicLink()).toBe(true);
    expect(lstatSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("-o and --entries compare real paths: a link to a parent folder leads around neither, and kb's config files are protected too", async () => {
    const entry = entryText(validEntry("demo/sample-error"));
    const r = repo({ "entries/demo/sample-error.json": entry, ".git/HEAD": "ref: refs/heads/main\n", "kb.config.json": "{}\n" });
    expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
    const index = readFileSync(path.join(r.dir, "generated/index.json"), "utf8");
    mkdirSync(path.join(r.dir, "lnk"));
    symlinkSync(r.dir, path.join(r.dir, "lnk/root"));
    for (const target of ["lnk/root/entries/demo/sample-error.json", "lnk/root/.git/HEAD", "lnk/root/entries/demo/new.json", "kb.config.json", "lnk/root/lint-exceptions.json"]) {
      const res = await runKb(["lint", "-o", target], { cwd: r.dir });
      expect(res.code, target).toBe(2);
      expect(res.stderr, target).toContain("refusing to write the report to");
    }
    const fix = await runKb(["fix", "--entries", "lnk/root/generated"], { cwd: r.dir });
    expect(fix.code).toBe(2);
    expect(fix.stderr).toContain("the entries folder and the output folder overlap");
    expect(readFileSync(path.join(r.dir, "entries/demo/sample-error.json"), "utf8")).toBe(entry);
    expect(readFileSync(path.join(r.dir, ".git/HEAD"), "utf8")).toBe("ref: refs/heads/main\n");
    expect(readFileSync(path.join(r.dir, "kb.config.json"), "utf8")).toBe("{}\n");
    expect(existsSync(path.join(r.dir, "entries/demo/new.json"))).toBe(false);
    expect(readFileSync(path.join(r.dir, "generated/index.json"), "utf8")).toBe(index);
  });

  it("build --out a folder inside generated/ (a domain's) is refused, and the domain's views stay", async () => {
    const r = repo({ "entries/demo/sample-error.json": entryText(validEntry("demo/sample-error")) });
    expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
    const before = readdirSync(path.join(r.dir, "generated/demo")).sort();
    for (const out of ["generated/demo", "generated/demo/new"]) {
      const res = await runKb(["build", "--out", out], { cwd: r.dir });
      expect(res.code, out).toBe(2);
      expect(res.stderr, out).toContain("a folder kb build writes");
    }
    expect(readdirSync(path.join(r.dir, "generated/demo")).sort()).toEqual(before);
    expect((await runKb(["check"], { cwd: r.dir })).code).toBe(0);
  });

  it("--print-config writes C1 and bidi controls of a path as JSON escapes, the same JSON value", async () => {
    const r = repo({});
    const dir = path.join(r.dir, "x\u202e\u009b31m");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "kb.config.json"), "{}\n");
    const res = await runKb(["lint", "--print-config", "--config", path.join(dir, "kb.config.json")], { cwd: r.dir });
    expect(res.code).toBe(0);
    expect(res.stdout).not.toMatch(/[\u0080-\u009f\u202a-\u202e]/);
    expect(res.stdout).toContain("\\u202e\\u009b31m");
    expect((JSON.parse(res.stdout) as { config: string }).config).toContain("x\u202e\u009b31m");
  });

  it("--entries and --out that overlap are a usage error, and kb fix rewrites no output", async () => {
    const r = repo({ "entries/demo/sample-error.json": entryText(validEntry("demo/sample-error")) });
    expect((await runKb(["build"], { cwd: r.dir })).code).toBe(0);
    const index = readFileSync(path.join(r.dir, "generated/index.json"), "utf8");
    for (const args of [["fix", "--entries", "generated"], ["lint", "--entries", "generated/demo"], ["build", "--out", "entries"], ["build", "--entries", ".", "--out", "generated"]]) {
      const res = await runKb(args, { cwd: r.dir });
      expect(res.code, args.join(" ")).toBe(2);
      expect(res.stderr, args.join(" ")).toContain("the entries folder and the output folder overlap");
    }
    expect(readFileSync(path.join(r.dir, "generated/index.json"), "utf8")).toBe(index);
  });

  it("--print-config shows the resolved settings", async () => {
    const r = repo({ "kb.config.json": JSON.stringify({ rules: { "kb/no-match-examples": "off" } }) });
    const res = await runKb(["lint", "--print-config"], { cwd: r.dir });
    expect(res.code).toBe(0);
    const config = JSON.parse(res.stdout) as { rules: Record<string, string>; root: string };
    expect(config.rules["kb/no-match-examples"]).toBe("off");
    expect(config.root).toBe(r.dir);
  });

  it("colours follow --color, FORCE_COLOR (0 is off) and NO_COLOR", async () => {
    const r = repo({ "entries/demo/sample-error.json": entryText(validEntry("demo/sample-error", { root_cause: "TODO: why" })) });
    const esc = "\u001b[";
    expect((await runKb(["--color", "lint"], { cwd: r.dir })).stdout).toContain(esc);
    expect((await runKb(["lint"], { cwd: r.dir, env: { NO_COLOR: undefined, FORCE_COLOR: "1" } })).stdout).toContain(esc);
    expect((await runKb(["lint"], { cwd: r.dir, env: { NO_COLOR: undefined, FORCE_COLOR: "0" } })).stdout).not.toContain(esc);
    expect((await runKb(["lint"], { cwd: r.dir, env: { NO_COLOR: "1" } })).stdout).not.toContain(esc);
    expect((await runKb(["--no-color", "lint"], { cwd: r.dir, env: { NO_COLOR: undefined, FORCE_COLOR: "1" } })).stdout).not.toContain(esc);
  });

  it("the repository root is found by walking up: kb build from entries/demo builds the repository", async () => {
    const r = repo();
    const res = await runKb(["build"], { cwd: path.join(r.dir, "entries/demo") });
    expect(res.code).toBe(0);
    expect(existsSync(path.join(r.dir, "generated/README.md"))).toBe(true);
    expect(existsSync(path.join(r.dir, "entries/demo/generated"))).toBe(false);
  });

  it("prints a completion script for each shell", async () => {
    const r = repo();
    for (const shell of ["bash", "zsh", "fish"]) {
      const res = await runKb(["completion", shell], { cwd: r.dir });
      expect(res.code).toBe(0);
      expect(res.stdout).toContain("lint");
      expect(res.stdout).toContain("max-warnings");
    }
    expect((await runKb(["completion", "tcsh"], { cwd: r.dir })).code).toBe(2);
  });
});

describe("kb.config.json", () => {
  it("an unknown key is a usage error with its place and a suggestion", async () => {
    const r = repo({ "kb.config.json": '{\n  "rulez": {}\n}\n' });
    const res = await runKb(["lint"], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('kb.config.json:2:3 unknown key "rulez" in the config (did you mean "rules"?)');
  });

  it("rules turn a rule off or down, but never a structural one", async () => {
    const broken = entryText(validEntry("demo/sample-error", { root_cause: "TODO: why" }));
    const r = repo({ "entries/demo/sample-error.json": broken, "kb.config.json": JSON.stringify({ rules: { "kb/empty-text": "warn" } }) });
    const res = await runKb(["lint"], { cwd: r.dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("warning kb/empty-text");
    writeFileSync(path.join(r.dir, "kb.config.json"), JSON.stringify({ rules: { "kb/schema": "off" } }));
    const structural = await runKb(["lint"], { cwd: r.dir });
    expect(structural.code).toBe(2);
    expect(structural.stderr).toContain("kb/schema is a structural rule");
  });

  it("a config that is not JSON is a usage error with its place", async () => {
    const r = repo({ "kb.config.json": '{\n  "limits": {,}\n}\n' });
    const res = await runKb(["lint"], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/kb\.config\.json:2:\d+ invalid JSON/);
  });
});

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
      [".git/refs/tags", "it is inside .git (or holds it), which git owns; check --out"],
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

describe("exit codes", () => {
  it("0 clean, 1 errors, 2 usage, and no stack trace", async () => {
    const r = repo();
    expect((await runKb(["lint"], { cwd: r.dir })).code).toBe(0);
    writeFileSync(path.join(r.dir, "entries/demo/sample-error.json"), "{");
    const broken = await runKb(["lint"], { cwd: r.dir });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("kb/json-syntax");
    const usage = await runKb(["lint", "--format", "nope"], { cwd: r.dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("argv echoed back to a terminal", () => {
  const hostile = "\u001b]52;c;aGk=\u0007\u001b[2J\u202e";
  const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

  it("unknown commands, unknown options and invalid choices show controls escaped, and an error stays one line", async () => {
    const r = repo();
    for (const args of [[`nosuch${hostile}`], ["lint", `--bogus${hostile}`], ["lint", "--format", hostile], ["completion", hostile], ["rules", `a\nkb: forged${hostile}`]]) {
      const run = await runKb(args, { cwd: r.dir });
      expect(run.code).toBe(2);
      expect(run.stderr, args.join(" ")).not.toMatch(raw);
      expect(run.stderr).not.toMatch(/^kb: forged/m);
    }
  });

  it("kb build names an output folder from argv with its controls escaped", async () => {
    const r = repo({ "entries/demo/sample-error.json": "{" });
    const run = await runKb(["build", "--no-python", "--out", `gen${hostile}`], { cwd: r.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("nothing written to gen\\u001b]52");
    expect(run.stderr).not.toMatch(raw);
  });
});

describe("kb hooks install", () => {
  it("writes an executable pre-commit hook that fixes and blocks, never commits unstaged changes, and never replaces a hook of someone else's without --force", async () => {
    const r = repo();
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: r.dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    git("init", "-q");
    symlinkSync(path.join(ROOT, "bin"), path.join(r.dir, "bin")); // the hook runs `node bin/kb.mjs` from the top of the checkout
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
    let blocked = "";
    try {
      git("commit", "-q", "-m", "broken");
    } catch (e) {
      blocked = String((e as { stderr?: string }).stderr);
    }
    expect(blocked).toContain("error-kb: commit blocked");
    expect(git("log", "--format=%s")).toBe("fixable\n");

    // Staged work beside unstaged work in one entry: the hook never commits the unstaged part.
    writeFileSync(file, entryText(validEntry("demo/sample-error", { root_cause: "Staged cause." })));
    git("add", "entries");
    writeFileSync(file, entryText(validEntry("demo/sample-error", { root_cause: "Unstaged cause, not meant for this commit." })));
    blocked = "";
    try {
      git("commit", "-q", "-m", "partly staged");
    } catch (e) {
      blocked = String((e as { stderr?: string }).stderr);
    }
    expect(blocked).toContain("these staged entries also have unstaged changes");
    expect(blocked).toContain("entries/demo/sample-error.json");
    expect(git("log", "--format=%s")).toBe("fixable\n");
    expect(git("show", ":entries/demo/sample-error.json")).toContain("Staged cause.");
    expect(readFileSync(file, "utf8")).toContain("Unstaged cause");
  });
});
