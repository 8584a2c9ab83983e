// The conventions people know from ESLint, through the real CLI: --quiet, --max-warnings, -o,
// --print-config, --version, colours, formats, config and root found by walking up.
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, validEntry } from "../helpers/entries.ts";
import { runKb, useRepos } from "../helpers/repo.ts";

const repo = useRepos(() => ({ "entries/demo/sample-error.json": entryText(validEntry()) }));

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

  it("kb build and kb fix -o write the report even when the corpus is clean; an invalid --max-warnings, --format, --threads or --limit is a usage error before anything is written", async () => {
    const r = repo();
    const clean = await runKb(["build", "--format", "json", "-o", "report.json"], { cwd: r.dir });
    expect(clean.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(r.dir, "report.json"), "utf8"))).toEqual([]);
    // kb fix too (it wrote no report when clean, pass V).
    const fixed = await runKb(["fix", "--format", "json", "-o", "fix-report.json"], { cwd: r.dir });
    expect(fixed.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(r.dir, "fix-report.json"), "utf8"))).toEqual([]);
    for (const value of ["banana", "", " ", "1.5"]) {
      const fresh = repo();
      const res = await runKb(["build", "--max-warnings", value], { cwd: fresh.dir });
      expect(res.stderr).toContain("--max-warnings must be a whole number");
      expect(res.code).toBe(2);
      expect(existsSync(path.join(fresh.dir, "generated"))).toBe(false);
    }
    const format = await runKb(["check", "--format", "xml"], { cwd: r.dir });
    expect(format.code).toBe(2);
    // Numbers in flags are decimal digits: Number() also took 0x2, 1e3 and "".
    for (const [args, says] of [
      [["lint", "--threads", "0x2"], "--threads must be a whole number"],
      [["lookup", "--limit", "1e3", "x"], "--limit must be a whole number"],
    ] as const) {
      const res = await runKb(args, { cwd: r.dir });
      expect(res.stderr).toContain(says);
      expect(res.code).toBe(2);
    }
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
    // kb fix checks where -o points before it rewrites anything (it rewrote, then refused: pass W).
    const unfixed = JSON.stringify(JSON.parse(entry));
    writeFileSync(path.join(r.dir, "entries/demo/sample-error.json"), unfixed);
    const early = await runKb(["fix", "-o", "generated/r.txt"], { cwd: r.dir });
    expect(early.code).toBe(2);
    expect(early.stderr).toContain("refusing to write the report to");
    expect(readFileSync(path.join(r.dir, "entries/demo/sample-error.json"), "utf8")).toBe(unfixed);
    writeFileSync(path.join(r.dir, "entries/demo/sample-error.json"), entry);
    // An empty name is a typo, not the working folder ("it is a folder", pass V): kb fix reports too.
    for (const command of ["lint", "fix"]) {
      const res = await runKb([command, "-o", ""], { cwd: r.dir });
      expect(res.code, command).toBe(2);
      expect(res.stderr, command).toContain("-o/--output-file is empty");
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
    const r = repo({ "kb.config.json": JSON.stringify({ rules: { "kb/no-match-examples": "off" }, repositoryUrl: "https://example.com/kb" }) });
    const res = await runKb(["lint", "--print-config"], { cwd: r.dir });
    expect(res.code).toBe(0);
    const config = JSON.parse(res.stdout) as { rules: Record<string, string>; root: string; repositoryUrl: string };
    expect(config.rules["kb/no-match-examples"]).toBe("off");
    expect(config.root).toBe(r.dir);
    expect(config.repositoryUrl).toBe("https://example.com/kb"); // used for SARIF links; left out before pass V
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
