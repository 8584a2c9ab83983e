// The Markdown view of one entry, in one language, as an mdast tree: a pure function of the entry
// (and of the catalogue, to name and link its neighbours). Every word the view adds comes from the
// labels table, so both languages share this one renderer. User text only ever enters as text,
// inlineCode or code nodes, so remark escapes it; the one html node is our own header.
import type { List, ListItem, PhrasingContent, Root, RootContent } from "mdast";
import type { Entry } from "../schema/entry-schema.ts";
import { code, heading, link, paragraph, strong, table, text } from "../report/markdown.ts";
import { catalogueOf, chartBlock, entryChart, targetLocale, type Catalogue } from "./chains.ts";
import { LABELS, type Locale, type ViewLabels } from "./labels.ts";
import { isSafeUrl, percent, relativeViewLink, urlLabel, VIEW_HEADER_PREFIX } from "./links.ts";
import { hasChineseView, localizedAction, localizedRootCause, localizedSignature, type LocalizedText } from "./translation.ts";

export function headerComment(entryFile: string): RootContent {
  return { type: "html", value: `${VIEW_HEADER_PREFIX}${entryFile}; do not edit: edit the entry and run npx kb build -->` };
}

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

export interface ViewOptions {
  /** Language of the view; "zh" falls back to English, marked, where a field has no translation. */
  readonly locale?: Locale;
  /** Every entry by id, to label and link neighbours; without it they are shown by id. */
  readonly catalogue?: Catalogue;
}

interface ViewContext {
  readonly entry: Entry;
  readonly locale: Locale;
  readonly L: ViewLabels;
  readonly catalogue: Catalogue;
}

