// Does lookup send each entry's own texts (signature, aliases, match examples) back to that entry?
// Shared by the collision rule, which makes anything below 100% an error, and `kb stats`.
import type { Collision, OwnText, RegexFacts } from "../regex/facts.ts";
import { isPositive } from "../regex/facts.ts";
import type { EntryDoc } from "../rules/types.ts";
import { rankMatches, type RankedMatch } from "./rank.ts";

export interface SelfResolutionCase {
  readonly doc: EntryDoc;
  readonly text: OwnText;
  readonly ranked: readonly RankedMatch[];
  readonly resolved: boolean;
}

export interface SelfResolution {
  readonly cases: readonly SelfResolutionCase[];
  readonly resolved: number;
  readonly total: number;
}

export function computeSelfResolution(docs: readonly EntryDoc[], facts: RegexFacts): SelfResolution {
  const byText = new Map<OwnText, Collision[]>();
  for (const c of facts.collisions) {
    const list = byText.get(c.text) ?? [];
    list.push(c);
    byText.set(c.text, list);
  }
  const cases: SelfResolutionCase[] = [];
  for (const doc of docs) {
    const f = facts.byFile.get(doc.file);
    if (!f) continue;
    for (const text of f.texts) {
      if (!isPositive(text.role)) continue;
      const candidates = (byText.get(text) ?? []).map((c) => ({
        id: c.matcher.entry.id,
        index: c.index,
        length: c.length,
        literalChars: facts.byFile.get(c.matcher.file)?.literalChars ?? 0,
        fixRate: c.matcher.entry.fix_success_rate,
      }));
      if (text.js.kind === "match") {
        candidates.push({ id: doc.entry.id, index: text.js.index, length: text.js.length, literalChars: f.literalChars, fixRate: doc.entry.fix_success_rate });
      }
      const ranked = rankMatches(text.text, candidates);
      cases.push({ doc, text, ranked, resolved: ranked[0]?.id === doc.entry.id });
    }
  }
  return { cases, resolved: cases.filter((c) => c.resolved).length, total: cases.length };
}
