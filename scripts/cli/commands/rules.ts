// `kb rules`: the rule catalogue (id, severity, fixable, description), one rule's docs, or
// --write-docs to regenerate docs/rules.md from the rules and their fixtures.
import path from "node:path";
import { collectRuleExamples } from "../../docs/rule-examples.ts";
import { renderRulesPage, RULES_PAGE, ruleAnchor } from "../../docs/rules-page.ts";
import { allRules, findRule } from "../../rules/registry.ts";
import { writeFileAtomic } from "../../write/atomic.ts";
import { resolveSettings, UsageError } from "../settings.ts";

export async function rulesCommand(id: string | undefined, opts: { format?: string; writeDocs?: boolean }): Promise<number> {
  const settings = resolveSettings({});
  if (opts.writeDocs) {
    const page = renderRulesPage(allRules, await collectRuleExamples(settings.cwd, settings.today));
    await writeFileAtomic(path.join(settings.cwd, RULES_PAGE), page);
    process.stderr.write(`kb rules: wrote ${RULES_PAGE}\n`);
    return 0;
  }
  const rules = id ? [findRule(id) ?? findRule(`kb/${id}`)].filter((r) => r !== undefined) : allRules;
  if (id && rules.length === 0) throw new UsageError(`no rule "${id}"; run kb rules for the list`);
  if (opts.format === "json") {
    process.stdout.write(JSON.stringify(rules.map((r) => ({ id: r.id, severity: r.severity, fixable: Boolean(r.fixable), scope: r.scope, description: r.description, why: r.docs.why, docs: `${RULES_PAGE}#${ruleAnchor(r.id)}` })), null, 2) + "\n");
    return 0;
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  for (const r of rules) {
    process.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.fixable ? "fixable" : "       "}  ${r.description}\n`);
    if (id) process.stdout.write(`\n${r.docs.why}\nmore: ${RULES_PAGE}#${ruleAnchor(r.id)}\n`);
  }
  return 0;
}
