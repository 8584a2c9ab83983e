// The synthetic benchmark corpus: entry i of a corpus is a pure function of (i, size, seed), so any
// entry can be produced alone and the same corpus comes out on every machine. Entries are lint-clean
// (their regexes compile in both engines, match their own texts and no other entry's), because a
// clean corpus exercises the whole pipeline, build included.
import { canonicalText } from "../model/canonical.ts";
import { translationDigest } from "../model/digest.ts";
import { seededRandom, type Random } from "./prng.ts";
import {
  ACTIONS, COMMANDS, CONDITIONS, CONSEQUENCES, DOMAINS, FAILURES, OBJECTS, OS_NAMES, SOURCE_HOSTS, SUBJECTS, TAG_WORDS, VERBS, ZH_PHRASES,
  type DomainWords,
} from "./corpus-words.ts";

export const DEFAULT_SEED = 20_261_122;

/** A word no vocabulary contains, unique per entry and fixed-width, so no entry's token is inside another's. */
export function entryToken(index: number): string {
  return `zq${String(index).padStart(6, "0")}`;
}

interface Identity {
  readonly id: string;
  readonly words: DomainWords;
  readonly object: string;
  readonly failure: readonly [string, string];
}

/** The id and the words it is made of; used for the entry itself and for links to it. */
export function identityOf(index: number, seed: number): Identity {
  const r = seededRandom(seed ^ Math.imul(index + 1, 0x9e3779b1));
  const words = r.pick(DOMAINS);
  const object = r.pick(OBJECTS);
  const failure = r.pick(FAILURES);
  const slugWords = failure[0].toLowerCase().replace(/[^a-z0-9]+/g, " ").trim().split(" ").slice(0, 3);
  return { id: `${words.domain}/${[...slugWords, object, entryToken(index)].join("-")}`, words, object, failure };
}

const escapeRegex = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");

interface Recognition {
  readonly signature: string;
  readonly regex: string;
  readonly aliases: string[];
  readonly match: string[];
  readonly noMatch: string[];
}

