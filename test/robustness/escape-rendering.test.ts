// Entries whose text tries to break out of the Markdown and JSON they are rendered into. Every file
// kb build would write is parsed back (remark + GFM) and must hold exactly the structure the renderer
// meant: the same blocks as for plain text, no raw HTML but our header, no link but vetted http(s)
// sources and our own relative links, no bidi control; the JSON outputs give back the same strings.
import path from "node:path";
import fc from "fast-check";
import type { Nodes, Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { renderOutputs } from "../../scripts/build/outputs.ts";
import { isSafeUrl, VIEW_HEADER_PREFIX } from "../../scripts/render/links.ts";
import { makeTextInert, showBidiControls } from "../../scripts/report/inert-text.ts";
import { toMarkdown } from "../../scripts/report/markdown.ts";
import type { Entry } from "../../scripts/schema/entry-schema.ts";
import { validateEntry } from "../../scripts/schema/validate.ts";
import { validEntry } from "../helpers/repo.ts";

const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** Text that tries every way out of Markdown (and of the JSON around it). */
const PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<!-- hidden --> <details open><summary>x</summary>",
  "[click me](javascript:alert(1)) and [ok](https://evil.example/phish)",
  "![pixel](javascript:alert(2)) ![track](https://evil.example/p.png)",
  "[ref]\n[ref]: javascript:alert(3)",
  "<javascript:alert(4)> <https://evil.example/auto> <mail@evil.example>",
  "bare https://evil.example/bare and www.evil.example and mail@evil.example and mailto:x@evil.example",
  "| a | b |\n|---|---|\n| c | d |",
  "cell | split | here",
  "`code` and ``` a fence ``` and `unpaired",
  "```js\nalert(1)\n```",
  "~~~\nfence\n~~~",
  "\n# Heading one\n## Heading two\nSetext\n===",
  "\n- item\n* item\n+ item\n1. item\n2) item\n- [ ] task",
  "\n> quoted\n\n---\n\n***",
  "\n<div>\nblock html\n</div>",
  "*bold* _it_ ~~strike~~ **strong**",
  "[^1]\n\n[^1]: a footnote",
  "&lt;script&gt; &#x3C;b&#x3E; &amp; &#0;",
  "back\\slash \\* \\",
  "line  \nhard break\\\nand\n\n\nblank lines",
  "\n    indented code",
  "\u202Egnp.exe\u202C \u2066isolate\u2069 \u200Fmark \u061C",
  '"}, "injected": true, {"',
  "\u2028line separator\u2029paragraph separator",
];
const HOSTILE = PAYLOADS.join(" ");

const SOURCES = ["https://docs.example.org/page?a=1&b=2#frag", "http://issues.example.com/42"];
const OFFICIAL = "https://official.example.net/docs";

/** Two linked entries with every free-text field, in English and Chinese, from `text(slot)`. */
function entriesWith(text: (slot: string) => string): Entry[] {
  const make = (id: string, other: string) =>
    validEntry(id, {
      signature: text("signature"),
      signature_zh: text("signature_zh"),
      root_cause: text("root_cause"),
      root_cause_zh: text("root_cause_zh"),
      root_cause_type: "configuration",
      versions: [{ version: text("version"), introduced: text("introduced"), deprecated: null, removed: null, behavior_change: text("behavior_change"), status: "active" }],
      os_specific: { linux: text("os_linux"), windows: text("os_windows") },
      dead_ends: [{ action: text("dead_action"), why_fails: text("why_fails"), fail_rate: 0.5, condition: text("dead_condition"), sources: [SOURCES[0]] }],
      workarounds: [{ action: text("action"), success_rate: 0.7, how: text("how"), condition: text("condition"), sources: SOURCES }],
      workarounds_zh: [text("action_zh")],
      transition_graph: {
        leads_to: [{ error_id: other, probability: 0.3, condition: text("leads_condition") }],
        preceded_by: [{ error_id: other, probability: 0.2, condition: text("preceded_condition") }],
        frequently_confused_with: [{ error_id: other, distinction: text("distinction") }],
      },
      official_doc_url: OFFICIAL,
      official_doc_section: text("section"),
      error_code: text("error_code"),
      tags: [text("tag")],
      aliases: [text("alias")],
      examples: { match: [text("example")], no_match: [text("no_match")] },
    });
  const values = [make("alpha/first-error", "beta/second-error"), make("beta/second-error", "alpha/first-error")];
  return values.map((v) => {
    const result = validateEntry(v);
    if (!result.ok) throw new Error(`test entry is not schema-valid: ${JSON.stringify(result.problems)}`);
    return result.entry;
  });
}

