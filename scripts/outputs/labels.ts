// Every word a view prints itself, per language: the one renderer takes a row of this table, so the
// English and Chinese views cannot drift apart in structure or order, only in wording.
import type { Entry, RateBasis, Risk, VersionRow } from "../model/entry.ts";
import type { Locale } from "./links.ts";

type Tier = Entry["verification_tier"];
type CauseType = NonNullable<Entry["root_cause_type"]>;

export interface ViewLabels {
  /** Text between a bold label and its value: "**Do:** x", but "**做法**：x" (a colon inside the bold would need escaping). */
  readonly labelGap: string;
  readonly listSeparator: string;
  readonly clauseSeparator: string;
  readonly colon: string;
  readonly seenAs: string;
  readonly fix: string;
  readonly doThis: string;
  readonly dontDoThis: string;
  readonly because: string;
  readonly rootCause: string;
  readonly kindOfCause: string;
  readonly causeTypes: Record<CauseType, string>;
  readonly workarounds: string;
  readonly deadEnds: string;
  readonly deadEndsIntro: string;
  readonly success: (rate: string, basis: string) => string;
  readonly fail: (rate: string, basis: string) => string;
  readonly basis: Record<RateBasis, string>;
  /** How a basis word follows a rate: ", estimate" or "（估计）". */
  readonly basisNote: (word: string) => string;
  readonly risk: (level: string) => string;
  readonly riskLevels: Record<Risk["level"], string>;
  readonly applies: string;
  readonly sources: string;
  readonly related: string;
  readonly leadsTo: string;
  readonly precededBy: string;
  readonly confusedWith: string;
  readonly confusedEdge: string;
  readonly recognising: string;
  readonly regex: string;
  readonly alsoWrittenAs: string;
  readonly example: string;
  readonly details: string;
  readonly field: string;
  readonly value: string;
  readonly id: string;
  readonly domain: string;
  readonly category: string;
  readonly errorCode: string;
  readonly fixRate: string;
  readonly resolvable: string;
  readonly resolvableValues: Record<Entry["resolvable"], string>;
  readonly verification: string;
  readonly tiers: Record<Tier, string>;
  readonly confidence: string;
  readonly versions: string;
  readonly versionStatus: Record<VersionRow["status"], string>;
  readonly introduced: string;
  readonly deprecated: string;
  readonly removed: string;
  readonly operatingSystem: (name: string) => string;
  readonly dates: string;
  readonly firstSeen: (date: string) => string;
  readonly lastConfirmed: (date: string) => string;
  readonly lastUpdated: (date: string) => string;
  readonly tags: string;
  readonly officialDocs: string;
  /** Link text pointing at the other language's view of the same entry. */
  readonly otherLanguage: string;
  /** Shown after text that has no translation and appears in English. */
  readonly untranslated: string;
  /** Shown after a translation whose English changed since it was checked. */
  readonly maybeStale: string;
  /** Said once under the title of a translated view; empty for the English view. */
  readonly translationNote: string;
}

