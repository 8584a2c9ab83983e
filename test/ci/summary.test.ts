// The change summary: entries added, changed (which fields) and removed between two bundled indexes,
// as safe Markdown, and `kb ci summary` comparing a branch with its merge base in a real repository.
import type { Node, Root, Table } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { diffIndexes, parseIndexEntries, type IndexedRecord } from "../../scripts/ci/index-diff.ts";
import { changeSummary, regenerationSummary } from "../../scripts/ci/summary.ts";
import { toMarkdown } from "../../scripts/markdown/to-markdown.ts";
import { runKb } from "../helpers/repo.ts";
import { BRANCH, commitAll, disposeBaseTemplate, entryText, git, kbBuild, pullRequestEvent, pullRequestRepo, runCi, writeFiles, type PullRequestRepo } from "./git-repo.ts";

const rec = (id: string, fields: Record<string, unknown> = {}): IndexedRecord => ({ id, signature: `Error: ${id}`, root_cause: "cause", tags: ["a"], ...fields });

describe("diffIndexes", () => {
  it("lists added, removed and changed entries, each sorted by id", () => {
    const base = [rec("b/kept"), rec("b/changed"), rec("a/removed"), rec("z/removed")];
    const head = [rec("b/changed", { root_cause: "new cause", tags: ["a", "b"] }), rec("b/kept"), rec("c/added"), rec("a/added")];
    const diff = diffIndexes(base, head);
    expect(diff.added.map((e) => e.id)).toEqual(["a/added", "c/added"]);
    expect(diff.removed.map((e) => e.id)).toEqual(["a/removed", "z/removed"]);
    expect(diff.changed).toEqual([{ id: "b/changed", fields: ["root_cause", "tags"] }]);
  });

  it("compares values, not key order", () => {
    const base = [{ id: "a/x", nested: { one: 1, two: [1, 2] }, other: "o" }];
    const head = [{ other: "o", nested: { two: [1, 2], one: 1 }, id: "a/x" }];
    expect(diffIndexes(base, head)).toEqual({ added: [], removed: [], changed: [] });
  });

  it("names a nested change by its top-level field, and fields present on one side only", () => {
    const base = [{ id: "a/x", transition_graph: { leads_to: ["a/y"] }, legacy: 1 }];
    const head = [{ id: "a/x", transition_graph: { leads_to: ["a/z"] }, fresh: null }];
    expect(diffIndexes(base, head).changed).toEqual([{ id: "a/x", fields: ["transition_graph", "fresh", "legacy"] }]);
  });
});

describe("parseIndexEntries", () => {
  it("reads the entries of an index", () => {
    expect(parseIndexEntries('{"schema_version":"1.0.0","count":1,"entries":[{"id":"a/b"}]}')).toEqual({ entries: [{ id: "a/b" }] });
  });

  it.each([
    ["{", "is not valid JSON"],
    ["[]", 'has no "entries" array'],
    ['{"entries": {}}', 'has no "entries" array'],
    ['{"entries": [{"id": "a/b"}, {"id": 3}]}', 'entries[1] is not an object with a string "id"'],
    ['{"entries": [null]}', "entries[0]"],
  ])("says what is wrong with %j", (text, problem) => {
    const r = parseIndexEntries(text);
    expect("problem" in r && r.problem).toContain(problem);
  });

  it("counts the text before parsing it, with kb lookup --index's caps (pass N: a 300 MB index took 5 GB and over 170 s)", () => {
    const keys = Array.from({ length: 10_001 }, (_, i) => `"k${i}":0`).join(",");
    const r = parseIndexEntries(`{"entries":[{"id":"a/b",${keys}}]}`);
    expect("problem" in r && r.problem).toBe("holds an object of more than 10000 keys, more than an index of any real corpus");
  });

  it("refuses nesting the comparison would recurse into too deeply (pass O: 3,000 levels overflowed the stack, exit 3)", () => {
    const r = parseIndexEntries(`{"entries":[{"id":"a/b","x":${"[".repeat(3_000)}${"]".repeat(3_000)}}]}`);
    expect("problem" in r && r.problem).toBe("holds nesting deeper than 64 levels, more than an index of any real corpus");
  });
});

const parse = (markdown: string) => unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;