const parser = unified().use(remarkParse).use(remarkGfm);
const parse = (markdown: string) => parser.runSync(parser.parse(markdown)) as Root;

function walk(node: Nodes, visit: (node: Nodes, parent: Nodes | undefined) => void, parent?: Nodes): void {
  visit(node, parent);
  if ("children" in node) for (const child of node.children) walk(child as Nodes, visit, node);
}

function plainText(node: Nodes): string {
  if ("value" in node && (node.type === "text" || node.type === "inlineCode")) return node.value;
  return "children" in node ? (node.children as Nodes[]).map(plainText).join("") : "";
}

/** The blocks of a document, without their words: what the renderer meant to build. */
function skeleton(node: Nodes): unknown {
  const phrasingParent = node.type === "paragraph" || node.type === "heading" || node.type === "tableCell";
  const shape: Record<string, unknown> = { type: node.type };
  if (node.type === "heading") shape.depth = node.depth;
  if (node.type === "list") shape.ordered = node.ordered;
  if (node.type === "code") shape.lang = node.lang;
  if ("children" in node && !phrasingParent) shape.children = (node.children as Nodes[]).map(skeleton);
  return shape;
}

/** Relative links must land on another output; absolute ones must be vetted http(s) sources. */
function checkView(file: string, markdown: string, outputs: Map<string, string>, vetted: ReadonlySet<string>): Root {
  expect(markdown, file).not.toMatch(BIDI);
  const tree = parse(markdown);
  const first = tree.children[0];
  expect(first?.type, file).toBe("html");
  expect(first && "value" in first ? first.value : "", file).toMatch(new RegExp(`^${VIEW_HEADER_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[a-z0-9/-]+(?:\\.json)?; do not edit`));
  walk(tree, (node) => {
    const where = `${file}: ${JSON.stringify(node).slice(0, 200)}`;
    if (node.type === "html") expect(node, where).toBe(first);
    expect(["image", "imageReference", "linkReference", "definition", "footnoteReference", "footnoteDefinition"], where).not.toContain(node.type);
    if (node.type === "link") {
      if (/^[a-z][a-z0-9+.-]*:/i.test(node.url)) {
        expect(vetted.has(node.url), where).toBe(true);
        expect(isSafeUrl(node.url), where).toBe(true);
      } else {
        expect(node.url, where).not.toMatch(/^\/|^\\/);
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), node.url.split("#")[0]!));
        expect(outputs.has(target), `${where} -> ${target}`).toBe(true);
      }
    }
    if (node.type === "code" && node.lang === "mermaid") {
      for (const line of node.value.split("\n")) if (/^\s*click /.test(line)) expect(line, where).toMatch(/^\s*click n\d+ href "[^":<>]+"$/);
    }
  });
  return tree;
}

/** The same two entries with plain words in every slot: the structure every hostile render must keep. */
const plainSkeletons = new Map([...renderOutputs(entriesWith((slot) => `${slot} plain words`))].map(([file, content]) => [file, file.endsWith(".md") ? skeleton(parse(content)) : undefined]));

/** Renders the entries, checks every Markdown and JSON output, and compares block structure. */
function checkRendering(hostile: Entry[]): { views: number } {
  const outputs = renderOutputs(hostile);
  expect([...outputs.keys()]).toEqual([...plainSkeletons.keys()]);
  const vetted = new Set([...SOURCES, OFFICIAL]);
  let views = 0;
  for (const [file, content] of outputs) {
    if (file.endsWith(".md")) {
      const tree = checkView(file, content, outputs, vetted);
      expect(skeleton(tree), file).toEqual(plainSkeletons.get(file));
      views++;
    } else if (file.endsWith(".json")) expect(() => JSON.parse(content), file).not.toThrow();
  }
  return { views };
}

