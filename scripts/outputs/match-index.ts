// The compact match index (generated/match.json): per entry what matching needs (regex, flags, the
// prefilter's literals) and what a lookup's answer needs (the best fix with its command and risk, the
// first dead end, the entries it is confused with, its view), one entry per line.
import type { Entry } from "../model/entry.ts";
import { MATCH_SCHEMA_VERSION, type MatchIndex, type MatchIndexEntry } from "../model/index-format.ts";
import { requiredLiterals } from "../regex/literals.ts";
import { countLiteralCharacters, JS_FLAGS, parsePattern } from "../regex/pattern.ts";
import { firstCommand } from "./command.ts";
import type { ItemReuse } from "./json-chunks.ts";
import { viewPath } from "./links.ts";

export function toMatchIndexEntry(e: Entry): MatchIndexEntry {
  const parsed = parsePattern(e.regex);
  const best = e.workarounds[0]!;
  const dead = e.dead_ends[0];
  return {
    id: e.id,
    signature: e.signature,
    regex: e.regex,
    flags: JS_FLAGS,
    literals: parsed.ok ? (requiredLiterals(parsed.ast) ?? null) : null,
    literal_chars: parsed.ok ? countLiteralCharacters(parsed.ast) : 0,
    fix_success_rate: e.fix_success_rate,
    fix: { action: best.action, command: firstCommand(best.how) ?? null, success_rate: best.success_rate, rate_basis: best.rate_basis ?? e.rate_basis ?? null, risk: best.risk ?? null },
    dead_end: dead ? { action: dead.action, why_fails: dead.why_fails } : null,
    confused_with: (e.transition_graph?.frequently_confused_with ?? []).map((c) => ({ id: c.error_id, distinction: c.distinction })),
    view: viewPath(e.id),
  };
}

/**
 * match.json's text: valid JSON with one entry per line, small to load and readable in a diff. Given
 * the entries' ids and an ItemReuse, an entry's line can be the one written before (see jsonChunks).
 */
export function* matchIndexChunks(sorted: { readonly length: number; at(i: number): Entry }, reuse?: { readonly ids: readonly string[]; readonly items: ItemReuse }): Generator<string> {
  const head = `{"schema_version":${JSON.stringify(MATCH_SCHEMA_VERSION)},"count":${sorted.length},"entries":[\n`;
  yield head;
  let bytes = Buffer.byteLength(head);
  for (let i = 0; i < sorted.length; i++) {
    const end = i + 1 < sorted.length ? ",\n" : "\n";
    if (!reuse) {
      yield `${JSON.stringify(toMatchIndexEntry(sorted.at(i)!))}${end}`;
      continue;
    }
    const id = reuse.ids[i]!;
    const text = reuse.items.text(id) ?? JSON.stringify(toMatchIndexEntry(sorted.at(i)!));
    const length = Buffer.byteLength(text);
    reuse.items.written(id, bytes, length);
    bytes += length + end.length;
    yield text;
    yield end;
  }
  yield "]}\n";
}

export type { MatchIndex };