/** Every node of a tree, depth first. */
function nodes(node: Node): Node[] {
  const children = (node as { children?: Node[] }).children ?? [];
  return [node, ...children.flatMap(nodes)];
}
const nodeTypes = (markdown: string) => new Set(nodes(parse(markdown)).map((n) => n.type));
const cellTexts = (table: Table) =>
  table.children.map((row) =>
    row.children.map((cell) =>
      nodes(cell)
        .filter((n) => n.type === "text" || n.type === "inlineCode")
        .map((n) => (n as Node & { value: string }).value)
        .join(""),
    ),
  );

describe("changeSummary", () => {
  it("stays far below GitHub's 1 MiB limit, saying how many rows it left out (pass AM: 12,000 changed entries wrote 2.5 MB)", () => {
    const added = Array.from({ length: 12_000 }, (_, i) => rec(`node/e${i}`, { signature: `Error: ${"x".repeat(20_000)}` }));
    const markdown = toMarkdown(changeSummary({ added, changed: [], removed: [] }));
    expect(Buffer.byteLength(markdown)).toBeLessThan(256 * 1024);
    expect(markdown).toContain("11500 more not shown; the diff of generated/index.json has them all.");
    const files = Array.from({ length: 3_000 }, (_, i) => `generated/node/e${i}.md`);
    const regenerated = toMarkdown(regenerationSummary({ kind: "commit", files, branch: "main" } as Parameters<typeof regenerationSummary>[0], "generated"));
    expect(Buffer.byteLength(regenerated)).toBeLessThan(256 * 1024);
    expect(regenerated).toContain("2500 more not shown; see the kb-generated artifact of this run.");
  });

  it("is a table of the changes that parses back to the same text, user text escaped", () => {
    const hostile = "Error: <script>alert(1)</script> | *bold* [x](javascript:alert(1))";
    const diff = diffIndexes([rec("a/old", { signature: "gone | soon" }), rec("a/edit")], [rec("a/edit", { root_cause: "x", aliases: [] }), rec("a/new", { signature: hostile })]);
    const markdown = toMarkdown(changeSummary(diff));
    const tree = parse(markdown);
    const kinds = nodeTypes(markdown);
    expect(kinds.has("html")).toBe(false);
    expect(kinds.has("link")).toBe(false);
    expect(kinds.has("emphasis")).toBe(false);
    expect(markdown).toContain("1 entry added, 1 changed, 1 removed.");
    const table = tree.children.find((n): n is Table => n.type === "table")!;
    expect(cellTexts(table)).toEqual([
      ["Change", "Entry", "Details"],
      ["added", "a/new", hostile],
      ["changed", "a/edit", "root_cause, aliases"],
      ["removed", "a/old", "gone | soon"],
    ]);
  });

  it("says so when no entry changed, and carries a note", () => {
    const markdown = toMarkdown(changeSummary({ added: [], removed: [], changed: [] }, "No base index."));
    expect(markdown).toContain("No base index.");
    expect(markdown).toContain("No entry is added, changed or removed.");
    expect(markdown).not.toContain("|");
  });
});

describe("regenerationSummary", () => {
  it("keeps a branch name with Markdown in it inert", () => {
    const markdown = toMarkdown(regenerationSummary({ kind: "commit", files: ["generated/a/b.md"], branch: "x<img src=y>`z" }, "generated"));
    expect(nodeTypes(markdown).has("html")).toBe(false);
    expect(markdown).toContain("1 file in");
  });

  it("tells a fork what to run and where the regenerated files are", () => {
    const markdown = toMarkdown(regenerationSummary({ kind: "cannot-push", files: ["generated/a.md", "generated/b.md"], reason: "the pull request comes from a fork" }, "generated"));
    expect(markdown).toContain("`npx kb build`");
    expect(markdown).toContain("`kb-generated`");
    expect(markdown).toContain("2 files in");
  });
});

