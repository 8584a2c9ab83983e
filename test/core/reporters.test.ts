// Reporters only format the one diagnostic model: stylish for people, json for tools, github for PRs.
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../scripts/core/diagnostic.ts";
import { formatGithubAnnotations, formatGithubSummary } from "../../scripts/report/github.ts";
import { formatJson } from "../../scripts/report/json.ts";
import { formatStylish } from "../../scripts/report/stylish.ts";

const d = (over: Partial<Diagnostic> = {}): Diagnostic => ({
  file: "entries/api/a.json",
  line: 3,
  column: 5,
  pointer: "/dead_ends/0/action",
  severity: "error",
  rule: "kb/empty-text",
  message: "dead_ends[0].action is empty",
  hint: "say what people try",
  ...over,
});

describe("stylish", () => {
  it("groups by file with file:line:column severity rule message lines and a summary", () => {
    const out = formatStylish([d(), d({ line: 9, severity: "warning", rule: "kb/how-repeats-action", message: "how repeats", fixable: true }), d({ file: "entries/b/c.json" })], false);
    expect(out).toContain("entries/api/a.json:3:5 error kb/empty-text dead_ends[0].action is empty\n    hint: say what people try");
    expect(out).toContain("entries/api/a.json:9:5 warning kb/how-repeats-action how repeats");
    expect(out).toMatch(/how repeats\n    hint: say what people try\n\nentries\/b\/c\.json:3:5/);
    expect(out).toContain("✖ 3 problems (2 errors, 1 warning)");
    expect(out).toContain("1 of them can be fixed with: npx kb fix");
    expect(out).not.toContain("\u001b[");
  });

  it("colours only when asked", () => {
    expect(formatStylish([d()], true)).toContain("\u001b[");
    expect(formatStylish([], false)).toBe("✔ no problems\n");
  });
});

describe("json", () => {
  it("is exactly the diagnostics array", () => {
    const list = [d(), d({ hint: undefined })];
    expect(JSON.parse(formatJson(list))).toEqual(JSON.parse(JSON.stringify(list)));
  });
});

describe("github", () => {
  it("escapes workflow-command data and properties", () => {
    const out = formatGithubAnnotations([d({ file: "entries/a,b:c.json", message: "50% done\nnext line", hint: undefined, severity: "warning" })]);
    expect(out).toBe("::warning file=entries/a%2Cb%3Ac.json,line=3,col=5,title=kb/empty-text::50%25 done%0Anext line\n");
  });

  it("puts every diagnostic in the summary table, with pipes escaped", () => {
    const many = Array.from({ length: 40 }, (_, i) => d({ line: i + 1, message: `problem | ${i}` }));
    const md = formatGithubSummary(many);
    const rows = md.split("\n").filter((l) => l.startsWith("| error"));
    expect(rows).toHaveLength(40);
    expect(rows[0]).toContain("problem \\| 0");
    expect(md).toContain("40 errors, 0 warnings.");
  });
});
