// The types of an entry, generated from model/entry-schema.ts by `npm run codegen`; do not edit.
// Plain declarations with no imports, so the consumer package can ship them as they are.

/** One error in the error-kb knowledge base: how to recognise it, why it happens, what fails and what works. File path: entries/<domain>/<slug>.json. */
export interface Entry {
  /** Where editors find this schema, e.g. ../../generated/entry.schema.json. Ignored by kb. */
  "$schema"?: string;
  /** <domain>/<slug>, both lowercase kebab-case; must equal the file's path under entries/. */
  id: string;
  /** The error as people see it, one line, as the tool prints it today. */
  signature: string;
  /** The signature in Chinese, for the zh view. */
  signature_zh?: string;
  /** Recognises the error. Matched case-insensitively: JavaScript new RegExp(regex, "iu") and Python re.search(regex, text, re.IGNORECASE). Must match the signature, every alias and every examples.match line, and require enough literal text to be specific. */
  regex: string;
  /** Kebab-case area of the error; equals the first segment of the id. */
  domain: string;
  /** snake_case kind of error. */
  category: string;
  /** snake_case refinement of the category, or null. */
  subcategory?: string | null;
  /** Why the error happens: the mechanism, and each real cause when there are several. */
  root_cause: string;
  /** What kind of cause this is. */
  root_cause_type?: "generic" | "version_specific" | "environment_specific" | "configuration";
  /** The root cause in Chinese, for the zh view. */
  root_cause_zh?: string;
  /** Versions of the tool or protocol where the error occurs, and how it changed. Only real rows. */
  versions?: VersionRow[];
  /** Notes that apply to one operating system, keyed by OS name. */
  os_specific?: { [key: string]: string };
  /** Fixes people try that fail, and why. At least one. */
  dead_ends: DeadEnd[];
  /** What works, best and safest first. At least one. */
  workarounds: Workaround[];
  /** Chinese translations of the workarounds' actions, one per workaround, same order. */
  workarounds_zh?: string[];
  /** For each Chinese field, a short digest of the English text it translates, so lint can say when the English changed since. */
  translated_from?: TranslatedFrom;
  /** How this error relates to other entries. */
  transition_graph?: TransitionGraph;
  /** An https URL of the official documentation for this error, or null. */
  official_doc_url?: string | null;
  /** Section of the official documentation, or null. */
  official_doc_section?: string | null;
  /** The tool's own code for the error, e.g. ERR_REQUIRE_ESM, or null. */
  error_code?: string | null;
  /** Who has checked this entry. Never claim a review that did not happen. */
  verification_tier: "ai_generated" | "human_reviewed" | "community_verified";
  /** How sure we are of this entry, from 0 to 1. */
  confidence: number;
  /** Share of people for whom the best workaround works, from 0 to 1. */
  fix_success_rate: number;
  /** Where the rate comes from: estimate (a curator's judgement, shown as ≈), reported (stated in the cited sources) or measured (counted by the method in rate_method). Absent: unstated, which lint flags on high rates with no sources. Applies to confidence, fix_success_rate and every rate that states no basis of its own. */
  rate_basis?: RateBasis;
  /** How reported or measured rates were obtained: the sample, who counted, when. */
  rate_method?: string;
  /** Whether the user can fix the error: the strings "true", "partial" or "false". */
  resolvable: "true" | "partial" | "false";
  /** A real calendar date, YYYY-MM-DD, or null when unknown. */
  first_seen?: string | null;
  /** A real calendar date, YYYY-MM-DD, or null when unknown. */
  last_confirmed?: string | null;
  /** A real calendar date, YYYY-MM-DD. */
  last_updated: string;
  /** How many independent reports back this entry. */
  evidence_count?: number;
  /** Lowercase keywords, unique. */
  tags?: string[];
  /** Other ways the same error is written (older versions, other tools); the regex must match each. */
  aliases?: string[];
  /** BCP 47 language tag of the entry's main text. */
  locale: string;
  /** Real error lines the regex must match (match) and must not match (no_match), in both engines. */
  examples?: Examples;
}

