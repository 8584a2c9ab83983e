// What a rule is: metadata for the catalogue and a pure check that reports problems by JSON pointer.
// Rules never touch the disk; the engine turns their problems into located diagnostics. An entry rule
// names the fields it needs, and runs whenever those fields passed the schema (one wave of errors):
// its `entry` type then guarantees exactly those fields.
import type { RuleId, Severity } from "../model/diagnostic.ts";
import type { Entry } from "../model/entry.ts";
import type { Limits } from "../model/limits.ts";
import type { Target } from "../model/location.ts";
import type { Source } from "../source/entry-file.ts";
import type { CollisionFacts } from "./collisions.ts";
import type { RegexFacts } from "./facts.ts";
import type { EntrySummary } from "./summary.ts";

export interface RuleMeta {
  readonly id: RuleId;
  /** What the rule checks, completing "checks that …". */
  readonly description: string;
  readonly severity: Severity;
  /** Why the rule exists, for docs/rules.md and `kb rules <id>`. */
  readonly why: string;
  /** `kb fix` repairs what it reports. */
  readonly fixable?: boolean;
  /**
   * Parse, schema, path, id and encoding rules: what every other check stands on. They can be neither
   * excepted in lint-exceptions.json nor turned off or down in kb.config.json.
   */
  readonly structural?: boolean;
}

export interface Problem {
  readonly pointer: string;
  readonly message: string;
  readonly hint?: string;
  /** Point at the key rather than the value (unknown or misplaced keys). */
  readonly target?: Target;
  /** Point at this UTF-16 index inside the string value (a construct inside a regex). */
  readonly charIndex?: number;
  /** Point at this offset of the source text (formatting problems that have no key). */
  readonly offset?: number;
  /** Overrides the rule's default severity for this one problem. */
  readonly severity?: Severity;
  /** Overrides the rule's fixable flag for this one problem. */
  readonly fixable?: boolean;
}

/** An entry whose fields in R passed the schema; other fields are there only if they passed too. */
export type CheckedEntry<R extends keyof Entry> = Partial<Entry> & Required<Pick<Entry, R>>;

export interface EntryRuleContext<R extends keyof Entry> {
  readonly entry: CheckedEntry<R>;
  readonly file: string;
  /** The id the file's path implies, when the path has that shape. */
  readonly pathId: string | undefined;
  /** The parsed file, for rules about its text (canonical layout). */
  readonly source: Source;
  /** The regex facts; present whenever `regex` passed the schema. */
  readonly facts: "regex" extends R ? RegexFacts : RegexFacts | undefined;
  readonly limits: Limits;
  /** Today's date, YYYY-MM-DD (UTC), injected so rules stay pure. */
  readonly today: string;
  report(problem: Problem): void;
}

export interface EntryRule {
  readonly meta: RuleMeta;
  readonly scope: "entry";
  /** Fields that must have passed the schema for the check to run. */
  readonly requires: readonly (keyof Entry)[];
  check(context: EntryRuleContext<keyof Entry>): void;
}

export interface CollectionRuleContext {
  /** Every entry whose id, regex and texts passed the schema, in file order. */
  readonly entries: readonly EntrySummary[];
  /** Ids of every entry file (schema errors or not), so links to them do not dangle. */
  readonly knownIds: ReadonlySet<string>;
  readonly collisions: CollisionFacts;
  report(entry: EntrySummary, problem: Problem): void;
}

export interface CollectionRule {
  readonly meta: RuleMeta;
  readonly scope: "collection";
  check(context: CollectionRuleContext): void;
}

/** A rule checked by the source, schema or output stages themselves; listed for the catalogue. */
export interface StageRule {
  readonly meta: RuleMeta;
  readonly scope: "stage";
}

export type Rule = EntryRule | CollectionRule | StageRule;

/** Declares an entry rule with its required fields, so its check sees them typed as present. */
export function entryRule<const R extends keyof Entry>(rule: { meta: RuleMeta; requires: readonly R[]; check(context: EntryRuleContext<R>): void }): EntryRule {
  return { scope: "entry", meta: rule.meta, requires: rule.requires, check: rule.check as EntryRule["check"] };
}

export function collectionRule(rule: { meta: RuleMeta; check(context: CollectionRuleContext): void }): CollectionRule {
  return { scope: "collection", ...rule };
}
