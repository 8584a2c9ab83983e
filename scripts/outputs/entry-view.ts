// The Markdown view of one entry, in one language, as an mdast tree: a pure function of the entry and
// of what it knows of its neighbours. It leads with the fix (the best workaround and its command, the
// first dead end, one real example line), then the root cause and the full lists, and ends with the
// metadata in one compact table. Every word the view adds comes from the labels table, so both
// languages share this renderer and its order.
import type { PhrasingContent, Root, RootContent } from "mdast";
import type { DeadEnd, Entry, Workaround } from "../model/entry.ts";
import { generatedHeader } from "../model/generated-mark.ts";
import { code, codeBlock, emphasis, heading, joinPhrasing, link, list, paragraph, prose, strong, table, text } from "../markdown/build.ts";
import { chartBlock, entryChart } from "./chains.ts";
import { firstCommand } from "./command.ts";
import { LABELS, type ViewLabels } from "./labels.ts";
import { isSafeUrl, percent, relativeViewLink, urlLabel, type Locale } from "./links.ts";
import { hasChineseView, localizedAction, localizedRootCause, localizedSignature, rateText, type LocalizedText } from "./localise.ts";
import type { Neighbours } from "./neighbours.ts";

export function headerComment(entryFile: string): RootContent {
  return { type: "html", value: generatedHeader(entryFile) };
}

interface ViewContext {
  readonly entry: Entry;
  readonly locale: Locale;
  readonly L: ViewLabels;
  readonly neighbours: Neighbours;
}

export function renderEntryView(entry: Entry, locale: Locale, neighbours: Neighbours): Root {
  const ctx: ViewContext = { entry, locale, L: LABELS[locale], neighbours };
  const { L } = ctx;
  const children: RootContent[] = [headerComment(`entries/${entry.id}.json`), heading(1, ...localized(ctx, localizedSignature(entry, locale), false))];
  children.push(...languageLinks(ctx));
  children.push(...fixFirst(ctx));

  children.push(heading(2, text(L.rootCause)), paragraph(...localized(ctx, localizedRootCause(entry, locale))));
  if (entry.root_cause_type) children.push(paragraph(text(L.kindOfCause), text(L.causeTypes[entry.root_cause_type])));

  children.push(heading(2, text(L.workarounds)));
  entry.workarounds.forEach((w, i) => children.push(...workaroundSection(ctx, w, i)));
  children.push(heading(2, text(L.deadEnds)), paragraph(text(L.deadEndsIntro)));
  entry.dead_ends.forEach((d, i) => children.push(...deadEndSection(ctx, d, i)));

  const related = relatedSection(ctx);
  if (related.length > 0) children.push(heading(2, text(L.related)), ...related);

  children.push(heading(2, text(L.recognising)));
  const recognise: PhrasingContent[][] = [[text(L.regex), code(entry.regex)]];
  for (const alias of entry.aliases ?? []) recognise.push([text(L.alsoWrittenAs), code(alias)]);
  for (const example of entry.examples?.match ?? []) recognise.push([text(L.example), code(example)]);
  children.push(list(recognise));

  children.push(heading(2, text(L.details)), detailsTable(ctx));
  return { type: "root", children };
}

/** The top workaround (with its command), the first dead end and one real line: what a reader came for. */
function fixFirst(ctx: ViewContext): RootContent[] {
  const { entry, L, locale } = ctx;
  const out: RootContent[] = [];
  const seen = entry.examples?.match?.[0] ?? entry.signature;
  out.push(paragraph(strong(text(L.seenAs)), text(L.labelGap), code(seen)));
  out.push(heading(2, text(L.fix)));
  const best = entry.workarounds[0]!;
  out.push(paragraph(strong(text(L.doThis)), text(L.labelGap), ...localized(ctx, localizedAction(entry, 0, locale)), text(` (${rateText(L, "success", best.success_rate, best.rate_basis ?? entry.rate_basis)})`)));
  const command = firstCommand(best.how);
  if (command) out.push(codeBlock("sh", command));
  if (best.risk) out.push(paragraph(strong(text(L.risk(L.riskLevels[best.risk.level]))), text(L.labelGap), text(best.risk.why)));
  const dead = entry.dead_ends[0]!;
  out.push(paragraph(strong(text(L.dontDoThis)), text(L.labelGap), ...prose(dead.action), text(L.because), ...prose(dead.why_fails)));
  return out;
}

function workaroundSection(ctx: ViewContext, w: Workaround, i: number): RootContent[] {
  const { entry, L, locale } = ctx;
  const rate = rateText(L, "success", w.success_rate, w.rate_basis ?? entry.rate_basis);
  const out: RootContent[] = [heading(3, text(`${i + 1}. `), ...localized(ctx, localizedAction(entry, i, locale)))];
  // Plain text, not emphasis alone: a paragraph that is only emphasis reads as a heading (MD036).
  const status: PhrasingContent[] = [text(rate)];
  if (w.risk) status.push(text(" · "), strong(text(L.risk(L.riskLevels[w.risk.level]))), text(L.labelGap), text(w.risk.why));
  out.push(paragraph(...status), paragraph(...prose(w.how)));
  out.push(...conditionAndSources(ctx, w.condition, w.sources));
  return out;
}

function deadEndSection(ctx: ViewContext, d: DeadEnd, i: number): RootContent[] {
  const { entry, L } = ctx;
  return [
    heading(3, text(`${i + 1}. `), ...prose(d.action)),
    paragraph(emphasis(text(rateText(L, "fail", d.fail_rate, d.rate_basis ?? entry.rate_basis))), text(L.because), ...prose(d.why_fails)),
    ...conditionAndSources(ctx, d.condition, d.sources),
  ];
}

