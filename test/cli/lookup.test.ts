// kb lookup as a reader uses it, against the repository's own generated/match.json: what to do first
// (the top workaround and its command), what not to do, and where the view is, in each format; the
// closest entries when nothing matches (exit 1); stdin with colour codes; a capped input and a foreign
// index handled with a clear message, never a stack trace.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KB_BIN, makeRepo, ROOT, runKb } from "../helpers/repo.ts";
import { hasTooManyLines, MAX_ESCAPED_PARTS, MAX_LINES, normaliseInput } from "../../scripts/match/normalise-input.ts";

const LINE = "Error: listen EADDRINUSE: address already in use :::3000";
const ID = "node/eaddrinuse-address-already-in-use";

describe("kb lookup on the shipped index", () => {
  it("stylish: the fix with its command, the dead end and the view's path", async () => {
    const res = await runKb(["lookup", LINE], { cwd: ROOT });
    expect(res.code).toBe(0);
    const lines = res.stdout.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^1\\. ${ID}\\b`));
    expect(res.stdout).toMatch(/\n {3}do: Find and stop the process that holds the port \(≈[0-9]+% success, estimate\)\n {7}\$ lsof /);
    expect(res.stdout).toMatch(/\n {3}don't: Stop the server with Ctrl\+Z \(/);
    expect(res.stdout).toContain(`more: generated/${ID}.md`);
  });

  it("json: the same as fields, with the view's path", async () => {
    const res = await runKb(["lookup", "--format", "json", LINE], { cwd: ROOT });
    expect(res.code).toBe(0);
    const top = (JSON.parse(res.stdout) as { results: Record<string, unknown>[] }).results[0]!;
    expect(top.id).toBe(ID);
    expect(top.fix).toMatchObject({ action: "Find and stop the process that holds the port", command: expect.stringContaining("lsof"), rate_basis: "estimate", risk: null });
    expect(top.dead_end).toMatchObject({ action: "Stop the server with Ctrl+Z" });
    expect(top.view).toBe(`generated/${ID}.md`);
  });

  it("markdown: a block to paste into an issue, with do and don't", async () => {
    const res = await runKb(["lookup", "--format", "markdown", LINE], { cwd: ROOT });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`### \`${ID}\``);
    expect(res.stdout).toMatch(/- \*\*Do:\*\* Find and stop the process/);
    expect(res.stdout).toMatch(/- \*\*Don't:\*\* Stop the server with Ctrl\+Z/);
  });

  it("reads a log from stdin, colour codes between the words included", async () => {
    const log = `starting\n\u001b[31mError:\u001b[0m listen \u001b[1mEADDRINUSE\u001b[0m: address already in use :::3000\r\n    at Server.setupListenHandle\n`;
    const res = await runKb(["lookup", "--format", "json", "-"], { cwd: ROOT, input: log });
    expect(res.code).toBe(0);
    const top = (JSON.parse(res.stdout) as { results: { id: string; line: number }[] }).results[0]!;
    expect(top).toMatchObject({ id: ID, line: 2 });
  });

  it("json: text from the log (a bidi override, invisible characters) is written as JSON escapes, the same value, nothing raw", async () => {
    const res = await runKb(["lookup", "--format", "json", "-"], { cwd: ROOT, input: "Error: Cannot find module 'x\u202ey\u200bz\u00ad'\n" });
    expect(res.code).toBe(0);
    expect(res.stdout).not.toMatch(/[\u202e\u200b\u00ad]/u);
    const top = (JSON.parse(res.stdout) as { results: { matched: string }[] }).results[0]!;
    expect(top.matched).toContain("x\u202ey\u200bz\u00ad");
  });

  it("nothing matched: exit 1, and the closest entries marked as not matches, with what their regex needed", async () => {
    const res = await runKb(["lookup", "Error: listen EADDRINUZE: address in use"], { cwd: ROOT });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("no known error matched");
    expect(res.stdout).toContain("closest entries (not matches):");
    expect(res.stdout).toMatch(new RegExp(`${ID}: .*but its regex needs "listen eaddrinuse"`));
  });
});

describe("kb lookup on input it must refuse or distrust", () => {
  const repo = makeRepo({ "kb.config.json": JSON.stringify({ limits: { maxLookupBytes: 1000 } }) });
  mkdirSync(path.join(repo.dir, "generated"));
  copyFileSync(path.join(ROOT, "generated/match.json"), path.join(repo.dir, "generated/match.json"));
  afterAll(() => repo.cleanup());

  it("input over maxLookupBytes: exit 2 with the limit named, no stack trace", async () => {
    const res = await runKb(["lookup", "-"], { cwd: repo.dir, input: "x".repeat(5000) });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/maxLookupBytes/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    // Bytes that are not UTF-8 are measured as read, not as decoded (each would count three bytes as U+FFFD).
    const invalid = spawnSync(process.execPath, [KB_BIN, "lookup", "-"], { cwd: repo.dir, input: Buffer.alloc(500, 0xff), env: { ...process.env, KB_TODAY: "2026-12-01", NO_COLOR: "1" }, encoding: "utf8" });
    expect(invalid.stderr).not.toMatch(/maxLookupBytes/);
    expect(invalid.status).toBe(1);
  });

  it("input of more lines than one lookup holds in bounded memory: exit 2, no heap exhaustion", async () => {
    const plain = makeRepo({});
    try {
      mkdirSync(path.join(plain.dir, "generated"));
      copyFileSync(path.join(ROOT, "generated/match.json"), path.join(plain.dir, "generated/match.json"));
      const res = await runKb(["lookup", "-"], { cwd: plain.dir, input: "a\n".repeat(MAX_LINES + 1) });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain("more than 1,000,000 lines");
      expect(hasTooManyLines("a\r\n".repeat(MAX_LINES - 1))).toBe(false); // CRLF is one break
      expect(hasTooManyLines("a\r".repeat(MAX_LINES))).toBe(true);
      expect(() => normaliseInput("\n".repeat(MAX_LINES))).toThrow("more than 1,000,000 lines");
      // A line of escaped breaks is a blob, not a message: its parts are capped.
      const blob = normaliseInput(`${"x\\n".repeat(20_000)}\nnext`);
      expect(blob.candidates.length).toBeLessThanOrEqual(MAX_ESCAPED_PARTS + 3);
      expect(normaliseInput('log: {"msg":"Error: first\\n    at second"}').candidates.map((c) => c.text)).toContain("    at second\"}");
    } finally {
      plain.cleanup();
    }
  });

  it("an --index that is not JSON: exit 2, located", async () => {
    writeFileSync(path.join(repo.dir, "bad.json"), "{ not json");
    const res = await runKb(["lookup", "--index", "bad.json", LINE], { cwd: repo.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/bad\.json/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it("markdown to paste into an issue: @mentions, #1 and owner/repo#1 references and $math$ in entry text are spans, which GitHub leaves as text; stylish and json keep the text exactly", async () => {
    const action = "Ask @octocat or @github/security, see #1 and torvalds/linux#1, pay $x$; mail ops@example.com";
    const shipped = JSON.parse((await import("node:fs")).readFileSync(path.join(ROOT, "generated/match.json"), "utf8")) as { entries: { id: string; fix: { action: string } }[] };
    const entries = shipped.entries.map((e) => (e.id === ID ? { ...e, fix: { ...e.fix, action } } : e));
    writeFileSync(path.join(repo.dir, "mentions.json"), JSON.stringify({ ...shipped, entries }));
    const run = (format: string) => runKb(["lookup", "--index", "mentions.json", "--format", format, LINE], { cwd: repo.dir });
    const markdown = await run("markdown");
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain(
      "Ask <span>@</span>octocat or <span>@</span>github/security, see <span>#</span>1 and torvalds/linux<span>#</span>1, pay <span>$</span>x<span>$</span>; mail `ops@example.com` (",
    );
    expect(markdown.stdout.replace(/<span>[@#$]<\/span>|`[^`\n]*`/g, "")).not.toMatch(/@[\w-]|#\d|\$/);
    const stylish = await run("stylish");
    expect(stylish.stdout).toContain(`do: ${action} (`);
    const json = await run("json");
    expect((JSON.parse(json.stdout) as { results: { fix: { action: string } }[] }).results[0]!.fix.action).toBe(action);
  });

  it("an --index with entries it cannot use: those are skipped with a note, the rest still found", async () => {
    const shipped = JSON.parse((await import("node:fs")).readFileSync(path.join(ROOT, "generated/match.json"), "utf8")) as { entries: unknown[] };
    const hostile = { ...shipped, entries: [{ id: "x/broken", regex: "(" }, 42, { id: "x/huge", regex: Array.from({ length: 300_000 }, (_, i) => `a${i}`).join("|") }, ...shipped.entries] };
    writeFileSync(path.join(repo.dir, "hostile.json"), JSON.stringify(hostile));
    const res = await runKb(["lookup", "--index", "hostile.json", "--format", "json", LINE], { cwd: repo.dir });
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as { results: { id: string }[] };
    expect(report.results[0]!.id).toBe(ID);
    expect(res.stderr).toContain("skipped index entry 0 (x/broken)");
    expect(res.stderr).toContain("skipped index entry 1: it is not an object");
    expect(res.stderr).toContain("skipped index entry 2 (x/huge)");
  });

  it("entry text that would be a GitHub workflow command in a CI log (:: where a line starts, ##[ anywhere) is printed with one character escaped", async () => {
    const shipped = JSON.parse((await import("node:fs")).readFileSync(path.join(ROOT, "generated/match.json"), "utf8")) as { entries: { id: string; signature: string; fix: { action: string } | null }[] };
    const target = shipped.entries.find((e) => e.id === ID)!;
    const forged = { ...target, signature: "::error file=README.md,line=1::forged annotation", fix: target.fix && { ...target.fix, action: "Use ##[error]x then ##[stop-commands]t" } };
    writeFileSync(path.join(repo.dir, "forged.json"), JSON.stringify({ ...shipped, entries: [forged] }));
    const res = await runKb(["lookup", "--index", "forged.json", LINE], { cwd: repo.dir });
    expect(res.code).toBe(0);
    for (const line of res.stdout.split("\n")) expect(line.trimStart(), line).not.toMatch(/^::/);
    expect(res.stdout).not.toContain("##[");
    expect(res.stdout).toContain("\\u003a:error file=README.md,line=1::forged annotation");
    expect(res.stdout).toContain("#\\u0023[error]x");
  });
});

describe("the repository's own index runs guarded too", () => {
  // A regex lint's ReDoS analysis once passed: cubic on a line that repeats its prefix (a 57 KB line
  // took minutes in-thread, and Ctrl+C waited for it). In the built index, it must cost one timeout.
  const repo = makeRepo();
  const shipped = JSON.parse(readFileSync(path.join(ROOT, "generated/match.json"), "utf8")) as { entries: { id: string }[] };
  const cubic = { ...shipped.entries.find((e) => e.id === ID)!, id: "x/cubic", regex: "ZZQ9001 widget: .* in .* at line", literals: null, literal_chars: 0 };
  mkdirSync(path.join(repo.dir, "generated"));
  writeFileSync(path.join(repo.dir, "generated/match.json"), JSON.stringify({ ...shipped, count: shipped.entries.length + 1, entries: [cubic, ...shipped.entries] }));
  afterAll(() => repo.cleanup());
  const line = "ZZQ9001 widget: in ".repeat(3000);

  it("kb lookup: a regex that backtracks past its time limit is skipped on that line and named, and the lookup returns", async () => {
    const res = await runKb(["lookup", "-"], { cwd: repo.dir, input: `${line}\n${LINE}\n` });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^1\\. ${ID}\\b`));
    expect(res.stdout).toContain("warning: the regex of x/cubic ran past its time limit and was skipped on some lines");
  });

  it("kb new --from: the same index, the same bound", async () => {
    const res = await runKb(["new", "x/new-error", "--from", line], { cwd: repo.dir });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("created entries/x/new-error.json");
  });
});

