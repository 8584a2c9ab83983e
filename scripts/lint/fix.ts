// What `kb fix` does to one file's text, as a pure function: values it can repair without guessing
// (a rate written as a string or as a percentage where the schema says a rate, `resolvable` written as
// a boolean, a domain that disagrees with the id), the canonical layout, and on request the digests
// that record which English each translation was checked against. A file that does not parse is left
// exactly as it is: rewriting a broken file could lose what the contributor meant.
import { canonicalText } from "../model/canonical.ts";
import { translationDigest } from "../model/digest.ts";
import type { Entry } from "../model/entry.ts";
import { exactNumberIn } from "../model/number-text.ts";
import { wholePercentAsRate } from "../model/rate.ts";
import { translatedFields } from "../model/translation.ts";
import type { Source } from "../source/entry-file.ts";
import { truncate } from "./regex-misses.ts";

export type FixOutcome = { readonly kind: "unchanged" } | { readonly kind: "fixed"; readonly text: string; readonly repairs: readonly string[] } | { readonly kind: "unparsable" };

export interface FixOptions {
  /** Record every zh field as checked against today's English (translated_from). */
  readonly refreshTranslations?: boolean;
}

export function fixSource(source: Pick<Source, "text" | "tree" | "value">, syntaxBroken: boolean, options: FixOptions = {}): FixOutcome {
  if (!source.tree || syntaxBroken || source.tree.type !== "object") return { kind: "unparsable" };
  const repairs: string[] = [];
  const value = repairValues(structuredClone(source.value) as Record<string, unknown>, repairs);
  if (options.refreshTranslations) refreshTranslationDigests(value as Partial<Entry>, repairs);
  const text = canonicalText(value);
  return text === source.text ? { kind: "unchanged" } : { kind: "fixed", text, repairs };
}

/** A rate the schema bounds to 0..1: a numeric string becomes a number, and a whole percentage a fraction (model/rate.ts); the rest is left to lint. */
function repairRate(holder: Record<string, unknown>, key: string, where: string, repairs: string[]): void {
  const v = holder[key];
  let n = typeof v === "string" ? (exactNumberIn(v) ?? v) : v;
  if (typeof n === "number") n = wholePercentAsRate(n) ?? n;
  if (n !== v) {
    holder[key] = n;
    repairs.push(`${where}: ${JSON.stringify(v)} → ${JSON.stringify(n)}`);
  }
}

function repairValues(e: Record<string, unknown>, repairs: string[]): Record<string, unknown> {
  for (const key of ["confidence", "fix_success_rate"]) if (key in e) repairRate(e, key, key, repairs);
  if (typeof e.resolvable === "boolean") {
    repairs.push(`resolvable: ${String(e.resolvable)} → "${String(e.resolvable)}"`);
    e.resolvable = String(e.resolvable);
  }
  if (typeof e.evidence_count === "string" && /^[0-9]+$/.test(e.evidence_count)) {
    repairs.push(`evidence_count: "${e.evidence_count}" → ${Number(e.evidence_count)}`);
    e.evidence_count = Number(e.evidence_count);
  }
  const items = (key: string) => (Array.isArray(e[key]) ? (e[key] as unknown[]) : []).filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x));
  items("workarounds").forEach((w, i) => repairRate(w, "success_rate", `workarounds[${i}].success_rate`, repairs));
  items("dead_ends").forEach((d, i) => repairRate(d, "fail_rate", `dead_ends[${i}].fail_rate`, repairs));
  const graph = e.transition_graph as Record<string, unknown> | undefined;
  for (const list of ["leads_to", "preceded_by"]) {
    const links = graph && Array.isArray(graph[list]) ? (graph[list] as unknown[]) : [];
    links.forEach((l, i) => {
      if (typeof l === "object" && l !== null) repairRate(l as Record<string, unknown>, "probability", `transition_graph.${list}[${i}].probability`, repairs);
    });
  }
  if (typeof e.id === "string" && typeof e.domain === "string" && /^[a-z0-9-]+\//.test(e.id)) {
    const fromId = e.id.split("/")[0]!;
    if (e.domain !== fromId) {
      // Shortened: a 600 KB domain was logged whole, a line the hook then had to print (pass AL).
      repairs.push(`domain: ${JSON.stringify(truncate(e.domain))} → "${fromId}" (the id's first segment)`);
      e.domain = fromId;
    }
  }
  return e;
}

/** Writes translated_from for every zh field: the explicit statement that each was checked against today's English. */
function refreshTranslationDigests(e: Partial<Entry>, repairs: string[]): void {
  const fields = translatedFields(e);
  if (fields.length === 0) {
    if (e.translated_from !== undefined) {
      delete e.translated_from;
      repairs.push("translated_from removed: there are no translations");
    }
    return;
  }
  const from: NonNullable<Entry["translated_from"]> = {};
  if (e.signature_zh !== undefined && e.signature !== undefined) from.signature = translationDigest(e.signature);
  if (e.root_cause_zh !== undefined && e.root_cause !== undefined) from.root_cause = translationDigest(e.root_cause);
  if (e.workarounds_zh && e.workarounds) from.workarounds = e.workarounds_zh.map((_, i) => (e.workarounds![i] ? translationDigest(e.workarounds![i]!.action) : null));
  if (JSON.stringify(from) !== JSON.stringify(e.translated_from)) {
    e.translated_from = from;
    repairs.push(`translated_from: ${fields.length} translation${fields.length === 1 ? "" : "s"} recorded as checked against the current English`);
  }
}
