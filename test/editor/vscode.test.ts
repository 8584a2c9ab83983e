// What VS Code gets from the repository: the schemas .vscode/settings.json points at exist in
// generated/ and say what kb itself accepts, and the lint task's problem matcher reads every
// diagnostic kb prints (file, line, column, severity, rule and message), none more, none fewer.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { allRules } from "../../scripts/lint/registry.ts";
import { ADJUSTABLE_RULE_IDS, configSchema, exceptionsSchema } from "../../scripts/model/config-schema.ts";
import { entryText, validEntry } from "../helpers/entries.ts";
import { makeRepo, ROOT, runKb } from "../helpers/repo.ts";

const settings = JSON.parse(readFileSync(path.join(ROOT, ".vscode/settings.json"), "utf8")) as { "json.schemas": { fileMatch: string[]; url: string }[] };
const tasks = JSON.parse(readFileSync(path.join(ROOT, ".vscode/tasks.json"), "utf8")) as { tasks: { label: string; command: string; problemMatcher: { pattern: { regexp: string } } }[] };

describe(".vscode/settings.json", () => {
  it("points each settings file at a committed schema that is kb's own", () => {
    const byFile = new Map(settings["json.schemas"].map((s) => [s.fileMatch[0], s.url]));
    expect([...byFile.keys()].sort()).toEqual(["/entries/**/*.json", "/kb.config.json", "/lint-exceptions.json"]);
    for (const url of byFile.values()) expect(existsSync(path.join(ROOT, url)), url).toBe(true);
    expect(JSON.parse(readFileSync(path.join(ROOT, byFile.get("/kb.config.json")!), "utf8"))).toEqual(JSON.parse(JSON.stringify(configSchema)));
    expect(JSON.parse(readFileSync(path.join(ROOT, byFile.get("/lint-exceptions.json")!), "utf8"))).toEqual(JSON.parse(JSON.stringify(exceptionsSchema)));
  });

  it("offers exactly the rules that may be excepted or re-severed, never a structural one", () => {
    expect([...ADJUSTABLE_RULE_IDS].sort()).toEqual(allRules.filter((r) => !r.meta.structural).map((r) => r.meta.id).sort());
    const ajv = new Ajv2020({ strict: false });
    const exceptions = ajv.compile(exceptionsSchema);
    expect(exceptions([{ rule: "kb/how-repeats-action", entry: "api/foo", reason: "The steps really are one command." }])).toBe(true);
    expect(exceptions([{ rule: "kb/schema", entry: "api/foo", reason: "Structural rules cannot be excepted." }])).toBe(false);
    const config = ajv.compile(configSchema);
    expect(config({ rules: { "kb/regex-specificity": "warn" } })).toBe(true);
    expect(config({ rules: { "kb/json-syntax": "off" } })).toBe(false);
    expect(config({ rule: {} })).toBe(false);
  });

  it("takes as repositoryUrl only an https URL a SARIF viewer can link to (pass AN: quotes, <>, backslashes and controls passed)", () => {
    const config = new Ajv2020({ strict: false }).compile(configSchema);
    for (const url of ["https://github.com/owner/repo", "https://git.example.com:8443/group/sub/repo.git", "https://example.com/kb/"]) expect(config({ repositoryUrl: url }), url).toBe(true);
    for (const url of ['https://x/"onmouseover="a', "https://x/<script>", "https://x\\y", "https://x/\u0007", "https://x/\u001b]8;;", "http://x/y", "https://", "https://x/y?q=1", "https://x/y#z", "https://-x/"]) expect(config({ repositoryUrl: url }), url).toBe(false);
  });
});

describe(".vscode/tasks.json", () => {
  it("its problem matcher reads every diagnostic of kb lint, with its rule and severity", async () => {
    const task = tasks.tasks.find((t) => t.label === "kb lint")!;
    expect(task.command).toContain("kb lint");
    const matcher = new RegExp(task.problemMatcher.pattern.regexp);
    const entry = validEntry("demo/sample-error");
    const bad = { ...entry, regex: "sample (error", workarounds: [{ ...entry.workarounds[0]!, how: entry.workarounds[0]!.action }] };
    const repo = makeRepo({ "entries/demo/sample-error.json": entryText(bad), "entries/demo/other.json": "{ \"id\": \"demo/other\", }\n" });
    try {
      const stylish = await runKb(["lint", "--no-color"], { cwd: repo.dir });
      const json = await runKb(["lint", "--format", "json"], { cwd: repo.dir });
      const expected = JSON.parse(json.stdout) as { file: string; line: number; column: number; severity: string; rule: string }[];
      expect(expected.length).toBeGreaterThanOrEqual(3);
      const matched = stylish.stdout.split("\n").flatMap((line) => {
        const m = matcher.exec(line);
        return m ? [{ file: m[1], line: Number(m[2]), column: Number(m[3]), severity: m[4], rule: m[5] }] : [];
      });
      expect(matched).toEqual(expected.map(({ file, line, column, severity, rule }) => ({ file, line, column, severity, rule })));
    } finally {
      repo.cleanup();
    }
  });
});
