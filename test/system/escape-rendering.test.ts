// Entry text that tries to break out of the page it is shown in, end to end: lint-clean entries full of
// raw HTML, javascript: and autolink-looking URLs in any case, images, reference definitions,
// footnotes, pipes, backticks, headings, list markers and block quotes are built by the real `kb build`,
// and every Markdown file it writes is rendered by GitHub's own renderer, cmark-gfm: no element, link
// or image the entry text did not get from kb, no `$` GitHub could read as math, and the JSON gives
// back every string exactly.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translationDigest } from "../../scripts/model/digest.ts";
import { entryText, validEntry } from "../helpers/entries.ts";
import { runKb } from "../helpers/repo.ts";
import { expectNoCrash, tempDir, writeFiles } from "./support.ts";

/** Text GitHub would turn into markup, a link or an image, were it not made inert. */
const HOSTILE = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "<a href='https://evil.example'>click</a>",
  "<!-- hidden --> <details><summary>x</summary>",
  "[click](javascript:alert(1))",
  "![pixel](https://evil.example/p.png)",
  "[ref]: https://evil.example/ref",
  "see FTP://evil.example/x and HTTPS://EVIL.EXAMPLE/y and WWW.EVIL.EXAMPLE",
  "mail root@evil.example now",
  "footnote[^1] and [^1]: https://evil.example/f",
  "| a | b |\n| - | - |",
  "``code with ` inside`` and `ok`",
  "# heading\n> quote\n- item\n1. item\n***",
  "&lt;b&gt; &#x3C;i&#x3E; &copy;",
  "line one\n\n<div>block html</div>",
  "Cost is $\\color{red}{\\huge\\text{PWNED}}$ and $$\\int_0^1 x$$",
  "set $HOME, $`x`$ and $PATH",
];
const SOURCE = "https://docs.example.com/errors/hostile";
const DOC = "https://docs.example.com/reference";

const signatureOf = (i: number) => `HostileError${i}: ${HOSTILE[i % HOSTILE.length]!.split("\n")[0]}`;
const escapeRegex = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");

/** Lint-clean entries whose every free text is hostile; each links to the next, so relative links exist too. */
function hostileEntry(i: number, count: number) {
  const id = `hostile/case-${i}`;
  const h = (k: number) => HOSTILE[(i + k) % HOSTILE.length]!;
  const signature = signatureOf(i);
  return validEntry(id, {
    signature,
    regex: escapeRegex(`HostileError${i}: `),
    signature_zh: `敌意${i}：${h(3)}`,
    root_cause: `${h(1)} ${h(2)}`,
    root_cause_zh: h(4),
    translated_from: { signature: translationDigest(signature), root_cause: translationDigest(`${h(1)} ${h(2)}`), workarounds: [translationDigest(`Write ${h(5)}`)] },
    dead_ends: [{ action: `Try ${h(6)}`, why_fails: h(7), fail_rate: 0.7, condition: h(8), sources: [SOURCE] }],
    workarounds: [{ action: `Write ${h(5)}`, success_rate: 0.7, how: `Run \`kb init\` then ${h(9)}`, condition: h(10), sources: [SOURCE] }],
    workarounds_zh: [h(11)],
    versions: [{ version: "1.x", introduced: null, deprecated: null, removed: null, behavior_change: h(12), status: "active" }],
    os_specific: { linux: h(13) },
    official_doc_url: DOC,
    tags: ["hostile"],
    transition_graph: { leads_to: [{ error_id: `hostile/case-${(i + 1) % count}`, probability: 0.3, condition: h(14) }], preceded_by: [], frequently_confused_with: [] },
    examples: { match: [`[app] ${signature}`], no_match: [`HostileError: ${h(0)}`] },
  });
}

