// The views: pure mdast trees from entries, leading with the fix; golden files for representative
// entries; every view parses back (remark + GFM) to the structure it was built as, with no raw HTML
// but our own header and the bare spans that keep a `$` from GitHub's math; the same order in both languages; and the details people asked for (no empty
// rows, no "When: when", sources once, rates with their basis, risk next to the rate).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Root } from "mdast";
import { describe, expect, it } from "vitest";
import type { Entry } from "../../scripts/model/entry.ts";
import { parseMarkdown } from "../helpers/remark-oracle.ts";
import { memoryCatalogue, planOutputs, renderView, viewTask } from "../../scripts/outputs/plan.ts";
import { validEntry } from "../helpers/entries.ts";
import { FIXTURES, ROOT } from "../helpers/repo.ts";

const shipped = (id: string) => JSON.parse(readFileSync(path.join(ROOT, "entries", `${id}.json`), "utf8")) as Entry;
const seed = JSON.parse(readFileSync(path.join(FIXTURES, "seed/raw-seed-entry.json"), "utf8")) as Entry;

function view(entry: Entry, locale: "en" | "zh" = "en", others: Entry[] = []): string {
  const catalogue = memoryCatalogue([entry, ...others]);
  return renderView(viewTask(catalogue, entry.id, locale, new Set(catalogue.ids)));
}

/** Headings of a view in order, as the parser reads them back. */
function headings(markdown: string): string[] {
  const tree = parseMarkdown(markdown);
  const text = (n: { type: string; value?: string; children?: unknown[] }): string => (n.value ?? "") + (n.children ?? []).map((c) => text(c as never)).join("");
  return tree.children.filter((n) => n.type === "heading").map((n) => `${"#".repeat((n as { depth: number }).depth)} ${text(n as never)}`);
}

describe("a view of an entry holding long lists", () => {
  it("renders 200,000 tags and 100,000 sources without spreading them into a call (pass P: 75,000 tags overflowed the stack, exit 3)", () => {
    const base = validEntry() as unknown as Entry;
    const tags = Array.from({ length: 200_000 }, (_, i) => `t${i.toString(36)}`).sort();
    const sources = Array.from({ length: 100_000 }, (_, i) => `https://example.com/${i}`);
    const markdown = view({ ...base, tags, workarounds: [{ ...base.workarounds[0]!, sources }] });
    expect(markdown).toContain("`t0`, `t1`");
    expect(markdown).toContain("https://example.com/99999");
  });
});

function htmlNodes(tree: Root): string[] {
  const found: string[] = [];
  const walk = (n: { type: string; value?: string; children?: unknown[] }) => {
    if (n.type === "html") found.push(n.value ?? "");
    for (const c of n.children ?? []) walk(c as never);
  };
  walk(tree as never);
  return found;
}

