// End to end through the real CLI on temporary repositories: exit codes, reporters, build, check,
// and the raw seed entry that started the project.
import { copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { canonicalText } from "../../scripts/fix/canonical.ts";
import { copyShippedRepo, FIXTURES, makeRepo, runKb, snapshotTree, validEntry, type RunResult } from "../helpers/repo.ts";

// The raw seed entry the project started from (shared/seeds/001_*.txt), kept verbatim in the repo.
const SEED = path.join(FIXTURES, "seed/raw-seed-entry.json");
const SEED_TARGET = "entries/api/oauth2-invalid-grant-refresh-token-expired.json";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function repo(withGenerated = false) {
  const r = copyShippedRepo(withGenerated);
  cleanups.push(r.cleanup);
  return r.dir;
}

const noStackTrace = (r: RunResult) => expect(r.stderr + r.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe("kb lint", () => {
  it("passes on the shipped entries", async () => {
    const r = await runKb(["lint"], { cwd: repo() });
    expect(r.stdout).toContain("no problems");
    expect(r.code).toBe(0);
  });

  it("reports each empty dead-end action of the raw seed at its own line, exit 1", async () => {
    const dir = repo();
    copyFileSync(SEED, path.join(dir, SEED_TARGET));
    const r = await runKb(["lint", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(1);
    const diagnostics = JSON.parse(r.stdout) as { file: string; line: number; pointer: string; rule: string }[];
    const seedLines = readFileSync(SEED, "utf8").split("\n");
    const emptyActionLines = seedLines.map((l, i) => (l.trim() === '"action": "",' ? i + 1 : 0)).filter(Boolean);
    expect(emptyActionLines).toHaveLength(3);
    const empty = diagnostics.filter((d) => d.rule === "kb/empty-text");
    expect(empty.map((d) => [d.pointer, d.line])).toEqual([
      ["/dead_ends/0/action", emptyActionLines[0]],
      ["/dead_ends/1/action", emptyActionLines[1]],
      ["/dead_ends/2/action", emptyActionLines[2]],
    ]);
    expect(diagnostics.every((d) => d.file === SEED_TARGET)).toBe(true);
    expect(diagnostics.map((d) => d.rule)).toEqual(expect.arrayContaining(["kb/regex-matches-signature", "kb/how-repeats-action"]));
  });

  it("prints file:line:column rule message in the stylish report", async () => {
    const dir = repo();
    copyFileSync(SEED, path.join(dir, SEED_TARGET));
    const r = await runKb(["lint"], { cwd: dir });
    expect(r.stdout).toMatch(/^entries\/api\/oauth2-invalid-grant-refresh-token-expired\.json:\d+:\d+ error kb\/empty-text dead_ends\[0\]\.action is empty$/m);
    expect(r.stdout).toMatch(/✖ \d+ problems \(\d+ errors, \d+ warnings\)/);
    expect(r.stdout).not.toContain("\u001b[");
    noStackTrace(r);
  });

  it("writes GitHub annotations and a summary table with every diagnostic", async () => {
    const dir = repo();
    copyFileSync(SEED, path.join(dir, SEED_TARGET));
    const summary = path.join(dir, "summary.md");
    const r = await runKb(["lint", "--format", "github"], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    const annotations = r.stdout.trim().split("\n");
    expect(annotations.every((l) => /^::(error|warning) file=entries\/api\/[^,]+,line=\d+,col=\d+,title=kb\/[a-z-]+::.+/.test(l))).toBe(true);
    const json = JSON.parse((await runKb(["lint", "--format", "json"], { cwd: dir })).stdout) as unknown[];
    expect(annotations).toHaveLength(json.length);
    const table = readFileSync(summary, "utf8");
    expect(table.split("\n").filter((l) => l.startsWith("| ") && l.includes("kb/")).length).toBe(json.length);
  });
});

describe("kb build", () => {
  it("writes nothing when lint finds errors (raw seed), leaving generated/ byte-identical", async () => {
    const dir = repo(true);
    const before = snapshotTree(path.join(dir, "generated"));
    copyFileSync(SEED, path.join(dir, SEED_TARGET));
    const r = await runKb(["build"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("nothing written");
    expect(snapshotTree(path.join(dir, "generated"))).toEqual(before);
  });

  it("is deterministic: two fresh builds give byte-identical trees equal to the committed generated/", async () => {
    const a = repo();
    const b = repo();
    expect((await runKb(["build"], { cwd: a })).code).toBe(0);
    expect((await runKb(["build", "--threads", "1"], { cwd: b })).code).toBe(0);
    const treeA = snapshotTree(path.join(a, "generated"));
    expect(treeA).toEqual(snapshotTree(path.join(b, "generated")));
    expect(treeA).toEqual(snapshotTree(path.resolve(__dirname, "../../generated")));
    for (const content of Object.values(treeA)) {
      expect(content.endsWith("\n")).toBe(true);
      expect(content).not.toContain("\r");
    }
  });

  it("rewrites only changed files and removes outputs of deleted entries", async () => {
    const dir = repo(true);
    const gen = path.join(dir, "generated");
    const untouched = path.join(gen, "git/push-rejected-non-fast-forward.md");
    const mtime = statSync(untouched).mtimeMs;
    rmSync(path.join(dir, "entries/docker/permission-denied-docker-daemon-socket.json"));
    const r = await runKb(["build"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(() => statSync(path.join(gen, "docker/permission-denied-docker-daemon-socket.md"))).toThrow();
    expect(() => statSync(path.join(gen, "docker"))).toThrow();
    expect(statSync(untouched).mtimeMs).toBe(mtime);
    expect((await runKb(["check"], { cwd: dir })).code).toBe(0);
  });

  it("refuses to write into a folder it did not create", async () => {
    const r0 = makeRepo({ [`entries/demo/sample-error.json`]: canonicalText(validEntry("demo/sample-error")), "notes/keep.txt": "mine\n" });
    cleanups.push(r0.cleanup);
    const r = await runKb(["build", "--out", "notes"], { cwd: r0.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain("internal error");
    expect(r.stderr).toContain("refusing to write");
    expect(readFileSync(path.join(r0.dir, "notes/keep.txt"), "utf8")).toBe("mine\n");
    noStackTrace(r);
  });
});

describe("kb check", () => {
  it("passes on a fresh build and names stale, missing and extra files", async () => {
    const dir = repo(true);
    expect((await runKb(["check"], { cwd: dir })).code).toBe(0);
    const gen = path.join(dir, "generated");
    writeFileSync(path.join(gen, "api/http-429-too-many-requests.md"), "hand edit\n");
    rmSync(path.join(gen, "node/err-require-esm.md"));
    writeFileSync(path.join(gen, "api/stray.md"), "extra\n");
    const r = await runKb(["check", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as { file: string; message: string }[]).map((d) => `${d.file} ${d.message.split(":")[0]}`);
    expect(found).toEqual([
      "generated/api/http-429-too-many-requests.md is stale",
      "generated/api/stray.md is extra",
      "generated/node/err-require-esm.md is missing",
    ]);
  });
});

describe("exit codes and help", () => {
  it("exits 2 on bad usage", async () => {
    const dir = repo();
    for (const args of [["lint", "--format", "xml"], ["frobnicate"], ["lint", "--no-such-flag"], ["build", "--threads", "zero"]]) {
      const r = await runKb(args, { cwd: dir });
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      noStackTrace(r);
    }
  });

  it("exits 2 on a broken kb.config.json", async () => {
    const dir = repo();
    writeFileSync(path.join(dir, "kb.config.json"), '{ "limits": { "maxFileBytes": -1 } }');
    const r = await runKb(["lint"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("maxFileBytes");
  });

  it("describes every command in --help", async () => {
    const dir = repo();
    const r = await runKb(["--help"], { cwd: dir });
    expect(r.code).toBe(0);
    for (const cmd of ["lint", "build", "check", "fix"]) expect(r.stdout).toContain(cmd);
    const lint = await runKb(["lint", "--help"], { cwd: dir });
    expect(lint.code).toBe(0);
    for (const opt of ["--entries", "--out", "--format"]) expect(lint.stdout).toContain(opt);
  });
});
