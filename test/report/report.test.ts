// The reports: nothing a terminal would interpret reaches it (stylish, github annotations), the
// GitHub job summary stays under its limit, and SARIF validates against the SARIF 2.1.0 schema.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { createDiagnostic, type Diagnostic } from "../../scripts/model/diagnostic.ts";
import { formatGithubAnnotations, formatGithubSummary } from "../../scripts/report/github.ts";
import { formatJson } from "../../scripts/report/json.ts";
import { formatSarif } from "../../scripts/report/sarif.ts";
import { formatStylish } from "../../scripts/report/stylish.ts";
import { terminalSafe } from "../../scripts/report/terminal-text.ts";
import { unifiedDiff } from "../../scripts/report/unified-diff.ts";
import { allRules } from "../../scripts/lint/registry.ts";

const require = createRequire(import.meta.url);

const hostile = [
  "\u001b]8;;https://evil.example\u0007CLICK-ME\u001b]8;;\u0007",
  "\u001b[2J\u001b[Hfake",
  "\u001b]52;c;ZXZpbA==\u0007",
  "\u009b31m",
  "abc\u202edef",
];

const d = (message: string, file = "entries/demo/x.json"): Diagnostic => createDiagnostic({ file, line: 3, column: 5, pointer: "/x", severity: "error", rule: "kb/schema", message, hint: message });

describe("terminal safety", () => {
  it("shows every control, escape and bidi override as a visible escape", () => {
    for (const h of hostile) expect(terminalSafe(h)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
    expect(terminalSafe("\u001b[2J")).toBe("\\u001b[2J");
    // Line and paragraph separators, and invisible characters that make two names look alike.
    expect(terminalSafe("a\u2028b\u2029c\u200bd\u2060e\ufefff")).toBe("a\\u2028b\\u2029c\\u200bd\\u2060e\\ufefff");
    // The characters kb/control-characters keeps out of entries, from the same list: soft hyphen, Hangul filler.
    expect(terminalSafe("a\u00adb\u3164c\u034fd")).toBe("a\\u00adb\\u3164c\\u034fd");
    // Tag characters beyond U+FFFF become a pair of escapes, which JSON reads back as the same character.
    const tagged = `x${String.fromCodePoint(0xe0041)}y\u180ez`;
    expect(terminalSafe(tagged)).toBe("x\\udb40\\udc41y\\u180ez");
    expect(JSON.parse(`"${terminalSafe(tagged)}"`)).toBe(tagged);
    // Deprecated format characters, the Braille blank, text variation selectors, Mongolian selectors, shorthand format controls; the emoji selector U+FE0F stays.
    expect(terminalSafe(`a\u206ab\u2800c\ufe0ed\u180be${String.fromCodePoint(0x1bca0)}f\u26a0\ufe0f`)).toBe("a\\u206ab\\u2800c\\ufe0ed\\u180be\\ud82f\\udca0f\u26a0\ufe0f");
    expect(terminalSafe("👩‍💻 café")).toBe("👩‍💻 café"); // a joiner inside an emoji is text
  });

  it("stylish and github output carry no raw escape from messages, hints or file names", () => {
    const diagnostics = hostile.map((h) => d(`unknown key "${h}"`, `entries/demo/${h}.json`));
    const stylish = formatStylish(diagnostics, false);
    const github = formatGithubAnnotations(diagnostics);
    for (const out of [stylish, github]) expect(out).not.toMatch(/[\u001b\u0007\u009b\u202e]/u);
    expect(stylish).toContain("\\u001b]8;;https://evil.example\\u0007CLICK-ME");
  });

  it("stylish output carries no GitHub workflow command from keys or messages: no line starts with :: and no ##[ appears", () => {
    const stylish = formatStylish([d('unknown key "##[error]forged"'), d("x", "::error file=README.md::forged.json"), d("::warning::from a message")], false);
    for (const line of stylish.split("\n")) expect(line.trimStart(), line).not.toMatch(/^::/);
    expect(stylish).not.toContain("##[");
    expect(stylish).toContain('unknown key "#\\u0023[error]forged"');
  });

  it("JSON output keeps the exact text", () => {
    const json = JSON.parse(formatJson([d(hostile[0]!)])) as Diagnostic[];
    expect(json[0]!.message).toBe(hostile[0]);
  });

  it("JSON and SARIF write DEL, C1, bidi, invisible characters and ##[ as JSON escapes: the same value, nothing raw for a terminal or a CI log", () => {
    const sly = "a\u007fb\u0085c\u202ed\u200be\u00adf\u2066g##[error]h\u3164i";
    for (const out of [formatJson([d(sly)]), formatSarif([d(sly)], { version: "1.0.0", rules: [], rulesPage: undefined })]) {
      expect(out).not.toMatch(/[\u007f\u0085\u202e\u200b\u00ad\u2066\u3164]/u);
      expect(out).not.toContain("##[");
    }
    expect((JSON.parse(formatJson([d(sly)])) as Diagnostic[])[0]!.message).toBe(sly);
    expect(formatJson([d(sly)])).toContain("a\\u007fb\\u0085c\\u202ed\\u200be\\u00adf\\u2066g#\\u0023[error]h\\u3164i");
  });

  it("a message cannot forge another annotation with a line break", () => {
    const out = formatGithubAnnotations([d("first\n::error file=evil::forged")]);
    expect(out.trim().split("\n")).toHaveLength(1);
  });
});

describe("the GitHub job summary", () => {
  it("stays under its limit and says how many diagnostics it left out", () => {
    const many = Array.from({ length: 300 * 150 }, (_, i) => d(`unknown key "key_${i}_${"x".repeat(60)}"`, `entries/demo/file-${i % 300}.json`));
    const summary = formatGithubSummary(many);
    expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024);
    expect(summary).toMatch(/[0-9]+ more not shown here \(the summary is limited to 512 KiB\)/);
  });

  it("stays under its limit when controls in keys grow six-fold as they are spelled out as \\u0001", () => {
    const controls = Array.from({ length: 3 }, (_, i) => d(`unknown key "${"\u0001".repeat(15_000)}"`, `entries/demo/file-${i}.json`));
    const summary = formatGithubSummary(controls);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(512 * 1024);
    expect(summary).toContain("\\u0001");
    expect(summary).toMatch(/[0-9]+ more not shown here/);
    for (const limit of [2_000, 50_000, 200_000]) expect(Buffer.byteLength(formatGithubSummary(controls, "t", limit))).toBeLessThanOrEqual(limit);
  });
});

