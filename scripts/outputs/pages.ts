// The domain pages (one table of entries per domain) and the catalogue of domains, as mdast trees:
// counts, fix rates, review and translation coverage, aging entries and each domain's error chains.
// Entries arrive sorted by id; every figure is a pure function of them.
import type { PhrasingContent, Root, RootContent } from "mdast";
import { code, heading, link, list, paragraph, table, text } from "../markdown/build.ts";
import { chartBlock, domainCharts, MAX_CHART_NODES } from "./chains.ts";
import { headerComment } from "./entry-view.ts";
import { figuresOf, isAging, oneYearBefore, referenceDate, type Figures, type PageRow } from "./figures.ts";
import { LABELS } from "./labels.ts";
import { percent, viewPath } from "./links.ts";

export function groupByDomain(entries: readonly PageRow[]): Map<string, PageRow[]> {
  const map = new Map<string, PageRow[]>();
  for (const e of entries) {
    const list = map.get(e.domain) ?? [];
    list.push(e);
    map.set(e.domain, list);
  }
  return new Map([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 (67%)": a count and its share, for coverage columns. */
const countAndShare = (count: number, total: number) => `${count} (${percent(total === 0 ? 0 : count / total)})`;

/** Where a domain's own JSON file is, relative to the output folder. */
export const domainJsonPath = (domain: string) => `${domain}.json`;

export function renderDomainPage(domain: string, entries: readonly PageRow[]): Root {
  const f = figuresOf(entries, "");
  const chinese = (e: PageRow): PhrasingContent[] =>
    e.hasChinese ? [link(`${e.id.split("/")[1]}.zh.md`, text(LABELS.en.otherLanguage)), ...(e.fullyTranslated ? [] : [text(" (partial)")])] : [text("—")];
  return {
    type: "root",
    children: [
      headerComment(`entries/${domain}/`),
      heading(1, text(`Domain: ${domain}`)),
      paragraph(text(`${plural(entries.length, "entry", "entries")}. `), link("../README.md", text("All domains")), text(". For programs: "), link(`../${domainJsonPath(domain)}`, code(domainJsonPath(domain))), text(".")),
      paragraph(text(`Chinese: ${f.chineseViews} of ${plural(entries.length, "entry has", "entries have")} a Chinese view, ${f.fullyTranslated} fully translated.`)),
      table(
        ["Entry", "Signature", "Category", "Fix rate", "Verification", "Chinese"],
        entries.map((e) => [[link(`${e.id.split("/")[1]}.md`, code(e.id))], [text(e.signature)], [text(e.category)], [text(percent(e.fix_success_rate))], [text(LABELS.en.tiers[e.verification_tier])], chinese(e)]),
      ),
    ],
  };
}

export function renderCatalogue(byDomain: ReadonlyMap<string, readonly PageRow[]>, schemaVersion?: string): Root {
  const all = [...byDomain.values()].flat();
  const reference = referenceDate(all);
  return {
    type: "root",
    children: [
      headerComment("entries/"),
      heading(1, text("error-kb catalogue")),
      paragraph(
        text(`${plural(all.length, "entry", "entries")} in ${plural(byDomain.size, "domain", "domains")}. The bundled index is `),
        link("index.json", code("index.json")),
        text("; its schema is "),
        link("entry.schema.json", code("entry.schema.json")),
        text("."),
      ),
      ...atAGlance(byDomain, all, reference),
      ...agingSection(all, reference),
      ...chainsSection(byDomain, all),
      ...forPrograms(byDomain, schemaVersion),
    ],
  };
}

function atAGlance(byDomain: ReadonlyMap<string, readonly PageRow[]>, all: readonly PageRow[], reference: string): RootContent[] {
  const row = (name: PhrasingContent, f: Figures): PhrasingContent[][] => [
    [name],
    [text(String(f.entries))],
    [text(percent(f.averageFixRate))],
    [text(percent(f.humanReviewed))],
    [text(countAndShare(f.chineseViews, f.entries))],
    [text(countAndShare(f.fullyTranslated, f.entries))],
    [text(String(f.aging))],
  ];
  const rows = [...byDomain.entries()].map(([domain, list]) => row(link(`${domain}/README.md`, text(domain)), figuresOf(list, reference)));
  if (byDomain.size > 1) rows.push(row(text("all domains"), figuresOf(all, reference)));
  return [
    heading(2, text("At a glance")),
    table(["Domain", "Entries", "Average fix rate", "Human-reviewed", "Chinese view", "Fully translated", "Aging"], rows, [null, "right", "right", "right", "right", "right", "right"]),
    paragraph(
      text("Human-reviewed counts entries checked by people (human reviewed or community verified). A Chinese view exists when an entry translates its signature, root cause or workarounds; fully translated means all three, each checked against the current English (translated_from). "),
      text(`Aging counts entries not confirmed for over a year: their last_confirmed date (or last_updated, when never confirmed) is before ${reference === "" ? "the newest date" : oneYearBefore(reference)}, one year before ${reference === "" ? "the newest date in the knowledge base" : `${reference}, the newest last_updated or last_confirmed date in the knowledge base`}. It is measured against the data, not the day of the build, so this page only changes when entries do.`),
    ),
  ];
}

function agingSection(all: readonly PageRow[], reference: string): RootContent[] {
  const aging = all.filter((e) => isAging(e, reference));
  if (aging.length === 0) return [heading(2, text("Aging entries")), paragraph(text("None: every entry was confirmed within the year."))];
  return [
    heading(2, text("Aging entries")),
    table(
      ["Entry", "Signature", "Last confirmed", "Last updated"],
      aging.map((e) => [[link(viewPath(e.id), code(e.id))], [text(e.signature)], [text(e.last_confirmed ?? "never")], [text(e.last_updated)]]),
    ),
    paragraph(text("Each needs someone to check that it still happens and that its workarounds still work, then to update last_confirmed.")),
  ];
}

function chainsSection(byDomain: ReadonlyMap<string, readonly PageRow[]>, all: readonly PageRow[]): RootContent[] {
  const out: RootContent[] = [
    heading(2, text("Error chains")),
    paragraph(text(`Arrows lead from an error to one that often follows it, with how often; dotted lines join errors people confuse. Each domain page links every entry. A domain with more than ${MAX_CHART_NODES} linked entries is listed instead of drawn.`)),
  ];
  const unlinked: string[] = [];
  const charts = domainCharts(byDomain.keys(), all);
  for (const domain of byDomain.keys()) {
    const chart = charts.get(domain)!;
    if (chart.edges.length === 0) {
      unlinked.push(domain);
      continue;
    }
    out.push(heading(3, text(domain)));
    if (chart.nodes.length <= MAX_CHART_NODES) {
      out.push(chartBlock(chart));
      continue;
    }
    out.push(
      paragraph(text(`${chart.nodes.length} linked entries, too many to draw:`)),
      list(
        chart.edges.map((e) => [
          link(viewPath(e.from), code(e.from)),
          text(e.kind === "leads" ? ` leads to (${e.label ?? ""}) ` : " is confused with "),
          link(viewPath(e.to), code(e.to)),
        ]),
      ),
    );
  }
  if (unlinked.length > 0) out.push(paragraph(text(`No links yet: ${unlinked.join(", ")}.`)));
  return out;
}

function forPrograms(byDomain: ReadonlyMap<string, readonly PageRow[]>, schemaVersion: string | undefined): RootContent[] {
  const file = (name: string) => link(name, code(name));
  return [
    heading(2, text("For programs")),
    list([
      [file("index.json"), text(`: every entry with every field${schemaVersion ? `, format version ${schemaVersion}` : ""}; described by `), file("index.schema.json"), text(".")],
      [file("match.json"), text(": what matching and an answer need (id, regex, flags, literals, signature, the best fix with its command and risk, the first dead end, confusions, the view), one entry per line.")],
      [text("One domain each: "), ...[...byDomain.keys()].flatMap((d, i) => [...(i === 0 ? [] : [text(", ")]), file(domainJsonPath(d))]), text(", in the format of index.json.")],
      [file("entry.schema.json"), text(": the schema of one entry file, for editors.")],
    ]),
  ];
}