describe("hostile text in every field", () => {
  const hostile = entriesWith((slot) => `${slot}: ${HOSTILE}`);

  it("every view parses back to the blocks the renderer meant, with no raw HTML, foreign link or bidi control", () => {
    const { views } = checkRendering(hostile);
    expect(views).toBeGreaterThanOrEqual(4); // two entries in two languages at least, plus index pages
  });

  it("the signature heading reads exactly as written, bidi controls shown as escapes", () => {
    const single = entriesWith((slot) => (slot === "signature" ? `Error: ${PAYLOADS.filter((p) => !p.includes("\n")).join(" ")}` : `${slot} words`));
    const view = renderOutputs(single).get("alpha/first-error.md")!;
    const heading = parse(view).children.find((n) => n.type === "heading" && n.depth === 1)!;
    expect(plainText(heading)).toBe(showBidiControls(single[0]!.signature));
    expect(plainText(heading)).toContain("\\u202Egnp.exe\\u202C");
  });

  it("URL-like text is shown as code, never linked; javascript: URLs never become links", () => {
    const view = renderOutputs(hostile).get("alpha/first-error.md")!;
    const tree = parse(view);
    const codes: string[] = [];
    const urls: string[] = [];
    walk(tree, (n) => {
      if (n.type === "inlineCode") codes.push(n.value);
      if (n.type === "link") urls.push(n.url);
    });
    expect(codes).toEqual(expect.arrayContaining(["https://evil.example/bare", "www.evil.example", "mail@evil.example"]));
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((u) => /javascript|evil/i.test(u))).toEqual([]);
  });

  it("index.json and the domain bundles give back every string exactly, bidi controls included", () => {
    const outputs = renderOutputs(hostile);
    const index = JSON.parse(outputs.get("index.json")!) as { entries: Entry[] };
    const byId = new Map(index.entries.map((e) => [e.id, e]));
    for (const e of hostile) {
      const back = byId.get(e.id)!;
      expect(back.signature).toBe(e.signature);
      expect(back.root_cause).toBe(e.root_cause);
      expect(back.workarounds).toEqual(e.workarounds);
      expect(back.os_specific).toEqual(e.os_specific);
      expect(back.transition_graph).toEqual(e.transition_graph);
      expect(back.signature).toMatch(BIDI);
    }
    const jsonFiles = [...outputs.keys()].filter((f) => f.endsWith(".json"));
    expect(jsonFiles.length).toBeGreaterThan(1);
  });
});

describe("the inert-text step", () => {
  it("turns every autolink-looking span into code and every bidi control into a visible escape", () => {
    const markdown = toMarkdown({ type: "root", children: [{ type: "paragraph", children: [{ type: "text", value: "see www.a.example or b@c.example\u202E" }] }] });
    expect(markdown).toBe("see `www.a.example` or `b@c.example`\\u202E\n");
  });

  it("turns line breaks in inline code into spaces, so no line of it can start a block", () => {
    const markdown = toMarkdown({ type: "root", children: [{ type: "paragraph", children: [{ type: "inlineCode", value: "a\n```js\r\n<div>\rb" }] }] });
    expect(markdown).toBe("`a ```js <div> b`\n");
    expect(parse(markdown).children.map((n) => n.type)).toEqual(["paragraph"]);
  });

  it("checks adjacent text nodes as one, since they are one once parsed", () => {
    const root = makeTextInert({ type: "root", children: [{ type: "paragraph", children: [{ type: "text", value: "ww" }, { type: "text", value: "w.joined.example" }] }] });
    expect(root.children[0]).toEqual({ type: "paragraph", children: [{ type: "inlineCode", value: "www.joined.example" }] });
  });

  it("leaves link labels alone (GFM never links inside a link) but still shows bidi controls", () => {
    const root = makeTextInert({ type: "root", children: [{ type: "paragraph", children: [{ type: "link", url: "https://x.example", children: [{ type: "text", value: "www.x.example\u202E" }] }] }] });
    expect(root.children[0]).toEqual({ type: "paragraph", children: [{ type: "link", url: "https://x.example", children: [{ type: "text", value: "www.x.example\\u202E" }] }] });
  });
});

/** Each run renders and parses a dozen files (~0.1 s); the longer fuzz run multiplies it. */
const RENDER_PROPERTY_RUNS = process.env.KB_FUZZ_RUNS ? Math.ceil(Number(process.env.KB_FUZZ_RUNS) / 10) : 50;

describe("property: any mix of hostile fragments and arbitrary text", () => {
  const fragment = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PAYLOADS, "\n", "\n\n", "#", "- ", "1. ", "|", "`", "```", "<", ">", "[", "](", ")", "!", "*", "_", "~", "\\", "&", ";", ":", "//", "www.", "http://", "https://", "@", ".", "-->", "\u202E", "\u2067") },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const payload = fc.array(fragment, { minLength: 1, maxLength: 12 }).map((parts) => `x ${parts.join("")}`);

  it("never yields raw HTML, a foreign link, a bidi control or blocks the renderer did not mean", () => {
    fc.assert(
      fc.property(payload, payload, payload, (a, b, c) => {
        const slots = [a, b, c];
        const pick = (slot: string) => slots[[...slot].reduce((n, ch) => n + ch.charCodeAt(0), 0) % slots.length]!;
        let hostile: Entry[];
        try {
          hostile = entriesWith(pick);
        } catch {
          return; // not schema-valid (e.g. a lone surrogate), so it can never reach the renderer
        }
        checkRendering(hostile);
      }),
      { numRuns: RENDER_PROPERTY_RUNS },
    );
  });
});
