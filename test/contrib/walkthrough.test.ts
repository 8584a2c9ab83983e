// A new contributor's first entry, with the common mistakes made on purpose: every one is reported in
// the first run (one wave, not a schema stage and then the rest), each at its place with a hint, and
// `kb new` and `kb fix` behave as the guide says.
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scaffoldEntry } from "../../scripts/authoring/scaffold.ts";
import { pickErrorLine } from "../../scripts/authoring/error-line.ts";
import { writeFileAtomic } from "../../scripts/write/atomic.ts";
import { entryText, validEntry } from "../helpers/entries.ts";
import { makeRepo, runKb, type TempRepo } from "../helpers/repo.ts";
import { lintCase } from "../helpers/rule-tester.ts";

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

describe("one wave of precise diagnostics", () => {
  it("reports every common mistake in the first run", async () => {
    const base = validEntry("postgresql/role-does-not-exist") as unknown as Record<string, unknown>;
    const entry = {
      ...base,
      signature: 'pq: role "alice" does not exist (SQLSTATE 28000)',
      // an unescaped ( ): the regex stops where the text has the parenthesis
      regex: 'role "[^"]+" does not exist (SQLSTATE 28000)',
      root_cuase: "typo",
      verification_tier: "reviewed",
      last_updated: "2025-13-01",
      examples: undefined,
    };
    const text = entryText(entry);
    const diagnostics = await lintCase({ name: "walkthrough", id: "postgresql/role-does-not-exist", text });
    const got = diagnostics.map((d) => `${d.rule} ${d.pointer}`);
    expect(got).toEqual(
      expect.arrayContaining([
        "kb/schema /root_cuase",
        "kb/schema /verification_tier",
        "kb/schema /last_updated",
        "kb/regex-matches-signature /regex",
        "kb/no-match-examples ",
      ]),
    );
    const byRule = (r: string) => diagnostics.find((d) => d.rule === r && d.pointer !== "")!;
    expect(diagnostics.find((d) => d.pointer === "/root_cuase")!.hint).toBe('did you mean "root_cause"?');
    expect(diagnostics.find((d) => d.pointer === "/verification_tier")!.message).toContain('not "reviewed"');
    expect(byRule("kb/regex-matches-signature").message).toContain('it matches up to "pq: role \\"alice\\" does not exist " (32 characters) and stops there; the ( at column 29 of the pattern starts a group, but the text has a literal (');
    expect(byRule("kb/regex-matches-signature").hint).toContain("write \\(");
    expect(diagnostics.filter((d) => d.pointer === "/last_updated")).toHaveLength(1);
  });

  it("names the Python-only and portability mistakes in the same wave", async () => {
    const d = await lintCase({ name: "python", entry: { regex: "(?P<what>SampleError): the sample error widget refused to start\\d*", root_cause: "TODO" } });
    const rules = d.map((x) => x.rule);
    expect(rules).toContain("kb/regex-compiles");
    expect(rules).toContain("kb/empty-text");
    expect(d.find((x) => x.rule === "kb/regex-compiles")!.message).toContain("(?P<name>…) named group");
    expect(rules.filter((r) => r === "kb/regex-python")).toEqual([]); // one cause, one diagnostic
  });

  it("reports a .* regex once per regex, not once per text it catches", async () => {
    const d = await lintCase({
      name: "dot-star",
      entry: { regex: ".*" },
      others: Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`demo/other-${i}.json`, {}])),
    });
    expect(d.filter((x) => x.rule === "kb/regex-collision" && x.file === "entries/demo/sample-error.json")).toHaveLength(0); // too generic to take part
    expect(d.filter((x) => x.rule === "kb/regex-specificity")).toHaveLength(1);
    expect(d.filter((x) => x.rule === "kb/regex-empty-match")).toHaveLength(1);
  });
});

