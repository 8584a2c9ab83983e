// The Markdown view of one entry, as an mdast tree: a pure function of the entry. User text only ever
// enters as text or inlineCode nodes, so remark escapes it; the one html node is our own header.
import type { List, ListItem, PhrasingContent, Root, RootContent } from "mdast";
import type { Entry } from "../schema/entry-schema.ts";
import { code, heading, link, paragraph, strong, table, text } from "../report/markdown.ts";
import { isSafeUrl, percent, relativeViewLink, urlLabel, VIEW_HEADER_PREFIX } from "./links.ts";

export function headerComment(entryFile: string): RootContent {
  return { type: "html", value: `${VIEW_HEADER_PREFIX}${entryFile}; do not edit: edit the entry and run npx kb build -->` };
}

const RESOLVABLE: Record<Entry["resolvable"], string> = { true: "yes", partial: "partially", false: "no" };

/**
 * Prose with `backtick` spans, as contributors write it: the spans become inlineCode nodes and the
 * rest text nodes, so code reads as code while every character is still escaped by remark.
 */
export function prose(value: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const parts = value.split("`");
  if (parts.length % 2 === 0) return [text(value)]; // an unpaired backtick: keep it all as text
  parts.forEach((part, i) => {
    if (part === "") return;
    out.push(i % 2 === 1 ? code(part) : text(part));
  });
  return out;
}

