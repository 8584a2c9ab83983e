// `kb rules [id]`: the rule catalogue (id, severity, fixable, description), or one rule with why it
// exists and where docs/rules.md explains it.
import { allRules, findRule } from "../../lint/registry.ts";
import { closest } from "../../model/closest.ts";
import { ruleAnchor } from "../../report/sarif.ts";
import { UsageError } from "../usage-error.ts";

export const RULES_PAGE = "docs/rules.md";

export async function rulesCommand(id: string | undefined, flags: { format?: string }): Promise<number> {
  if (flags.format !== undefined && flags.format !== "stylish" && flags.format !== "json") throw new UsageError(`--format must be stylish or json for rules, not "${flags.format}"`);
  const rules = id ? [findRule(id) ?? findRule(`kb/${id}`)].filter((r) => r !== undefined) : allRules;
  if (id && rules.length === 0) {
    const near = closest(id.startsWith("kb/") ? id : `kb/${id}`, allRules.map((r) => r.meta.id));
    throw new UsageError(`no rule "${id}"${near ? ` (did you mean ${near}?)` : ""}; run kb rules for the list`);
  }
  if (flags.format === "json") {
    process.stdout.write(
      JSON.stringify(
        rules.map((r) => ({ id: r.meta.id, severity: r.meta.severity, fixable: Boolean(r.meta.fixable), structural: Boolean(r.meta.structural), scope: r.scope, description: r.meta.description, why: r.meta.why, docs: `${RULES_PAGE}#${ruleAnchor(r.meta.id)}` })),
        null,
        2,
      ) + "\n",
    );
    return 0;
  }
  const width = Math.max(...rules.map((r) => r.meta.id.length));
  for (const r of rules) {
    process.stdout.write(`${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(7)}  ${r.meta.fixable ? "fixable" : "       "}  ${r.meta.description}\n`);
    if (id) process.stdout.write(`\n${r.meta.why}\n${r.meta.structural ? "Structural: cannot be excepted or turned off.\n" : ""}more: ${RULES_PAGE}#${ruleAnchor(r.meta.id)}\n`);
  }
  return 0;
}