describe("kb new", () => {
  it("claims nothing nobody checked: placeholders lint rejects, no first_seen, rates marked estimates", async () => {
    const value = JSON.parse(scaffoldEntry("postgresql/demo-error", "2026-12-01")) as Record<string, unknown>;
    expect(value.verification_tier).toMatch(/^TODO/);
    expect(value.resolvable).toMatch(/^TODO/);
    expect(value.first_seen).toBeNull();
    expect(value.last_confirmed).toBeNull();
    expect(value.rate_basis).toBe("estimate");
    expect(value.$schema).toBe("../../generated/entry.schema.json");
    const d = await lintCase({ name: "scaffold", id: "postgresql/demo-error", text: scaffoldEntry("postgresql/demo-error", "2026-12-01") });
    const rules = new Set(d.map((x) => x.rule));
    expect(rules.has("kb/schema")).toBe(true);
    // One wave: the placeholder texts are reported beside the placeholder rates that fail the schema.
    expect(d.filter((x) => x.rule === "kb/empty-text").map((x) => x.pointer)).toEqual(["/signature", "/regex", "/root_cause", "/dead_ends/0/action", "/dead_ends/0/why_fails", "/workarounds/0/action", "/workarounds/0/how"]);
  });

  it("--from picks the error line of a traceback, not its header", () => {
    const traceback = ['Traceback (most recent call last):', '  File "/app/main.py", line 1, in <module>', "    import requests", "ModuleNotFoundError: No module named 'requests'", ""].join("\n");
    expect(pickErrorLine(traceback)).toBe("ModuleNotFoundError: No module named 'requests'");
    expect(pickErrorLine("\u001b[31mnpm error code ERESOLVE\u001b[0m\nnpm error ERESOLVE unable to resolve dependency tree")).toBe("npm error ERESOLVE unable to resolve dependency tree");
  });

  it("writes the scaffold from a pasted traceback, with a regex that matches it", async () => {
    const repo = makeRepo();
    repos.push(repo);
    const from = "Traceback (most recent call last):\n  File \"x.py\", line 1\nModuleNotFoundError: No module named 'left_pad'";
    const res = await runKb(["new", "python/demo-missing", "--from", from], { cwd: repo.dir });
    expect(res.code).toBe(0);
    const value = JSON.parse(readFileSync(path.join(repo.dir, "entries/python/demo-missing.json"), "utf8")) as { signature: string; regex: string; examples: { match: string[] } };
    expect(value.signature).toBe("ModuleNotFoundError: No module named 'left_pad'");
    expect(new RegExp(value.regex, "iu").test("ModuleNotFoundError: No module named 'numpy'")).toBe(true);
    expect((await runKb(["new", "python/demo-missing"], { cwd: repo.dir })).code).toBe(2);
  });

  it("names the line it read once escaped: a control character as \\u…, a backslash as \\\\ (pass AK: both came out as \\\\u…)", async () => {
    const repo = makeRepo();
    repos.push(repo);
    const res = await runKb(["new", "x/controls", "--from", "Error: boom \u202e tail \u0007bell back\\slash"], { cwd: repo.dir });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.split("\n")[0]).toBe(String.raw`created entries/x/controls.json from the line "Error: boom \u202e tail \u0007bell back\\slash"`);
  });

  it("never writes through a linked entries/ or domain folder, nor replaces a link at the entry's path", async () => {
    const repo = makeRepo({ "entries/node/.keep": "" });
    repos.push(repo);
    const outside = mkdtempSync(path.join(os.tmpdir(), "kb-outside-"));
    repos.push({ dir: outside, cleanup: () => rmSync(outside, { recursive: true, force: true }) });
    symlinkSync(outside, path.join(repo.dir, "entries/evil"));
    const res = await runKb(["new", "evil/some-error"], { cwd: repo.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("entries/evil is a symbolic link");
    expect(readdirSync(outside)).toEqual([]);
    symlinkSync(path.join(outside, "target.json"), path.join(repo.dir, "entries/node/dangling.json"));
    const dangling = await runKb(["new", "node/dangling"], { cwd: repo.dir });
    expect(dangling.code).toBe(2);
    expect(lstatSync(path.join(repo.dir, "entries/node/dangling.json")).isSymbolicLink()).toBe(true);
    expect(readdirSync(outside)).toEqual([]);
  });

  it("creates the file only if nothing is there when it lands: one made meanwhile is never replaced", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kb-new-"));
    repos.push({ dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) });
    const file = path.join(dir, "entry.json");
    writeFileSync(file, "a contributor's work");
    await expect(writeFileAtomic(file, "scaffold", { exclusive: true })).rejects.toMatchObject({ code: "EEXIST" });
    expect(readFileSync(file, "utf8")).toBe("a contributor's work");
    expect(readdirSync(dir)).toEqual(["entry.json"]);
  });
});