const EN: ViewLabels = {
  labelGap: " ",
  listSeparator: ", ",
  clauseSeparator: ", ",
  colon: ": ",
  seenAs: "You see:",
  fix: "Fix",
  doThis: "Do:",
  dontDoThis: "Don't:",
  because: " — ",
  rootCause: "Root cause",
  kindOfCause: "Kind of cause: ",
  causeTypes: { generic: "generic", version_specific: "version specific", environment_specific: "environment specific", configuration: "configuration" },
  workarounds: "What works",
  deadEnds: "What does not work",
  deadEndsIntro: "Fixes people try that fail, and why.",
  success: (rate, basis) => `${rate} success${basis}`,
  fail: (rate, basis) => `${rate} fail${basis}`,
  basis: { estimate: "estimate", reported: "reported", measured: "measured" },
  basisNote: (word) => `, ${word}`,
  risk: (level) => `⚠ ${level} risk:`,
  riskLevels: { low: "low", medium: "medium", high: "high" },
  applies: "Applies: ",
  sources: "Sources",
  related: "Related errors",
  leadsTo: "Leads to",
  precededBy: "Preceded by",
  confusedWith: "Often confused with",
  confusedEdge: "confused with",
  recognising: "Recognising it",
  regex: "Regex (case-insensitive): ",
  alsoWrittenAs: "Also written as: ",
  example: "Example: ",
  details: "Details",
  field: "Field",
  value: "Value",
  id: "ID",
  domain: "Domain",
  category: "Category",
  errorCode: "Error code",
  fixRate: "Fix rate",
  resolvable: "Resolvable",
  resolvableValues: { true: "yes", partial: "partially", false: "no" },
  verification: "Verification",
  tiers: { ai_generated: "AI-generated, not reviewed by a person", human_reviewed: "reviewed by a person", community_verified: "verified by the community" },
  confidence: "Confidence",
  versions: "Versions",
  versionStatus: { active: "active", deprecated: "deprecated", removed: "removed" },
  introduced: "since",
  deprecated: "deprecated in",
  removed: "removed in",
  operatingSystem: (name) => `On ${name}`,
  dates: "Dates",
  firstSeen: (d) => `first seen ${d}`,
  lastConfirmed: (d) => `last confirmed ${d}`,
  lastUpdated: (d) => `last updated ${d}`,
  tags: "Tags",
  officialDocs: "Official documentation",
  otherLanguage: "中文版",
  untranslated: "",
  maybeStale: "",
  translationNote: "",
};

const ZH: ViewLabels = {
  labelGap: "：",
  listSeparator: "、",
  clauseSeparator: "，",
  colon: "：",
  seenAs: "报错示例",
  fix: "解决",
  doThis: "做法",
  dontDoThis: "不要",
  because: "——",
  rootCause: "根本原因",
  kindOfCause: "原因类型：",
  causeTypes: { generic: "通用", version_specific: "与版本有关", environment_specific: "与环境有关", configuration: "配置" },
  workarounds: "有效的方法",
  deadEnds: "无效的尝试",
  deadEndsIntro: "人们常做但不起作用的修复，以及原因。",
  success: (rate, basis) => `成功率 ${rate}${basis}`,
  fail: (rate, basis) => `失败率 ${rate}${basis}`,
  basis: { estimate: "估计", reported: "来源报告", measured: "实测" },
  basisNote: (word) => `（${word}）`,
  risk: (level) => `⚠ ${level}风险`,
  riskLevels: { low: "低", medium: "中", high: "高" },
  applies: "适用情况：",
  sources: "来源",
  related: "相关错误",
  leadsTo: "可能引发",
  precededBy: "常见前因",
  confusedWith: "容易混淆",
  confusedEdge: "容易混淆",
  recognising: "如何识别",
  regex: "正则表达式（不区分大小写）：",
  alsoWrittenAs: "其他写法：",
  example: "示例：",
  details: "详情",
  field: "项目",
  value: "内容",
  id: "编号",
  domain: "领域",
  category: "类别",
  errorCode: "错误代码",
  fixRate: "修复率",
  resolvable: "能否解决",
  resolvableValues: { true: "能", partial: "部分能", false: "不能" },
  verification: "核实程度",
  tiers: { ai_generated: "AI 生成，未经人工审核", human_reviewed: "经人工审核", community_verified: "经社区验证" },
  confidence: "置信度",
  versions: "版本",
  versionStatus: { active: "有效", deprecated: "已弃用", removed: "已移除" },
  introduced: "始于",
  deprecated: "弃用于",
  removed: "移除于",
  operatingSystem: (name) => `${name} 上`,
  dates: "日期",
  firstSeen: (d) => `首次出现 ${d}`,
  lastConfirmed: (d) => `最近确认 ${d}`,
  lastUpdated: (d) => `最近更新 ${d}`,
  tags: "标签",
  officialDocs: "官方文档",
  otherLanguage: "English",
  untranslated: "（英文原文）",
  maybeStale: "（英文已修改，译文可能过时）",
  translationNote: "本页译自英文条目。标有“（英文原文）”的内容尚无译文；操作步骤、无效的尝试、版本说明和关联说明保留英文原文。",
};

export const LABELS: Record<Locale, ViewLabels> = { en: EN, zh: ZH };