describe("SARIF", () => {
  it("validates against the SARIF 2.1.0 schema, with rule metadata and help links", () => {
    const { default: Ajv } = require("ajv") as { default: new (o: object) => { compile(s: object): ((v: unknown) => boolean) & { errors?: unknown } } };
    const addFormats = require("ajv-formats") as (a: unknown) => void;
    const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")) as Record<string, unknown>;
    // The schema is draft-04: its id keyword is the draft-07 $id; nothing else differs for ajv.
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const rules = allRules.map((r) => ({ id: r.meta.id, description: r.meta.description, why: r.meta.why, severity: r.meta.severity }));
    const log = JSON.parse(formatSarif([d("a problem"), createDiagnostic({ file: "entries/a b/x.json", line: 1, column: 1, severity: "warning", rule: "kb/no-match-examples", message: "w" })], { version: "1.2.3", rules, rulesPage: "https://github.com/owner/repo/blob/HEAD/docs/rules.md" }));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.rules.find((r: { id: string }) => r.id === "kb/schema").helpUri).toBe("https://github.com/owner/repo/blob/HEAD/docs/rules.md#kbschema");
    expect(run.results[1].locations[0].physicalLocation.artifactLocation.uri).toBe("entries/a%20b/x.json");
    expect(run.results[0].ruleIndex).toBe(rules.findIndex((r) => r.id === "kb/schema"));
  });
});

describe("SARIF file URIs", () => {
  const uriOf = (file: string) => JSON.parse(formatSarif([d("x", file)], { version: "1", rules: [], rulesPage: undefined })).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri as string;

  it("percent-encode # and ? so a file name never becomes a fragment or a query, and decode back to the name", () => {
    for (const file of ["entries/git/sp ace #1 %41 é.json", "entries/a?b=c/x.json", "entries/x/50%.json", "entries/a;b,c:d@e&f+g$h/x.json"]) {
      const uri = uriOf(file);
      const parsed = new URL(uri, "file:///root/");
      expect(parsed.hash, file).toBe("");
      expect(parsed.search, file).toBe("");
      expect(decodeURIComponent(parsed.pathname.slice("/root/".length)), file).toBe(file);
    }
  });

  it("a file name with a lone surrogate still gives a valid URI", () => {
    expect(() => uriOf("entries/x/\ud800.json")).not.toThrow();
  });
});

describe("the diff of kb fix --dry-run", () => {
  it("shows controls and bidi overrides in entry text and file names escaped", () => {
    const before = '{\n  "a": "x\u202eevil\u009b2J\u0085",\n  "b": "0.9"\n}\n';
    const after = '{\n  "a": "x\u202eevil\u009b2J\u0085",\n  "b": 0.9\n}\n';
    const out = unifiedDiff("entries/x/\u001b]52;c;aGk=\u0007.json", before, after);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
    expect(out).toContain("\\u202eevil\\u009b2J");
  });

  it("stays fast and small on a 1 MiB entry of 40,000 lines, one line changed or all of them", () => {
    const before = Array.from({ length: 40_000 }, (_, i) => `    "alias number ${i}",`);
    const oneChanged = before.map((l, i) => (i === 20_000 ? l.replace("alias", "ALIAS") : l));
    const allChanged = before.map((l) => l.trimStart());
    const started = Date.now();
    const one = unifiedDiff("entries/x/big.json", before.join("\n"), oneChanged.join("\n"));
    expect(one).toContain("@@ -19999,5 +19999,5 @@");
    expect(one.split("\n").filter((l) => /^[+-] /.test(l)).sort()).toEqual(['+    "ALIAS number 20000",', '-    "alias number 20000",']);
    const all = unifiedDiff("entries/x/big.json", before.join("\n"), allChanged.join("\n"));
    expect(all.split("\n").filter((l) => l.startsWith("-")).length).toBe(40_000 + 1);
    expect(all.split("\n").filter((l) => l.startsWith("+")).length).toBe(40_000 + 1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