export interface VersionRow {
  /** The product and version range. */
  version: string;
  /** Version that introduced the error, or null. */
  introduced: string | null;
  /** Version that deprecated the behaviour, or null. */
  deprecated: string | null;
  /** Version that removed the behaviour, or null. */
  removed: string | null;
  /** What changed in this version, or null. */
  behavior_change: string | null;
  /** State of the behaviour in this version. */
  status: "active" | "deprecated" | "removed";
}

/** Where the rate comes from: estimate (a curator's judgement, shown as ≈), reported (stated in the cited sources) or measured (counted by the method in rate_method). Absent: unstated, which lint flags on high rates with no sources. */
export type RateBasis = "estimate" | "reported" | "measured";

export interface DeadEnd {
  /** What people try, as an imperative sentence, e.g. "Retry with the same token". */
  action: string;
  /** Why it does not fix the error. */
  why_fails: string;
  /** Share of attempts that fail, from 0 to 1. */
  fail_rate: number;
  /** Where the rate comes from: estimate (a curator's judgement, shown as ≈), reported (stated in the cited sources) or measured (counted by the method in rate_method). Absent: unstated, which lint flags on high rates with no sources. */
  rate_basis?: RateBasis;
  /** When this applies, e.g. "on Debian 12 and later"; may be empty. */
  condition: string;
  /** http(s) URLs backing this claim: official docs, issue threads, answers. May be empty; never invented. */
  sources: string[];
}

/** What the workaround costs even when it works (disabled checks, lost data, wider permissions). Required where its text matches a known risky pattern such as --force or --break-system-packages. */
export interface Risk {
  /** How much it can cost. */
  level: "low" | "medium" | "high";
  /** What can go wrong, in one sentence. */
  why: string;
}

export interface Workaround {
  /** What to do, as a short imperative sentence. */
  action: string;
  /** Share of attempts that succeed, from 0 to 1. */
  success_rate: number;
  /** Where the rate comes from: estimate (a curator's judgement, shown as ≈), reported (stated in the cited sources) or measured (counted by the method in rate_method). Absent: unstated, which lint flags on high rates with no sources. */
  rate_basis?: RateBasis;
  /** What the workaround costs even when it works (disabled checks, lost data, wider permissions). Required where its text matches a known risky pattern such as --force or --break-system-packages. */
  risk?: Risk;
  /** How to do it: the steps, commands or code the action does not already say. */
  how: string;
  /** When this applies, e.g. "on npm 7 and later"; may be empty. */
  condition: string;
  /** http(s) URLs backing this claim: official docs, issue threads, answers. May be empty; never invented. */
  sources: string[];
}

/** For each Chinese field, a short digest of the English text it translates, so lint can say when the English changed since. */
export interface TranslatedFrom {
  /** First 8 hex digits of the SHA-256 of the English text this translation was checked against (kb fix --refresh-translation-digests). */
  signature?: string;
  /** First 8 hex digits of the SHA-256 of the English text this translation was checked against (kb fix --refresh-translation-digests). */
  root_cause?: string;
  /** One per workarounds_zh item, same order. */
  workarounds?: (string | null)[];
}

export interface Transition {
  /** The id of another entry, <domain>/<slug>. */
  error_id: string;
  /** How likely this transition is, from 0 to 1. */
  probability: number;
  /** When the transition happens; may be empty. */
  condition: string;
}

export interface Confusion {
  /** The id of another entry, <domain>/<slug>. */
  error_id: string;
  /** How to tell the two apart. */
  distinction: string;
}

/** How this error relates to other entries. */
export interface TransitionGraph {
  /** Errors that often follow this one. */
  leads_to: Transition[];
  /** Errors that often come before this one. */
  preceded_by: Transition[];
  /** Entries people mistake this one for; list each other on both sides. */
  frequently_confused_with: Confusion[];
}

/** Real error lines the regex must match (match) and must not match (no_match), in both engines. */
export interface Examples {
  /** Real lines of this error, as they appear in logs. */
  match?: string[];
  /** Near misses: similar lines of other errors, showing the regex is specific. */
  no_match?: string[];
}