function conditionAndSources({ L }: ViewContext, condition: string, sources: readonly string[]): RootContent[] {
  const out: RootContent[] = [];
  if (condition.trim() !== "") out.push(paragraph(text(L.applies), ...prose(condition)));
  if (sources.length > 0) out.push({ type: "paragraph", children: [text(`${L.sources}${L.colon}`), ...joinPhrasing(sources.map((s) => [urlNode(s)]), L.listSeparator)] });
  return out;
}

/** Text that may be the English original standing in for a translation, or a translation that may be stale, marked. */
function localized({ L }: ViewContext, t: LocalizedText, asProse = true): PhrasingContent[] {
  const mark = t.mark === "untranslated" ? L.untranslated : t.mark === "stale" ? L.maybeStale : "";
  return [...(asProse ? prose(t.value) : [text(t.value)]), ...(mark ? [text(mark)] : [])];
}

/** Each language's view links to the other; the translated one also says what is not translated. */
function languageLinks({ entry, locale, L }: ViewContext): RootContent[] {
  if (!hasChineseView(entry)) return [];
  const other: Locale = locale === "en" ? "zh" : "en";
  const out: RootContent[] = [paragraph(link(relativeViewLink(entry.id, entry.id, other), text(L.otherLanguage)))];
  if (L.translationNote) out.push(paragraph(text(L.translationNote)));
  return out;
}

function relatedSection(ctx: ViewContext): RootContent[] {
  const { entry, L, locale, neighbours } = ctx;
  const g = entry.transition_graph;
  if (!g) return [];
  const target = (id: string): PhrasingContent[] => {
    const n = neighbours.get(id);
    if (!n) return [code(id)];
    const zh = locale === "zh" && n.hasChinese;
    const label = locale === "zh" && n.signature_zh !== undefined ? n.signature_zh : n.signature;
    return [link(relativeViewLink(entry.id, id, zh ? "zh" : "en"), text(label))];
  };
  const items: PhrasingContent[][] = [
    ...g.leads_to.map((t) => [text(`${L.leadsTo}${L.colon}`), ...target(t.error_id), text(` (${percent(t.probability)})`), ...(t.condition.trim() ? [text(L.because), ...prose(t.condition)] : [])]),
    ...g.preceded_by.map((t) => [text(`${L.precededBy}${L.colon}`), ...target(t.error_id), text(` (${percent(t.probability)})`), ...(t.condition.trim() ? [text(L.because), ...prose(t.condition)] : [])]),
    ...g.frequently_confused_with.map((t) => [text(`${L.confusedWith}${L.colon}`), ...target(t.error_id), text(L.because), ...prose(t.distinction)]),
  ];
  if (items.length === 0) return [];
  const chart = entryChart(entry, neighbours, locale);
  return [list(items), ...(chart ? [chartBlock(chart)] : [])];
}

function detailsTable(ctx: ViewContext): RootContent {
  const { entry, L } = ctx;
  const rows: PhrasingContent[][][] = [];
  // The value as an array, never spread into a call: 75,000 tags overflowed the stack (pass P).
  const row = (label: string, value: PhrasingContent | PhrasingContent[]) => rows.push([[text(label)], Array.isArray(value) ? value : [value]]);
  row(L.id, code(entry.id));
  row(L.domain, link("README.md", text(entry.domain)));
  row(L.category, text(entry.subcategory ? `${entry.category} / ${entry.subcategory}` : entry.category));
  if (entry.error_code) row(L.errorCode, code(entry.error_code));
  row(L.fixRate, text(rateText(L, "success", entry.fix_success_rate, entry.rate_basis)));
  row(L.resolvable, text(L.resolvableValues[entry.resolvable]));
  row(L.verification, text(L.tiers[entry.verification_tier]));
  row(L.confidence, text(`${entry.rate_basis === "estimate" ? "≈" : ""}${percent(entry.confidence)}`));
  const versions = (entry.versions ?? []).map((v) => {
    const parts = [v.introduced ? `${L.introduced} ${v.introduced}` : "", v.deprecated ? `${L.deprecated} ${v.deprecated}` : "", v.removed ? `${L.removed} ${v.removed}` : ""].filter(Boolean);
    return [...prose(v.version), text(` (${[L.versionStatus[v.status], ...parts].join(L.clauseSeparator)})`), ...(v.behavior_change ? [text(L.because), ...prose(v.behavior_change)] : [])];
  });
  if (versions.length > 0) row(L.versions, joinPhrasing(versions, "; "));
  for (const [os, note] of Object.entries(entry.os_specific ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) row(L.operatingSystem(os), prose(note));
  const dates = [entry.first_seen ? L.firstSeen(entry.first_seen) : "", entry.last_confirmed ? L.lastConfirmed(entry.last_confirmed) : "", L.lastUpdated(entry.last_updated)].filter(Boolean);
  row(L.dates, text(dates.join(L.clauseSeparator)));
  if (entry.tags && entry.tags.length > 0) row(L.tags, joinPhrasing(entry.tags.map((t) => [code(t)]), L.listSeparator));
  if (entry.official_doc_url) row(L.officialDocs, urlNode(entry.official_doc_url, entry.official_doc_section ?? undefined));
  return table([L.field, L.value], rows);
}

/** A URL as a link when it is safe to be one (label: host and path), else as code. */
function urlNode(url: string, section?: string): PhrasingContent {
  const label = section ? `${urlLabel(url)} (${section})` : urlLabel(url);
  return isSafeUrl(url) ? link(url, text(label)) : code(url);
}