const UPDATE = process.env.KB_UPDATE_GOLDEN === "1";
function golden(name: string, actual: string): void {
  const file = path.join(FIXTURES, "golden", name);
  if (UPDATE) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

describe("views", () => {
  it("match their golden files (KB_UPDATE_GOLDEN=1 rewrites them)", () => {
    const oauth = shipped("api/oauth2-invalid-grant-refresh-token-expired");
    const neighbours = (oauth.transition_graph?.frequently_confused_with ?? []).map((l) => shipped(l.error_id));
    golden("oauth2.md", view(oauth, "en", neighbours));
    golden("oauth2.zh.md", view(oauth, "zh", neighbours));
    golden("externally-managed.md", view(shipped("python/externally-managed-environment")));
    golden("seed.md", view(seed));
  });

  it("lead with the fix: example line, the best workaround with its command, then the first dead end", () => {
    const md = view(shipped("python/externally-managed-environment"));
    const lines = md.split("\n");
    const at = (needle: string) => lines.findIndex((l) => l.includes(needle));
    expect(at("**You see:**")).toBeLessThan(12);
    expect(at("## Fix")).toBeLessThan(at("## Root cause"));
    expect(at("**Do:**")).toBeLessThan(at("**Don't:**"));
    expect(md).toMatch(/```sh\npython3 -m venv \.venv/);
    expect(headings(md)).toEqual(expect.arrayContaining(["## Fix", "## Root cause", "## What works", "## What does not work", "## Recognising it", "## Details"]));
  });

  it("show a risky workaround's risk next to its rate, and rates with their basis", () => {
    const md = view(shipped("python/externally-managed-environment"));
    expect(md).toMatch(/\n≈[0-9]+% success, estimate · \*\*⚠ high risk:\*\* pip then writes/);
  });

  it("drop empty rows and sections, never print 'When: when', list each source once", () => {
    const e = validEntry("demo/sample-error", { versions: [{ version: "Widget `2.x`", introduced: null, deprecated: null, removed: null, behavior_change: null, status: "active" }], workarounds: [{ ...validEntry().workarounds[0]!, condition: "when the widget runs as root", sources: ["https://example.org/a"] }] });
    const md = view(e);
    expect(md).not.toContain("When: when");
    expect(md).toContain("Applies: when the widget runs as root");
    expect(md).not.toMatch(/\| — \|/);
    expect(md).toContain("Widget `2.x` (active)");
    expect(md.match(/example\.org\/a/g)?.length).toBe(2); // once: the link's URL and its label
    expect(md).not.toContain("## Operating systems");
  });

  it("draw charts without click links (dead on GitHub)", () => {
    const quota = shipped("api/openai-insufficient-quota");
    const neighbours = (quota.transition_graph?.frequently_confused_with ?? []).map((l) => shipped(l.error_id));
    expect(neighbours.length).toBeGreaterThan(0);
    const md = view(quota, "en", neighbours);
    expect(md).toContain("```mermaid");
    expect(md).not.toContain("click ");
  });

  it("have the same sections in the same order in both languages", () => {
    const oauth = shipped("api/oauth2-invalid-grant-refresh-token-expired");
    const en = headings(view(oauth, "en"));
    const zh = headings(view(oauth, "zh"));
    expect(zh.length).toBe(en.length);
    expect(zh.map((h) => h.split(" ")[0])).toEqual(en.map((h) => h.split(" ")[0]));
  });

  it("parse back with no raw HTML but the header and bare spans, for every shipped entry", () => {
    const all = readdirSync(path.join(ROOT, "entries")).flatMap((domain) => readdirSync(path.join(ROOT, "entries", domain)).map((f) => shipped(`${domain}/${f.replace(/\.json$/, "")}`)));
    expect(all.length).toBeGreaterThan(100);
    const catalogue = memoryCatalogue(all);
    for (const p of planOutputs(catalogue).filter((o) => o.path.endsWith(".md"))) {
      const md = [...p.content()].join("");
      const [header, ...rest] = htmlNodes(parseMarkdown(md));
      expect(header, p.path).toMatch(/^<!-- generated by error-kb from entries\//);
      expect(rest.filter((html) => html !== "<span>" && html !== "</span>"), p.path).toEqual([]);
    }
  });

  it("write every $ of entry text outside code as <span>$</span>, in text, headings, table cells, list items and link labels", () => {
    const other = validEntry("demo/other-error", { signature: "OtherError: $HOME is $unset$" });
    const math = validEntry("demo/math-error", {
      signature: "MathError: $x$ costs $$y$$",
      root_cause: "Cost is $\\color{red}{\\huge\\text{PWNED}}$ and $HOME/x",
      workarounds: [{ ...validEntry().workarounds[0]!, action: "Set $`x`$ first", how: "Run `echo $HOME` then $$a$$." }],
      dead_ends: [{ ...validEntry().dead_ends[0]!, why_fails: "Because $$E=mc^2$$ holds." }],
      os_specific: { linux: "Use $HOME/.config" },
      official_doc_url: "https://example.org/doc",
      official_doc_section: "Section $5$",
      transition_graph: { leads_to: [{ error_id: "demo/other-error", probability: 0.3, condition: "when $PATH$ is empty" }], preceded_by: [], frequently_confused_with: [] },
    });
    for (const locale of ["en", "zh"] as const) {
      const md = view(math, locale, [other]);
      const tree = parseMarkdown(md);
      // Each `$` remark reads outside code is a text of its own between <span> and </span>.
      const places = new Set<string>();
      const walk = (n: { type: string; value?: string; children?: { type: string; value?: string }[] }, parents: string[]) => {
        (n.children ?? []).forEach((child, i, siblings) => {
          if (child.type === "text" && child.value!.includes("$")) {
            expect([siblings[i - 1]?.value, child.value, siblings[i + 1]?.value], md).toEqual(["<span>", "$", "</span>"]);
            for (const p of parents) places.add(p);
          }
          walk(child, [...parents, child.type]);
        });
      };
      walk(tree as never, []);
      expect([...places].sort()).toEqual(expect.arrayContaining(["heading", "link", "listItem", "paragraph", "tableCell"]));
      // Read back, the text is the entry's, every `$` where it was (code spans as written).
      const plain = (n: { type: string; value?: string; children?: unknown[] }): string => (n.type === "html" ? "" : (n.value ?? "") + (n.children ?? []).map((c) => plain(c as never)).join(""));
      const all = plain(tree as never);
      for (const written of ["MathError: $x$ costs $$y$$", "Cost is $\\color{red}{\\huge\\text{PWNED}}$ and $HOME/x", "Set $x$ first", "Run echo $HOME then $$a$$.", "Because $$E=mc^2$$ holds.", "Use $HOME/.config", "Section $5$", "OtherError: $HOME is $unset$", "when $PATH$ is empty"]) {
        expect(all, locale).toContain(written);
      }
      const outsideCode = md.replace(/```[\s\S]*?```|`[^`\n]*`/g, "").replace(/<span>\$<\/span>/g, "");
      expect(outsideCode, md).not.toContain("$");
    }
  });
});
