// The catalogue at a glance: per-domain figures as GFM tables, aging measured against the data's
// newest date (never the clock), translation coverage, and domain graphs drawn or listed by size.
import type { Root, Table } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderOutputs } from "../../scripts/build/outputs.ts";
import { figuresOf, isAging, oneYearBefore, referenceDate } from "../../scripts/render/at-a-glance.ts";
import { MAX_CHART_NODES } from "../../scripts/render/chains.ts";
import { groupByDomain, renderCatalogue, renderDomainPage } from "../../scripts/render/index-pages.ts";
import { toMarkdown } from "../../scripts/report/markdown.ts";
import { chainEntries, entry, parseFlowchart, partlyTranslated } from "./fixtures.ts";

const parse = (md: string) => unified().use(remarkParse).use(remarkGfm).parse(md) as Root;
const cellText = (node: unknown): string => {
  const n = node as { value?: string; children?: unknown[] };
  return n.value ?? (n.children ?? []).map(cellText).join("");
};
const tables = (md: string) => parse(md).children.filter((n): n is Table => n.type === "table").map((t) => t.children.map((row) => row.children.map(cellText)));

const fresh = entry("alpha/fresh", { last_updated: "2026-03-01", last_confirmed: "2026-11-22", verification_tier: "human_reviewed", fix_success_rate: 0.9, signature_zh: "新的" });
const justInTime = entry("alpha/just-in-time", { last_updated: "2025-11-22", last_confirmed: null, verification_tier: "ai_generated", fix_success_rate: 0.5 });
const stale = entry("beta/stale", { last_updated: "2026-01-05", last_confirmed: "2025-11-21", verification_tier: "community_verified", fix_success_rate: 0.7 });
const corpus = [fresh, justInTime, stale];

describe("aging", () => {
  it("is measured from the newest last_updated or last_confirmed date in the data", () => {
    expect(referenceDate(corpus)).toBe("2026-11-22");
    expect(oneYearBefore("2026-11-22")).toBe("2025-11-22");
    expect(isAging(justInTime, "2026-11-22")).toBe(false); // confirmed (updated) exactly a year before
    expect(isAging(stale, "2026-11-22")).toBe(true); // updated since, but last confirmed a day earlier
    expect(isAging(stale, "2026-11-21")).toBe(false);
  });

  it("does not depend on the day the build runs", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2027-06-01T00:00:00Z"));
    const early = renderOutputs([...corpus, partlyTranslated, ...chainEntries]);
    vi.setSystemTime(new Date("2031-01-01T00:00:00Z"));
    const late = renderOutputs([...corpus, partlyTranslated, ...chainEntries]);
    expect(late).toEqual(early);
  });

  afterEach(() => vi.useRealTimers());
});

describe("catalogue at a glance", () => {
  const md = toMarkdown(renderCatalogue(groupByDomain(corpus), "1.0.0"));

  it("shows per-domain counts, fix rate, review share, translation coverage and aging as a GFM table", () => {
    const [glance] = tables(md);
    expect(glance).toEqual([
      ["Domain", "Entries", "Average fix rate", "Human-reviewed", "Chinese view", "Fully translated", "Aging"],
      ["alpha", "2", "70%", "50%", "1 (50%)", "0 (0%)", "0"],
      ["beta", "1", "70%", "100%", "0 (0%)", "0 (0%)", "1"],
      ["all domains", "3", "70%", "67%", "1 (33%)", "0 (0%)", "1"],
    ]);
  });

  it("lists the aging entries and says what date aging is measured against", () => {
    const aging = tables(md)[1]!;
    expect(aging.map((row) => row[0])).toEqual(["Entry", "beta/stale"]);
    expect(md).toContain("before 2025-11-22, one year before 2026-11-22, the newest last_updated or last_confirmed date");
  });

  it("counts fully translated entries apart from partly translated ones", () => {
    const full = entry("alpha/full", { signature_zh: "全", root_cause_zh: "因。", workarounds_zh: ["做"] });
    expect(figuresOf([full, partlyTranslated], "")).toMatchObject({ chineseViews: 2, fullyTranslated: 1 });
  });

  it("shows translation coverage on the domain page, linking the Chinese views", () => {
    const page = toMarkdown(renderDomainPage("alpha", [fresh, justInTime]));
    expect(page).toContain("Chinese: 1 of 2 entries have a Chinese view, 0 fully translated.");
    expect(page).toContain("[中文版](fresh.zh.md) (partial)");
  });
});

describe("error chains on the catalogue", () => {
  it("draws a small domain's graph with valid Mermaid and names the domains without links", () => {
    const page = toMarkdown(renderCatalogue(groupByDomain([...chainEntries, ...corpus]), "1.0.0"));
    const charts = [...page.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
    expect(charts).toHaveLength(2); // demo, and other (reached from demo)
    for (const chart of charts) expect(parseFlowchart(chart).problems).toEqual([]);
    expect(page).toContain("No links yet: alpha, beta.");
  });

  it("lists a domain too large to draw instead of drawing it", () => {
    const n = MAX_CHART_NODES + 1;
    const chain = Array.from({ length: n }, (_, i) =>
      entry(`big/step-${i}`, { transition_graph: { leads_to: i + 1 < n ? [{ error_id: `big/step-${i + 1}`, probability: 0.5, condition: "" }] : [], preceded_by: [], frequently_confused_with: [] } }),
    );
    const page = toMarkdown(renderCatalogue(groupByDomain(chain), "1.0.0"));
    expect(page).not.toContain("```mermaid");
    expect(page).toContain(`${n} linked entries, too many to draw`);
    expect(page).toContain("[`big/step-0`](big/step-0.md) leads to (50%) [`big/step-1`](big/step-1.md)");
    // the last kept step still links to the next one, which is drawn as a node too: 30 nodes in all
    const drawn = toMarkdown(renderCatalogue(groupByDomain(chain.slice(0, MAX_CHART_NODES - 1)), "1.0.0"));
    expect(drawn).toContain("```mermaid");
  });
});
