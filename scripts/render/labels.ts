// Every word the entry view prints itself, per language: the one renderer takes a row of this table,
// so the English and Chinese views cannot drift apart in structure, only in wording.
import type { Entry } from "../schema/entry-schema.ts";

export type Locale = "en" | "zh";

type Tier = Entry["verification_tier"];
type CauseType = NonNullable<Entry["root_cause_type"]>;
type VersionStatus = NonNullable<Entry["versions"]>[number]["status"];

export interface ViewLabels {
  /** Text between a bold label and its value: "**ID:** x", but "**编号**：x" (a colon inside the bold would need escaping). */
  readonly labelGap: string;
  readonly listSeparator: string;
  /** Between clauses of one line, e.g. the dates. */
  readonly clauseSeparator: string;
  /** Between a name and what is said about it ("windows: …"). */
  readonly colon: string;
  readonly id: string;
  readonly domain: string;
  readonly category: string;
  readonly errorCode: string;
  readonly fixRate: string;
  readonly resolvable: string;
  readonly resolvableValues: Record<Entry["resolvable"], string>;
  readonly verification: string;
  readonly tiers: Record<Tier, string>;
  readonly confidence: (rate: string) => string;
  readonly dates: string;
  readonly firstSeen: (date: string) => string;
  readonly lastConfirmed: (date: string) => string;
  readonly lastUpdated: (date: string) => string;
  readonly tags: string;
  readonly rootCause: string;
  readonly kindOfCause: string;
  readonly causeTypes: Record<CauseType, string>;
  readonly versions: string;
  readonly versionColumns: readonly [string, string, string, string, string, string];
  readonly versionStatus: Record<VersionStatus, string>;
  readonly operatingSystems: string;
  readonly workarounds: string;
  readonly success: (rate: string) => string;
  readonly deadEnds: string;
  readonly deadEndsIntro: string;
  readonly fail: (rate: string) => string;
  readonly when: string;
  readonly sources: string;
  readonly officialDocs: string;
  readonly related: string;
  readonly leadsTo: string;
  readonly precededBy: string;
  readonly confusedWith: string;
  /** Label of the dotted "confused with" edges in charts. */
  readonly confusedEdge: string;
  readonly recognising: string;
  readonly regex: string;
  readonly alsoWrittenAs: string;
  readonly example: string;
  /** Link text pointing at the other language's view of the same entry. */
  readonly otherLanguage: string;
  /** Shown after text that has no translation and appears in English. */
  readonly untranslated: string;
  /** Said once under the title of a translated view; empty for the English view. */
  readonly translationNote: string;
}

const EN: ViewLabels = {
  labelGap: " ",
  listSeparator: ", ",
  clauseSeparator: ", ",
  colon: ": ",
  id: "ID:",
  domain: "Domain:",
  category: "Category:",
  errorCode: "Error code:",
  fixRate: "Fix rate:",
  resolvable: "Resolvable:",
  resolvableValues: { true: "yes", partial: "partially", false: "no" },
  verification: "Verification:",
  tiers: { ai_generated: "ai generated", human_reviewed: "human reviewed", community_verified: "community verified" },
  confidence: (rate) => `, confidence ${rate}`,
  dates: "Dates:",
  firstSeen: (d) => `first seen ${d}`,
  lastConfirmed: (d) => `last confirmed ${d}`,
  lastUpdated: (d) => `last updated ${d}`,
  tags: "Tags:",
  rootCause: "Root cause",
  kindOfCause: "Kind of cause: ",
  causeTypes: { generic: "generic", version_specific: "version specific", environment_specific: "environment specific", configuration: "configuration" },
  versions: "Versions",
  versionColumns: ["Version", "Status", "Introduced", "Deprecated", "Removed", "Behaviour change"],
  versionStatus: { active: "active", deprecated: "deprecated", removed: "removed" },
  operatingSystems: "Operating systems",
  workarounds: "Workarounds",
  success: (rate) => ` (${rate} success)`,
  deadEnds: "Dead ends",
  deadEndsIntro: "Fixes people try that do not work, and why.",
  fail: (rate) => ` (${rate} fail): `,
  when: "When: ",
  sources: "Sources",
  officialDocs: "Official documentation: ",
  related: "Related errors",
  leadsTo: "Leads to",
  precededBy: "Preceded by",
  confusedWith: "Often confused with",
  confusedEdge: "confused with",
  recognising: "Recognising it",
  regex: "Regex (case-insensitive): ",
  alsoWrittenAs: "Also written as: ",
  example: "Example: ",
  otherLanguage: "中文版",
  untranslated: "",
  translationNote: "",
};

const ZH: ViewLabels = {
  labelGap: "：",
  listSeparator: "、",
  clauseSeparator: "，",
  colon: "：",
  id: "编号",
  domain: "领域",
  category: "类别",
  errorCode: "错误代码",
  fixRate: "修复率",
  resolvable: "能否解决",
  resolvableValues: { true: "能", partial: "部分能", false: "不能" },
  verification: "核实程度",
  tiers: { ai_generated: "AI 生成", human_reviewed: "人工审核", community_verified: "社区验证" },
  confidence: (rate) => `，置信度 ${rate}`,
  dates: "日期",
  firstSeen: (d) => `首次出现 ${d}`,
  lastConfirmed: (d) => `最近确认 ${d}`,
  lastUpdated: (d) => `最近更新 ${d}`,
  tags: "标签",
  rootCause: "根本原因",
  kindOfCause: "原因类型：",
  causeTypes: { generic: "通用", version_specific: "与版本有关", environment_specific: "与环境有关", configuration: "配置" },
  versions: "版本",
  versionColumns: ["版本", "状态", "引入", "弃用", "移除", "行为变化"],
  versionStatus: { active: "有效", deprecated: "已弃用", removed: "已移除" },
  operatingSystems: "操作系统",
  workarounds: "解决方法",
  success: (rate) => `（成功率 ${rate}）`,
  deadEnds: "无效的尝试",
  deadEndsIntro: "人们常做但不起作用的修复，以及原因。",
  fail: (rate) => `（失败率 ${rate}）：`,
  when: "适用情况：",
  sources: "来源",
  officialDocs: "官方文档：",
  related: "相关错误",
  leadsTo: "可能引发",
  precededBy: "常见前因",
  confusedWith: "容易混淆",
  confusedEdge: "容易混淆",
  recognising: "如何识别",
  regex: "正则表达式（不区分大小写）：",
  alsoWrittenAs: "其他写法：",
  example: "示例：",
  otherLanguage: "English",
  untranslated: "（英文原文）",
  translationNote: "本页译自英文条目。标有“（英文原文）”的内容尚无译文；操作步骤、无效的尝试、版本说明和关联说明保留英文原文。",
};

export const LABELS: Record<Locale, ViewLabels> = { en: EN, zh: ZH };
