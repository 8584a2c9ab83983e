// What `npm run codegen` writes is committed, so it must be exactly what codegen would write now:
// the Entry type from the schema, the RuleId union from the registry, docs/rules.md from the rules and
// their cases. (The type check, tsc --noEmit, is in the system tier: test/system/types.test.ts.)
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENTRY_TYPES_FILE, entryTypesText, RULE_IDS_FILE, ruleIdsText, RULES_PAGE_FILE, rulesPageText } from "../../scripts/codegen/write-sources.ts";
import { allRules } from "../../scripts/lint/registry.ts";
import { RULE_IDS } from "../../scripts/model/rule-ids.ts";

describe("generated sources", () => {
  it("model/entry.ts is the schema's types (npm run codegen)", () => {
    expect(readFileSync(ENTRY_TYPES_FILE, "utf8")).toBe(entryTypesText());
  });

  it("model/rule-ids.ts lists exactly the registered rules", () => {
    expect(readFileSync(RULE_IDS_FILE, "utf8")).toBe(ruleIdsText(allRules.map((r) => r.meta)));
    expect([...RULE_IDS].sort()).toEqual(allRules.map((r) => r.meta.id).sort());
  });

  it("docs/rules.md is rendered from the rules and their cases", async () => {
    expect(readFileSync(RULES_PAGE_FILE, "utf8")).toBe(await rulesPageText());
  });
});