export function renderEntryView(entry: Entry, options: ViewOptions = {}): Root {
  const locale = options.locale ?? "en";
  const ctx: ViewContext = { entry, locale, L: LABELS[locale], catalogue: options.catalogue ?? catalogueOf([entry]) };
  const { L } = ctx;
  const children: RootContent[] = [headerComment(`entries/${entry.id}.json`), heading(1, ...localized(ctx, localizedSignature(entry, locale), false))];
  children.push(...languageLinks(ctx));
  children.push(metadataList(ctx));

  children.push(heading(2, text(L.rootCause)), paragraph(...localized(ctx, localizedRootCause(entry, locale))));
  if (entry.root_cause_type) children.push(paragraph(text(L.kindOfCause), text(L.causeTypes[entry.root_cause_type])));

  if (entry.versions && entry.versions.length > 0) {
    children.push(
      heading(2, text(L.versions)),
      table(
        [...L.versionColumns],
        entry.versions.map((v) => [[text(v.version)], [text(L.versionStatus[v.status])], ...[v.introduced, v.deprecated, v.removed, v.behavior_change].map((x) => [text(x ?? "—")])]),
      ),
    );
  }

  const os = Object.entries(entry.os_specific ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  if (os.length > 0) {
    children.push(heading(2, text(L.operatingSystems)), list(os.map(([name, note]) => [strong(text(name)), text(L.colon), ...prose(note)])));
  }

  children.push(heading(2, text(L.workarounds)));
  children.push(
    orderedList(
      entry.workarounds.map((w, i) => [
        paragraph(...boldLocalized(ctx, localizedAction(entry, i, locale)), text(L.success(percent(w.success_rate)))),
        paragraph(...prose(w.how)),
        ...conditionAndSources(ctx, w.condition, w.sources),
      ]),
    ),
  );

  children.push(heading(2, text(L.deadEnds)), paragraph(text(L.deadEndsIntro)));
  children.push(
    listOfBlocks(
      entry.dead_ends.map((d) => [
        paragraph(strong(...prose(d.action)), text(L.fail(percent(d.fail_rate))), ...prose(d.why_fails)),
        ...conditionAndSources(ctx, d.condition, d.sources),
      ]),
    ),
  );

  const related = relatedItems(ctx);
  if (related.length > 0) children.push(heading(2, text(L.related)), ...related);

  children.push(heading(2, text(L.recognising)));
  const recognise: PhrasingContent[][] = [[text(L.regex), code(entry.regex)]];
  for (const alias of entry.aliases ?? []) recognise.push([text(L.alsoWrittenAs), code(alias)]);
  for (const example of entry.examples?.match ?? []) recognise.push([text(L.example), code(example)]);
  children.push(list(recognise));

  const sources = collectSources(entry);
  if (sources.length > 0 || entry.official_doc_url) {
    children.push(heading(2, text(L.sources)));
    const items: PhrasingContent[][] = [];
    if (entry.official_doc_url) items.push([text(L.officialDocs), urlNode(entry.official_doc_url, entry.official_doc_section ?? undefined)]);
    for (const url of sources) items.push([urlNode(url)]);
    children.push(list(items));
  }
  return { type: "root", children };
}

/** Text that may be the English original standing in for a translation, marked as such. */
function localized({ L }: ViewContext, t: LocalizedText, asProse = true): PhrasingContent[] {
  return [...(asProse ? prose(t.value) : [text(t.value)]), ...(t.fallback ? [text(L.untranslated)] : [])];
}

/** Bold text, with the untranslated mark (if any) after the bold. */
function boldLocalized({ L }: ViewContext, t: LocalizedText): PhrasingContent[] {
  return [strong(...prose(t.value)), ...(t.fallback ? [text(L.untranslated)] : [])];
}

/** Each language's view links to the other; the translated one also says what is not translated. */
function languageLinks({ entry, locale, L }: ViewContext): RootContent[] {
  if (!hasChineseView(entry)) return [];
  const other: Locale = locale === "en" ? "zh" : "en";
  const out = [paragraph(link(relativeViewLink(entry.id, entry.id, other), text(L.otherLanguage)))];
  if (L.translationNote) out.push(paragraph(text(L.translationNote)));
  return out;
}

function labelled({ L }: ViewContext, label: string, ...value: PhrasingContent[]): PhrasingContent[] {
  return [strong(text(label)), ...(L.labelGap ? [text(L.labelGap)] : []), ...value];
}

function metadataList(ctx: ViewContext): List {
  const { entry, L } = ctx;
  const items: PhrasingContent[][] = [
    labelled(ctx, L.id, code(entry.id)),
    labelled(ctx, L.domain, link("README.md", text(entry.domain))),
    labelled(ctx, L.category, text(entry.subcategory ? `${entry.category} / ${entry.subcategory}` : entry.category)),
  ];
  if (entry.error_code) items.push(labelled(ctx, L.errorCode, code(entry.error_code)));
  items.push(
    labelled(ctx, L.fixRate, text(percent(entry.fix_success_rate))),
    labelled(ctx, L.resolvable, text(L.resolvableValues[entry.resolvable])),
    labelled(ctx, L.verification, text(`${L.tiers[entry.verification_tier]}${L.confidence(percent(entry.confidence))}`)),
  );
  const dates = [
    entry.first_seen ? L.firstSeen(entry.first_seen) : "",
    entry.last_confirmed ? L.lastConfirmed(entry.last_confirmed) : "",
    L.lastUpdated(entry.last_updated),
  ].filter(Boolean);
  items.push(labelled(ctx, L.dates, text(dates.join(L.clauseSeparator))));
  if (entry.tags && entry.tags.length > 0) items.push(labelled(ctx, L.tags, ...joinPhrasing(entry.tags.map((t) => code(t)), L.listSeparator)));
  return list(items);
}

function conditionAndSources({ L }: ViewContext, condition: string, sources: readonly string[]): RootContent[] {
  const out: RootContent[] = [];
  if (condition.trim() !== "") out.push(paragraph(text(L.when), ...prose(condition)));
  if (sources.length > 0) out.push(paragraph(text(`${L.sources}${L.colon}`), ...joinPhrasing(sources.map((s) => urlNode(s)), L.listSeparator)));
  return out;
}

function relatedItems(ctx: ViewContext): RootContent[] {
  const { entry, locale, L, catalogue } = ctx;
  const g = entry.transition_graph;
  if (!g) return [];
  const out: RootContent[] = [];
  const chart = entryChart(entry, catalogue, locale);
  if (chart) out.push(chartBlock(chart));
  const section = (title: string, items: PhrasingContent[][]) => {
    if (items.length > 0) out.push(paragraph(strong(text(title))), list(items));
  };
  const to = (id: string) => link(relativeViewLink(entry.id, id, targetLocale(catalogue.get(id), locale)), code(id));
  const transition = (t: { error_id: string; probability: number; condition: string }) => [
    to(t.error_id),
    text(` (${percent(t.probability)})`),
    ...(t.condition ? [text(L.colon), ...prose(t.condition)] : []),
  ];
  section(L.leadsTo, g.leads_to.map(transition));
  section(L.precededBy, g.preceded_by.map(transition));
  section(L.confusedWith, g.frequently_confused_with.map((t) => [to(t.error_id), text(L.colon), ...prose(t.distinction)]));
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
