// Contributor commands end to end on temporary repositories: new, rules (and the docs page), the
// pre-commit hook in a real git repository, lint --watch, and lint-exceptions.json.
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { collectRuleExamples } from "../../scripts/docs/rule-examples.ts";
import { renderRulesPage, ruleAnchor } from "../../scripts/docs/rules-page.ts";
import { canonicalText } from "../../scripts/fix/canonical.ts";
import { allRules } from "../../scripts/rules/registry.ts";
import { copyShippedRepo, KB_BIN, makeRepo, ROOT, runKb, TODAY, validEntry } from "../helpers/repo.ts";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const shipped = () => {
  const r = copyShippedRepo();
  cleanups.push(r.cleanup);
  return r.dir;
};

describe("kb new", () => {
  it("scaffolds every required field with placeholders that lint rejects", async () => {
    const dir = shipped();
    const res = await runKb(["new", "demo/brand-new-error"], { cwd: dir });
    expect(res.code).toBe(0);
    const text = readFileSync(path.join(dir, "entries/demo/brand-new-error.json"), "utf8");
    const value = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(value).slice(0, 4)).toEqual(["id", "signature", "regex", "domain"]);
    expect(value.last_updated).toBe(TODAY);
    expect(text).toBe(canonicalText(value));
    const lint = await runKb(["lint", "entries/demo/brand-new-error.json", "--format", "json"], { cwd: dir });
    expect(lint.code).toBe(1);
    expect((JSON.parse(lint.stdout) as unknown[]).length).toBeGreaterThanOrEqual(4);
  });

  it("refuses to overwrite an entry and rejects an invalid id with the reason", async () => {
    const dir = shipped();
    const again = await runKb(["new", "node/err-require-esm"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
    const bad = await runKb(["new", "Node/ERR_X"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("not lowercase kebab-case");
    const deep = await runKb(["new", "node/a/b"], { cwd: dir });
    expect(deep.code).toBe(2);
  });

  it("--from pre-fills a matching regex and lists entries that already match", async () => {
    const dir = shipped();
    const text = "Error: listen EADDRINUSE: address already in use 127.0.0.1:8080 (pid [42])";
    const res = await runKb(["new", "node/port-taken", "--from", text], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("node/eaddrinuse-address-already-in-use");
    const value = JSON.parse(readFileSync(path.join(dir, "entries/node/port-taken.json"), "utf8")) as { signature: string; regex: string };
    expect(value.signature).toBe(text);
    expect(new RegExp(value.regex, "iu").exec(text)?.[0]).toBe(text);
  });
});

describe("kb rules and docs/rules.md", () => {
  it("lists every rule with severity and fixability", async () => {
    const res = await runKb(["rules", "--format", "json"], { cwd: ROOT });
    const rules = JSON.parse(res.stdout) as { id: string; fixable: boolean; docs: string }[];
    expect(rules.map((r) => r.id)).toEqual(allRules.map((r) => r.id));
    expect(rules.find((r) => r.id === "kb/canonical-format")?.fixable).toBe(true);
    for (const r of rules) expect(r.docs).toBe(`docs/rules.md#${ruleAnchor(r.id)}`);
  });

  it("has docs for every rule, and the committed page is what the rules and fixtures produce", async () => {
    const examples = await collectRuleExamples(ROOT, TODAY);
    const page = renderRulesPage(allRules, examples);
    for (const rule of allRules) {
      expect(rule.docs.why.length).toBeGreaterThan(20);
      expect(page).toContain(`## ${rule.id}\n`);
      if (rule.id !== "kb/generated-up-to-date") expect(examples.get(rule.id)?.bad?.diagnostics.length).toBeGreaterThan(0);
    }
    expect(readFileSync(path.join(ROOT, "docs/rules.md"), "utf8")).toBe(page);
  });
});

describe("pre-commit hook", () => {
  it("fixes and re-stages staged entries, and blocks a commit with errors", async () => {
    const r = makeRepo({ "entries/demo/sample-error.json": JSON.stringify(validEntry("demo/sample-error"), null, 4) });
    cleanups.push(r.cleanup);
    symlinkSync(path.join(ROOT, "bin"), path.join(r.dir, "bin"));
    const git = (...args: string[]) => execFileSync("git", args, { cwd: r.dir, encoding: "utf8", env: { ...process.env, KB_TODAY: TODAY, NO_COLOR: "1" } });
    git("init", "-q");
    git("config", "user.email", "t@example.com");
    git("config", "user.name", "Test");
    const res = await runKb(["hooks", "install"], { cwd: r.dir });
    expect(res.code).toBe(0);
    git("add", "entries");
    git("commit", "-qm", "add entry");
    const committed = git("show", "HEAD:entries/demo/sample-error.json");
    expect(committed).toBe(canonicalText(validEntry("demo/sample-error")));

    writeFileSync(path.join(r.dir, "entries/demo/sample-error.json"), canonicalText(validEntry("demo/sample-error", { regex: "(" })));
    git("add", "entries");
    expect(() => git("commit", "-qm", "broken")).toThrow();
    expect(git("log", "--oneline").trim().split("\n")).toHaveLength(1);
  });
});

describe("kb lint --watch", () => {
  it("prints a fresh report after an entry changes", async () => {
    const r = makeRepo({ "entries/demo/sample-error.json": canonicalText(validEntry("demo/sample-error")) });
    cleanups.push(r.cleanup);
    const child = spawn(process.execPath, [KB_BIN, "lint", "--watch"], { cwd: r.dir, env: { ...process.env, KB_TODAY: TODAY, NO_COLOR: "1" } });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    const waitFor = (needle: string) =>
      new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const tick = setInterval(() => {
          if (out.includes(needle)) {
            clearInterval(tick);
            resolve();
          } else if (Date.now() - started > 20_000) {
            clearInterval(tick);
            reject(new Error(`no "${needle}" in: ${out}`));
          }
        }, 50);
      });
    try {
      await waitFor("no problems");
      writeFileSync(path.join(r.dir, "entries/demo/sample-error.json"), canonicalText(validEntry("demo/sample-error", { domain: "other" })));
      await waitFor("kb/domain-matches-id");
    } finally {
      child.kill("SIGKILL");
    }
  });
});

describe("lint-exceptions.json", () => {
  it("silences one rule for one entry, and only that", async () => {
    const entry = validEntry("demo/sample-error", { workarounds: [{ action: "Delete the file", success_rate: 0.8, how: "Delete the file", condition: "", sources: [] }], domain: "other" });
    const r = makeRepo({
      "entries/demo/sample-error.json": canonicalText(entry),
      "lint-exceptions.json": JSON.stringify([{ rule: "kb/how-repeats-action", entry: "demo/sample-error", reason: "The action is the whole procedure." }]),
    });
    cleanups.push(r.cleanup);
    const res = await runKb(["lint", "--format", "json"], { cwd: r.dir });
    const rules = (JSON.parse(res.stdout) as { rule: string }[]).map((d) => d.rule);
    expect(rules).toEqual(["kb/domain-matches-id"]);
  });
});