describe("kb ci summary in a repository", () => {
  let repo: PullRequestRepo | undefined;
  afterEach(() => {
    repo?.cleanup();
    repo = undefined;
  });
  afterAll(disposeBaseTemplate);

  const branchChanges = {
    "entries/api/rate-limit-hit.json": entryText("api/rate-limit-hit", { root_cause: "Too many calls in one minute.", tags: ["http"] }),
    "entries/api/token-expired.json": null,
    "entries/node/heap-out-of-memory.json": entryText("node/heap-out-of-memory"),
  };

  it("lists the entries the branch adds, changes (with the fields) and removes since its merge base", async () => {
    repo = await pullRequestRepo([{ files: branchChanges, build: true }]);
    // main moves on with an entry of its own: it is not the branch's, so it must not show as removed.
    git(repo.dir, "checkout", "--quiet", "main");
    writeFiles(repo.dir, { "entries/docker/daemon-down.json": entryText("docker/daemon-down") });
    await kbBuild(repo.dir);
    const mainHead = commitAll(repo.dir, "main: another entry");
    git(repo.dir, "checkout", "--quiet", BRANCH);

    const run = await runCi(repo.dir, ["summary"], { name: "pull_request", payload: pullRequestEvent(mainHead, repo.head) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.summary).toContain("1 entry added, 1 changed, 1 removed.");
    const table = parse(run.summary).children.find((n): n is Table => n.type === "table")!;
    expect(cellTexts(table).slice(1)).toEqual([
      ["added", "node/heap-out-of-memory", "SampleError: the heap out of memory widget refused to start"],
      ["changed", "api/rate-limit-hit", "root_cause, tags"],
      ["removed", "api/token-expired", "SampleError: the token expired widget refused to start"],
    ]);
    expect(run.summary).not.toContain("docker/daemon-down");
  });

  it("prints to stdout with --base outside Actions", async () => {
    repo = await pullRequestRepo([{ files: branchChanges, build: true }]);
    const run = await runKb(["ci", "summary", "--base", "main"], { cwd: repo.dir, env: { GITHUB_EVENT_NAME: "", GITHUB_EVENT_PATH: "" } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("## Knowledge base changes");
    expect(run.stdout).toContain("1 entry added, 1 changed, 1 removed.");
  });

  it("counts every entry as added when the base has no index", async () => {
    repo = await pullRequestRepo([{ files: { "generated/index.json": null } }, { files: {}, build: true }]);
    const run = await runCi(repo.dir, ["summary", "--base", `${repo.head}~1`]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.summary).toContain("has no readable generated/index.json");
    expect(run.summary).toContain("3 entries added, 0 changed, 0 removed.");
  });

  it("sizes the base's index before reading it, and counts one over maxIndexBytes as unreadable (pass P: 256 MB and more exited 3 after holding 1.9 GB)", async () => {
    const big = JSON.stringify({ schema_version: "1.0.0", entries: [], padding: "x".repeat(300_000) });
    repo = await pullRequestRepo([{ files: { "generated/index.json": big, "kb.config.json": '{"limits": {"maxIndexBytes": 200000}}\n' } }, { files: {}, build: true }]);
    const run = await runCi(repo.dir, ["summary", "--base", `${repo.head}~1`]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.summary).toContain("has no readable generated/index.json");
  });

  it("is a usage error when the event's base is not a commit id, not a summary with every entry added (pass S)", async () => {
    repo = await pullRequestRepo([{ files: branchChanges, build: true }]);
    const run = await runCi(repo.dir, ["summary"], { name: "pull_request", payload: pullRequestEvent("--output=/tmp/x\u001b[31m", repo.head) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot summarise this run: the pull_request payload has no head or base commit");
    expect(run.summary).toBe("");
  });

  it("is a usage error, saying why, for an empty --base or a base the clone does not hold (pass T: a force-push's old tip gave git's bare 'Not a valid commit name')", async () => {
    repo = await pullRequestRepo([{ files: branchChanges, build: true }]);
    const empty = await runCi(repo.dir, ["summary", "--base", ""]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("--base is empty");
    const gone = await runCi(repo.dir, ["summary", "--base", "1234567890abcdef1234567890abcdef12345678"]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain("the base 1234567890abcdef1234567890abcdef12345678 names no commit this clone holds (a typo, or a commit left out by a force-push or a shallow checkout)");
    expect(gone.summary).toBe("");
    const tree = await runCi(repo.dir, ["summary", "--base", "HEAD^{tree}"]);
    expect(tree.code).toBe(2);
    expect(tree.stderr).toContain("the base HEAD^{tree} is not a commit"); // not "not in this clone" (pass V)
    const orphan = git(repo.dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit-tree", "-m", "orphan", git(repo.dir, "write-tree").trim()).trim();
    const unrelated = await runCi(repo.dir, ["summary", "--base", orphan]);
    expect(unrelated.code).toBe(2);
    expect(unrelated.stderr).toContain(`the base commit ${orphan} shares no history with the checked-out commit`); // git said only "exit code 1" (pass W)
  });

  it("is a usage error without a base or an event, or before kb build", async () => {
    repo = await pullRequestRepo([]);
    expect((await runCi(repo.dir, ["summary"])).code).toBe(2);
    writeFiles(repo.dir, { "generated/index.json": null });
    const run = await runCi(repo.dir, ["summary", "--base", "main"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("run kb build first");
  });
});
