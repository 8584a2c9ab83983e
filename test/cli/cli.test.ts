// The real CLI end to end on small temporary repositories: paths that must exist, kb.config.json, exit
// codes, and argv echoed back to a terminal; nothing is written or deleted on the strength of bad input.
// (The conventions people know from ESLint and the output folder have files of their own, so the
// three run in parallel.)
import { chmodSync, existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, validEntry } from "../helpers/entries.ts";
import { makeRepo, runKb, useRepos } from "../helpers/repo.ts";

const repo = useRepos(() => ({ "entries/demo/sample-error.json": entryText(validEntry()) }));

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
    const outside = repo.keep(makeRepo({ "demo/sample-error.json": JSON.stringify(validEntry()) })); // valid, not canonical: kb fix would rewrite it
    const r = repo.keep(makeRepo());
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