export function renderEntryView(entry: Entry): Root {
  const children: RootContent[] = [headerComment(`entries/${entry.id}.json`), heading(1, text(entry.signature))];
  children.push(metadataList(entry));

  children.push(heading(2, text("Root cause")), paragraph(...prose(entry.root_cause)));
  if (entry.root_cause_type) children.push(paragraph(text("Kind of cause: "), text(entry.root_cause_type.replace(/_/g, " "))));

  if (entry.versions && entry.versions.length > 0) {
    children.push(
      heading(2, text("Versions")),
      table(
        ["Version", "Status", "Introduced", "Deprecated", "Removed", "Behaviour change"],
        entry.versions.map((v) => [[text(v.version)], [text(v.status)], ...[v.introduced, v.deprecated, v.removed, v.behavior_change].map((x) => [text(x ?? "—")])]),
      ),
    );
  }

  const os = Object.entries(entry.os_specific ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  if (os.length > 0) {
    children.push(heading(2, text("Operating systems")), list(os.map(([name, note]) => [strong(text(name)), text(`: ${note}`)])));
  }

  children.push(heading(2, text("Workarounds")));
  children.push(
    orderedList(
      entry.workarounds.map((w) => [
        paragraph(strong(...prose(w.action)), text(` (${percent(w.success_rate)} success)`)),
        paragraph(...prose(w.how)),
        ...conditionAndSources(w.condition, w.sources),
      ]),
    ),
  );

  children.push(heading(2, text("Dead ends")), paragraph(text("Fixes people try that do not work, and why.")));
  children.push(
    listOfBlocks(
      entry.dead_ends.map((d) => [
        paragraph(strong(...prose(d.action)), text(` (${percent(d.fail_rate)} fail): `), ...prose(d.why_fails)),
        ...conditionAndSources(d.condition, d.sources),
      ]),
    ),
  );

  const related = relatedItems(entry);
  if (related.length > 0) children.push(heading(2, text("Related errors")), ...related);

  children.push(heading(2, text("Recognising it")));
  const recognise: PhrasingContent[][] = [[text("Regex (case-insensitive): "), code(entry.regex)]];
  for (const alias of entry.aliases ?? []) recognise.push([text("Also written as: "), code(alias)]);
  for (const example of entry.examples?.match ?? []) recognise.push([text("Example: "), code(example)]);
  children.push(list(recognise));

  const sources = collectSources(entry);
  if (sources.length > 0 || entry.official_doc_url) {
    children.push(heading(2, text("Sources")));
    const items: PhrasingContent[][] = [];
    if (entry.official_doc_url) items.push([text("Official documentation: "), urlNode(entry.official_doc_url, entry.official_doc_section ?? undefined)]);
    for (const url of sources) items.push([urlNode(url)]);
    children.push(list(items));
  }
  return { type: "root", children };
}

function metadataList(entry: Entry): List {
  const items: PhrasingContent[][] = [
    [strong(text("ID:")), text(" "), code(entry.id)],
    [strong(text("Domain:")), text(" "), link("README.md", text(entry.domain))],
    [strong(text("Category:")), text(" "), text(entry.subcategory ? `${entry.category} / ${entry.subcategory}` : entry.category)],
  ];
  if (entry.error_code) items.push([strong(text("Error code:")), text(" "), code(entry.error_code)]);
  items.push(
    [strong(text("Fix rate:")), text(` ${percent(entry.fix_success_rate)}`)],
    [strong(text("Resolvable:")), text(` ${RESOLVABLE[entry.resolvable]}`)],
    [strong(text("Verification:")), text(` ${entry.verification_tier.replace(/_/g, " ")}, confidence ${percent(entry.confidence)}`)],
  );
  const dates = [
    entry.first_seen ? `first seen ${entry.first_seen}` : "",
    entry.last_confirmed ? `last confirmed ${entry.last_confirmed}` : "",
    `last updated ${entry.last_updated}`,
  ].filter(Boolean);
  items.push([strong(text("Dates:")), text(` ${dates.join(", ")}`)]);
  if (entry.tags && entry.tags.length > 0) items.push([strong(text("Tags:")), text(" "), ...joinPhrasing(entry.tags.map((t) => code(t)))]);
  return list(items);
}

function conditionAndSources(condition: string, sources: readonly string[]): RootContent[] {
  const out: RootContent[] = [];
  if (condition.trim() !== "") out.push(paragraph(text("When: "), ...prose(condition)));
  if (sources.length > 0) out.push(paragraph(text("Sources: "), ...joinPhrasing(sources.map((s) => urlNode(s)))));
  return out;
}

function relatedItems(entry: Entry): RootContent[] {
  const g = entry.transition_graph;
  if (!g) return [];
  const out: RootContent[] = [];
  const section = (title: string, items: PhrasingContent[][]) => {
    if (items.length > 0) out.push(paragraph(strong(text(title))), list(items));
  };
  const to = (id: string) => link(relativeViewLink(entry.id, id), code(id));
  section("Leads to", g.leads_to.map((t) => [to(t.error_id), text(` (${percent(t.probability)})`), ...(t.condition ? [text(`: ${t.condition}`)] : [])]));
  section("Preceded by", g.preceded_by.map((t) => [to(t.error_id), text(` (${percent(t.probability)})`), ...(t.condition ? [text(`: ${t.condition}`)] : [])]));
  section("Often confused with", g.frequently_confused_with.map((t) => [to(t.error_id), text(`: ${t.distinction}`)]));
  return out;
}

function collectSources(entry: Entry): string[] {
  const all = [...entry.workarounds.flatMap((w) => w.sources), ...entry.dead_ends.flatMap((d) => d.sources)];
  return [...new Set(all)].filter((u) => u !== entry.official_doc_url).sort();
}

export function urlNode(url: string, label?: string): PhrasingContent {
  return isSafeUrl(url) ? link(url, text(label ?? urlLabel(url))) : text(url);
}

function joinPhrasing(items: PhrasingContent[], separator = ", "): PhrasingContent[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [text(separator), item]));
}

export function list(items: PhrasingContent[][]): List {
  return { type: "list", ordered: false, spread: false, children: items.map((p) => ({ type: "listItem", spread: false, children: [{ type: "paragraph", children: p }] })) };
}

function listOfBlocks(items: RootContent[][]): List {
  return { type: "list", ordered: false, spread: false, children: items.map((blocks) => ({ type: "listItem", spread: false, children: blocks }) as ListItem) };
}

function orderedList(items: RootContent[][]): List {
  return { type: "list", ordered: true, start: 1, spread: false, children: items.map((blocks) => ({ type: "listItem", spread: false, children: blocks }) as ListItem) };
}
