// What a rule is: a stable id, metadata for the catalogue, and a pure check that reports problems by
// JSON pointer. Rules never touch the disk; the engine turns their problems into diagnostics.
import type { RuleId, Severity } from "../core/diagnostic.ts";
import type { Target } from "../core/location.ts";
import type { Limits } from "../core/limits.ts";
import type { ParsedSource } from "../load/parse.ts";
import type { Entry } from "../schema/entry-schema.ts";
import type { RegexFacts, EntryRegexFacts } from "../regex/facts.ts";

/** A schema-valid entry with where it came from. */
export interface EntryDoc {
  readonly file: string;
  /** The id the file's path implies (`<domain>/<slug>`), when the path has that shape. */
  readonly pathId: string | undefined;
  readonly source: ParsedSource;
  readonly entry: Entry;
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
}

export interface RuleDocs {
  /** Why the rule exists, for docs/rules.md. */
  readonly why: string;
}

interface RuleBase {
  readonly id: RuleId;
  readonly description: string;
  readonly severity: Severity;
  readonly fixable?: boolean;
  readonly docs: RuleDocs;
}

export interface EntryRuleContext {
  readonly doc: EntryDoc;
  readonly facts: EntryRegexFacts;
  readonly limits: Limits;
  /** Today's date, YYYY-MM-DD (UTC), injected so rules stay pure. */
  readonly today: string;
  report(problem: Problem): void;
}

export interface CollectionRuleContext {
  readonly docs: readonly EntryDoc[];
  /** Ids of every entry file, including those with schema errors, so references to them do not dangle. */
  readonly knownIds: ReadonlySet<string>;
  readonly facts: RegexFacts;
  report(doc: EntryDoc, problem: Problem): void;
}

export interface EntryRule extends RuleBase {
  readonly scope: "entry";
  check(context: EntryRuleContext): void;
}

export interface CollectionRule extends RuleBase {
  readonly scope: "collection";
  check(context: CollectionRuleContext): void;
}

/** Rules that the loader and schema stage apply before any entry rule can run. */
export interface StageRule extends RuleBase {
  readonly scope: "file";
}

export type Rule = EntryRule | CollectionRule | StageRule;
