// `npm run codegen`: writes what is derived from other sources, so it cannot drift: model/entry.ts
// (the Entry type, from the entry schema), model/rule-ids.ts (the closed RuleId union, from the rule
// registry) and docs/rules.md (from the rules and their test cases). A test fails when any of them is
// not what this would write. Development tooling: it reads test/rules/cases/.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { entrySchema } from "../model/entry-schema.ts";
import { schemaToTypes } from "./schema-types.ts";

export const ENTRY_TYPES_FILE = fileURLToPath(new URL("../model/entry.ts", import.meta.url));
export const RULE_IDS_FILE = fileURLToPath(new URL("../model/rule-ids.ts", import.meta.url));
export const RULES_PAGE_FILE = fileURLToPath(new URL("../../docs/rules.md", import.meta.url));

export function entryTypesText(): string {
  const header =
    "// The types of an entry, generated from model/entry-schema.ts by `npm run codegen`; do not edit.\n" +
    "// Plain declarations with no imports, so the consumer package can ship them as they are.";
  return schemaToTypes(entrySchema as never, header);
}

export function ruleIdsText(rules: readonly { readonly id: string; readonly structural?: boolean }[]): string {
  const sorted = [...new Set(rules.map((r) => r.id))].sort();
  const structural = [...new Set(rules.filter((r) => r.structural).map((r) => r.id))].sort();
  const list = (ids: string[]) => `[\n${ids.map((id) => `  ${JSON.stringify(id)},`).join("\n")}\n] as const;`;
  return [
    "// Every rule id, generated from lint/registry.ts by `npm run codegen`; do not edit. A closed union, so",
    "// a mistyped id in a rule, a diagnostic or a config check does not compile.",
    `export const RULE_IDS = ${list(sorted)}`,
    "",
    "export type RuleId = (typeof RULE_IDS)[number];",
    "",
    "/** The structural rules (parse, schema, ids, paths, encoding): never excepted, never turned off or down. */",
    `export const STRUCTURAL_RULE_IDS = ${list(structural)}`,
    "",
  ].join("\n");
}

/** docs/rules.md: each rule with its first invalid test case, linted by the real engine. */
export async function rulesPageText(): Promise<string> {
  const { allRules } = await import("../lint/registry.ts");
  const { ALL_CASES } = await import("../../test/rules/cases/index.ts");
  const { caseText, lintCase } = await import("../../test/helpers/rule-tester.ts");
  const { renderRulesPage, snippetAround } = await import("./rules-page.ts");
  const examples = new Map<string, import("./rules-page.ts").RuleExample>();
  for (const cases of ALL_CASES) {
    const c = cases.invalid[0];
    if (!c) continue;
    const own = `entries/${c.path ?? `${c.id ?? "demo/sample-error"}.json`}`;
    const diagnostics = (await lintCase(c)).filter((d) => d.rule === cases.rule && d.file === own).slice(0, 3);
    const content = caseText(c);
    const source = typeof content === "string" ? content : new TextDecoder().decode(content);
    examples.set(cases.rule, { name: c.name, snippet: snippetAround(source, diagnostics[0]?.line ?? 1), diagnostics });
  }
  return renderRulesPage(allRules, examples);
}

async function main(): Promise<void> {
  writeIfChanged(ENTRY_TYPES_FILE, entryTypesText());
  const { allRules } = await import("../lint/registry.ts");
  writeIfChanged(RULE_IDS_FILE, ruleIdsText(allRules.map((r) => r.meta)));
  writeIfChanged(RULES_PAGE_FILE, await rulesPageText());
  process.exit(0);
}

function writeIfChanged(file: string, text: string): void {
  let old: string | undefined;
  try {
    old = readFileSync(file, "utf8");
  } catch {
    old = undefined;
  }
  if (old !== text) writeFileSync(file, text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