function cmarkGfm(markdown: string): string {
  try {
    // --unsafe: raw HTML is passed through as written, so any that got into a page shows here.
    return execFileSync("cmark-gfm", ["--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter"], { input: markdown, encoding: "utf8" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error("cmark-gfm, GitHub's Markdown renderer, is not installed: apt-get install cmark-gfm");
    throw error;
  }
}

const COUNT = HOSTILE.length;
let repo: { dir: string; cleanup: () => void };
let pages: { file: string; html: string }[];

beforeAll(async () => {
  repo = tempDir("kb-escape-");
  const entries = Array.from({ length: COUNT }, (_, i) => hostileEntry(i, COUNT));
  writeFiles(repo.dir, { "package.json": "{}\n", ...Object.fromEntries(entries.map((e) => [`entries/${e.id}.json`, entryText(e)])) });
  const build = await runKb(["build", "--format", "json"], { cwd: repo.dir });
  expectNoCrash(build);
  expect(build.code, build.stdout + build.stderr).toBe(0);
  const generated = path.join(repo.dir, "generated");
  pages = (readdirSync(generated, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((file) => ({ file, html: cmarkGfm(readFileSync(path.join(generated, file), "utf8")) }));
});
afterAll(() => repo?.cleanup());

describe("entry text rendered by GitHub's renderer (cmark-gfm)", () => {
  it("every view, Chinese view, domain page and the catalogue of hostile entries holds no element the entry text asked for: no script, image, iframe, raw block or foreign comment", () => {
    expect(pages.map((p) => p.file)).toEqual(expect.arrayContaining(["README.md", "hostile/README.md", "hostile/case-0.md", "hostile/case-0.zh.md"]));
    for (const { file, html } of pages) {
      expect(html, file).not.toMatch(/<(?:script|img|iframe|div|details|summary|style|textarea)\b/i);
      expect(html, file).not.toMatch(/<a href=['"]?https?:\/\/evil/i);
      // The one raw HTML kb writes is its own header comment.
      const comments = html.match(/<!--[\s\S]*?-->/g) ?? [];
      expect(comments, file).toEqual([expect.stringMatching(/^<!-- generated by error-kb from entries\//)]);
    }
  });

  it("links only to vetted http(s) sources and to other outputs by relative path: never javascript:, ftp:, mailto: or an autolinked look-alike", () => {
    let relative = 0;
    let vetted = 0;
    for (const { file, html } of pages) {
      for (const [, href] of html.matchAll(/<a href="([^"]*)"/g)) {
        if (href === SOURCE || href === DOC) vetted++;
        else {
          expect(href, `${file}: ${href}`).not.toMatch(/^[a-z][a-z0-9+.-]*:|^\/\//i);
          expect(href, `${file}: ${href}`).toMatch(/^(?:\.\.\/)?(?:[a-z0-9-]+\/)*[a-z0-9.-]+\.(?:md|json)(?:#[a-z0-9-]*)?$/i);
          relative++;
        }
      }
    }
    expect(vetted).toBeGreaterThan(0);
    expect(relative).toBeGreaterThan(0);
  });

  it("shows the hostile text as text: the script tag escaped, the upper-case FTP and HTTPS URLs as code", () => {
    const view = pages.find((p) => p.file === "hostile/case-0.md")!.html;
    expect(view).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const all = pages.map((p) => p.html).join("\n");
    expect(all).toContain("<code>FTP://evil.example/x</code>");
    expect(all).toContain("<code>HTTPS://EVIL.EXAMPLE/y</code>");
  });

  it("writes every $ of entry text outside code as <span>$</span>, which GitHub shows as a dollar, never as math", () => {
    let spans = 0;
    for (const { file, html } of pages) {
      const outsideCode = html.replace(/<pre[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, "");
      spans += outsideCode.match(/<span>\$<\/span>/g)?.length ?? 0;
      expect(outsideCode.replace(/<span>\$<\/span>/g, ""), file).not.toContain("$");
    }
    expect(spans).toBeGreaterThan(COUNT);
    const all = pages.map((p) => p.html).join("\n");
    expect(all).toContain("Cost is <span>$</span>\\color{red}{\\huge\\text{PWNED}}<span>$</span> and <span>$</span><span>$</span>\\int_0^1 x<span>$</span><span>$</span>");
    expect(all).toContain("set <span>$</span>HOME, <span>$</span><code>x</code><span>$</span> and <span>$</span>PATH");
  });

  it("index.json gives back every entry's strings exactly", () => {
    const index = JSON.parse(readFileSync(path.join(repo.dir, "generated/index.json"), "utf8")) as { entries: { id: string; root_cause: string; signature: string; dead_ends: { why_fails: string }[] }[] };
    for (let i = 0; i < COUNT; i++) {
      const e = hostileEntry(i, COUNT);
      const got = index.entries.find((x) => x.id === e.id)!;
      expect([got.signature, got.root_cause, got.dead_ends[0]!.why_fails]).toEqual([e.signature, e.root_cause, e.dead_ends[0]!.why_fails]);
    }
  });
});