describe("kb fix", () => {
  it("repairs values it can repair without guessing, and only where the schema says a rate", async () => {
    const e = validEntry() as unknown as Record<string, unknown>;
    const text = entryText({ ...e, confidence: "0.9", fix_success_rate: 85, resolvable: true, domain: "other", workarounds: [{ ...(e.workarounds as Record<string, unknown>[])[0], success_rate: "70" }] });
    const repo = makeRepo({ "entries/demo/sample-error.json": text });
    repos.push(repo);
    const res = await runKb(["fix"], { cwd: repo.dir });
    const fixed = JSON.parse(readFileSync(path.join(repo.dir, "entries/demo/sample-error.json"), "utf8")) as Record<string, unknown>;
    expect(fixed.confidence).toBe(0.9);
    expect(fixed.fix_success_rate).toBe(0.85);
    expect(fixed.resolvable).toBe("true");
    expect(fixed.domain).toBe("demo");
    expect((fixed.workarounds as { success_rate: number }[])[0]!.success_rate).toBe(0.7);
    expect(res.stderr).toContain('fix_success_rate: 85 → 0.85');
    expect(res.code).toBe(0);
  });

  it("leaves a rate that is not a whole percentage for a person: 1.5 is not guessed to be 1.5%", async () => {
    const e = validEntry() as unknown as Record<string, unknown>;
    const text = entryText({ ...e, dead_ends: [{ ...(e.dead_ends as Record<string, unknown>[])[0], fail_rate: 1.5 }], fix_success_rate: 100 });
    const repo = makeRepo({ "entries/demo/sample-error.json": text });
    repos.push(repo);
    const res = await runKb(["fix", "--no-python"], { cwd: repo.dir });
    const fixed = JSON.parse(readFileSync(path.join(repo.dir, "entries/demo/sample-error.json"), "utf8")) as Record<string, unknown>;
    expect((fixed.dead_ends as { fail_rate: number }[])[0]!.fail_rate).toBe(1.5);
    expect(fixed.fix_success_rate).toBe(1); // a whole percentage is still repaired
    expect(res.stderr).not.toContain("0.015");
    expect(res.code).toBe(1); // and lint still reports the rate
    expect(res.stdout).toContain("dead_ends[0].fail_rate is 1.5: rates are fractions from 0 to 1");
    expect(res.stdout).toContain("hint: write the fraction you mean (0.15 for 15%)");
  });

  it("turns a rate written as a string into a number only when the string is a JSON number a double holds as written", async () => {
    const e = validEntry() as unknown as Record<string, unknown>;
    const odd = { confidence: "0x55", fix_success_rate: "0.90000000000000000000000000000001" };
    const text = entryText({ ...e, ...odd, workarounds: [{ ...(e.workarounds as Record<string, unknown>[])[0], success_rate: "1e-400" }], dead_ends: [{ ...(e.dead_ends as Record<string, unknown>[])[0], fail_rate: " 0.25 " }] });
    const repo = makeRepo({ "entries/demo/sample-error.json": text });
    repos.push(repo);
    const res = await runKb(["fix", "--no-python"], { cwd: repo.dir });
    const fixed = JSON.parse(readFileSync(path.join(repo.dir, "entries/demo/sample-error.json"), "utf8")) as Record<string, unknown>;
    expect(fixed.confidence).toBe("0x55"); // hex read as 85 and then as 85% was a guess
    expect(fixed.fix_success_rate).toBe("0.90000000000000000000000000000001"); // 0.9 would be another number
    expect((fixed.workarounds as { success_rate: unknown }[])[0]!.success_rate).toBe("1e-400"); // 0 would be another number
    expect((fixed.dead_ends as { fail_rate: unknown }[])[0]!.fail_rate).toBe(0.25);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('confidence must be a number, not the string "0x55"');
    expect(res.stdout).not.toMatch(/0x55.*kb fix does it/);
  });

  it("leaves a file untouched when a number in it cannot be written back as it is (1e400 became null)", async () => {
    const text = entryText(validEntry()).replace('"confidence": 0.6', '"confidence": 1e400');
    const repo = makeRepo({ "entries/demo/sample-error.json": text.replace('"fix_success_rate": 0.7', '"fix_success_rate": 70') });
    repos.push(repo);
    const res = await runKb(["fix"], { cwd: repo.dir });
    expect(res.code).toBe(1);
    expect(readFileSync(path.join(repo.dir, "entries/demo/sample-error.json"), "utf8")).toContain('"confidence": 1e400');
    expect(res.stdout).toContain("error kb/json-syntax the number 1e400 cannot be read exactly: it becomes Infinity");
  });

  it("--refresh-translation-digests records the translations as checked; lint then warns when the English changes", async () => {
    const repo = makeRepo({ "entries/demo/sample-error.json": entryText(validEntry("demo/sample-error", { signature_zh: "样例错误：小部件无法启动" })) });
    repos.push(repo);
    expect((await runKb(["lint"], { cwd: repo.dir })).stdout).toContain("does not record which English text it translates");
    expect((await runKb(["fix", "--refresh-translation-digests"], { cwd: repo.dir })).code).toBe(0);
    expect((await runKb(["lint"], { cwd: repo.dir })).stdout).toContain("✔ no problems");
    const file = path.join(repo.dir, "entries/demo/sample-error.json");
    const value = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
    value.signature = "SampleError: the sample error widget refused to start at all";
    value.regex = "SampleError: the sample error widget refused to start";
    writeFileSync(file, entryText(value));
    const stale = await runKb(["lint"], { cwd: repo.dir });
    expect(stale.stdout).toContain("warning kb/translation-stale signature_zh may be stale");
  });
});