/** Five regex shapes seen in real knowledge bases: prefix plus alternation, `.*`, code alternation, classes. */
function recognition(index: number, who: Identity, r: Random): Recognition {
  const prefix = r.pick(who.words.prefixes);
  const [failA, failB] = who.failure;
  const obj = who.object;
  const pkg = `${obj}-${entryToken(index)}`;
  const code = `E_${entryToken(index).toUpperCase()}`;
  const where = () => `/srv/${r.pick(OBJECTS)}s/${r.pick(OBJECTS)}.${r.pick(["js", "py", "go", "rb", "conf"])}:${r.int(1, 400)}:${r.int(1, 80)}`;
  const other = `${r.pick(OBJECTS)}-cache`;
  const noMatch = [`${prefix}: ${failA} ${obj} '${other}'`, `${prefix}: ${failB} ${other}`, `warning: ${failA} ${other} (ignored)`];
  switch (index % 5) {
    case 0:
      return {
        signature: `${prefix}: ${failA} ${obj} '${pkg}'`,
        regex: `${escapeRegex(prefix)}: (?:${escapeRegex(failA)}|${escapeRegex(failB)}) ${obj} '?${pkg}'?`,
        aliases: [`${prefix}: ${failB} ${obj} ${pkg}`],
        match: [`${prefix}: ${failA} ${obj} '${pkg}' (at ${where()})`, `${prefix}: ${failB} ${obj} ${pkg}`],
        noMatch,
      };
    case 1:
      return {
        signature: `${prefix}: ${failA} ${obj} ${pkg}`,
        regex: `(?:${escapeRegex(failA)}|${escapeRegex(failB)}).*${pkg}`,
        aliases: [`${failB} ${obj} ${pkg} after retry`, `${failA} ${pkg}`],
        match: [`[${r.int(10, 23)}:${r.int(10, 59)}:${r.int(10, 59)}] ${prefix}: ${failA} ${obj} ${pkg} at ${where()}`],
        noMatch,
      };
    case 2:
      return {
        signature: `${prefix}: ${failA} ${pkg} (${code})`,
        regex: `${code}|${escapeRegex(prefix)}: .*${pkg}`,
        aliases: [`${code}: ${failB} ${pkg}`],
        match: [`code: '${code}'`, `${prefix}: ${failB} ${obj} ${pkg} in ${where()}`],
        noMatch,
      };
    case 3: {
      const n = r.int(1, 255);
      return {
        signature: `${prefix} (code ${n}): ${failA} ${pkg}`,
        regex: `${escapeRegex(prefix)} \\(code [0-9]+\\): (?:${escapeRegex(failA)}|${escapeRegex(failB)}) ${pkg}`,
        aliases: [],
        match: [`${prefix} (code ${r.int(1, 255)}): ${failB} ${pkg}`],
        noMatch,
      };
    }
    default:
      return {
        signature: `${prefix}: ${failA} "${pkg}" in /etc/${obj}s/${pkg}.conf`,
        regex: `${escapeRegex(failA)} ["']?${pkg}["']? in [^ ]+\\.conf`,
        aliases: [`${failA} '${pkg}' in ./local/${pkg}.conf`],
        match: [],
        noMatch,
      };
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const sentence = (r: Random, product: string) => `${capitalise(r.pick(SUBJECTS))} ${r.pick(VERBS)} ${r.pick(SUBJECTS)} in ${product}, ${r.pick(CONSEQUENCES)}.`;
const paragraphOf = (r: Random, product: string, min: number, max: number) => Array.from({ length: r.int(min, max) }, () => sentence(r, product)).join(" ");
const rate = (r: Random, min: number, max: number) => Math.round((min + r.next() * (max - min)) * 100) / 100;
const date = (r: Random, fromYear: number, toYear: number) => `${r.int(fromYear, toYear)}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`;
const sources = (r: Random) => Array.from({ length: r.int(0, 2) }, (_, k) => `${r.pick(SOURCE_HOSTS)}${r.int(1000, 99999) * 10 + k}`);

/** Entry `index` of a corpus of `size` entries, as a value (key order does not matter; see entryText). */
export function generateEntry(index: number, size: number, seed: number = DEFAULT_SEED): Record<string, unknown> {
  const who = identityOf(index, seed);
  const r = seededRandom(seed ^ Math.imul(index + 7, 0x85ebca6b));
  const product = who.words.product;
  const rec = recognition(index, who, r);
  const workaroundCount = r.int(1, 6);
  const usedActions = r.sample(ACTIONS, r.int(1, 6) + workaroundCount);
  const deadEnds = usedActions.slice(workaroundCount).map((action) => ({
    action,
    why_fails: paragraphOf(r, product, 1, 2),
    fail_rate: rate(r, 0.5, 1),
    condition: r.pick(CONDITIONS),
    sources: sources(r),
  }));
  const workarounds = usedActions.slice(0, workaroundCount).map((action) => ({
    action: `${action} for ${who.object} ${entryToken(index)}`,
    success_rate: rate(r, 0.4, 0.98),
    how: `Run ${r.pick(COMMANDS)} and then ${r.pick(COMMANDS)}. ${paragraphOf(r, product, 1, 3)}`,
    condition: r.pick(CONDITIONS),
    sources: sources(r),
  }));
  const entry: Record<string, unknown> = {
    id: who.id,
    signature: rec.signature,
    regex: rec.regex,
    domain: who.words.domain,
    category: r.pick(who.words.categories),
    subcategory: r.chance(0.5) ? `${who.object}_${r.pick(["lookup", "access", "startup", "upgrade"])}` : null,
    root_cause: paragraphOf(r, product, 3, 6),
    root_cause_type: r.pick(["generic", "version_specific", "environment_specific", "configuration"]),
    versions: Array.from({ length: r.int(0, 3) }, (_, k) => ({
      version: `${product} ${10 + k}.x`,
      introduced: r.chance(0.5) ? `${10 + k}.0.0` : null,
      deprecated: null,
      removed: null,
      behavior_change: r.chance(0.7) ? sentence(r, product) : null,
      status: r.pick(["active", "deprecated", "removed"]),
    })),
    os_specific: Object.fromEntries(r.sample(OS_NAMES, r.int(0, 2)).map((os) => [os, sentence(r, product)])),
    dead_ends: deadEnds.length > 0 ? deadEnds : [{ action: "Retry the same command", why_fails: paragraphOf(r, product, 1, 2), fail_rate: 0.95, condition: "", sources: [] }],
    workarounds,
    official_doc_url: r.chance(0.6) ? `https://docs.example.com/${who.words.domain}/errors#${entryToken(index)}` : null,
    official_doc_section: null,
    error_code: index % 5 === 2 ? `E_${entryToken(index).toUpperCase()}` : null,
    verification_tier: r.pick(["ai_generated", "human_reviewed", "community_verified"]),
    confidence: rate(r, 0.5, 1),
    fix_success_rate: rate(r, 0.3, 0.99),
    resolvable: r.pick(["true", "true", "partial", "false"]),
    first_seen: date(r, 2018, 2021),
    last_confirmed: date(r, 2022, 2024),
    last_updated: date(r, 2025, 2025),
    evidence_count: r.int(0, 40),
    tags: r.sample(TAG_WORDS, r.int(1, 5)),
    aliases: rec.aliases,
    locale: "en",
    examples: { match: rec.match, no_match: r.sample(rec.noMatch, r.int(1, 3)) },
  };
  if (r.chance(0.2)) {
    entry.signature_zh = `${who.words.prefixes[0]}：${r.pick(ZH_PHRASES)} ${entryToken(index)}`;
    entry.root_cause_zh = r.sample(ZH_PHRASES, r.int(2, 4)).join("，") + "。";
    entry.workarounds_zh = workarounds.map(() => r.sample(ZH_PHRASES, 2).join("，"));
    entry.translated_from = { signature: translationDigest(rec.signature), root_cause: translationDigest(entry.root_cause as string), workarounds: workarounds.map((w) => translationDigest(w.action)) };
  }
  const graph = { leads_to: [] as unknown[], preceded_by: [] as unknown[], frequently_confused_with: [] as unknown[] };
  if (size > 1 && r.chance(0.3)) {
    const link = () => {
      let other = r.int(0, size - 2);
      if (other >= index) other++;
      return { error_id: identityOf(other, seed).id, probability: rate(r, 0.1, 0.9), condition: r.pick(CONDITIONS) };
    };
    const unique = (links: { error_id: string }[]) => links.filter((l, k) => links.findIndex((m) => m.error_id === l.error_id) === k);
    graph.leads_to = unique(Array.from({ length: r.int(0, 2) }, link));
    graph.preceded_by = unique(Array.from({ length: r.int(0, 2) }, link));
  }
  // Confusion is declared on both sides, in pairs (0,1), (40,41), …
  const partner = index % 40 === 0 ? index + 1 : index % 40 === 1 ? index - 1 : -1;
  if (partner >= 0 && partner < size) {
    graph.frequently_confused_with = [{ error_id: identityOf(partner, seed).id, distinction: `This one names ${entryToken(index)}; the other names ${entryToken(partner)}.` }];
  }
  entry.transition_graph = graph;
  return entry;
}

/** The file text of entry `index`, in canonical form. */
export function entryText(index: number, size: number, seed: number = DEFAULT_SEED): string {
  return canonicalText(generateEntry(index, size, seed));
}
