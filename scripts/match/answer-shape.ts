// What a lookup prints about an entry besides its regex (match.json's fix, dead_end, confused_with and
// view) comes from the index too; an index kb did not build may hold anything there. An entry whose
// answer has the wrong shape is skipped like one whose regex is bad, instead of failing the report that
// reads it. Fields absent (as in index.json's entries) are fine. Zero dependencies: the package ships it.

const RATE_BASES = ["estimate", "reported", "measured"];
const RISK_LEVELS = ["low", "medium", "high"];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isRate = (v: unknown) => typeof v === "number" && Number.isFinite(v);

function fixProblem(fix: unknown): string | undefined {
  if (!isObject(fix)) return "it is not an object";
  if (typeof fix.action !== "string") return "its action is not a string";
  if (fix.command !== undefined && fix.command !== null && typeof fix.command !== "string") return "its command is not a string or null";
  if (!isRate(fix.success_rate)) return "its success_rate is not a number";
  if (fix.rate_basis !== undefined && fix.rate_basis !== null && !RATE_BASES.includes(fix.rate_basis as string)) return `its rate_basis is not one of ${RATE_BASES.join(", ")}`;
  const risk = fix.risk;
  if (risk !== undefined && risk !== null && (!isObject(risk) || !RISK_LEVELS.includes(risk.level as string) || typeof risk.why !== "string")) return `its risk is not {level: ${RISK_LEVELS.join("|")}, why: string}`;
  return undefined;
}

/** Why an entry's answer fields cannot be shown, or undefined when they can (or are absent). */
export function answerProblem(e: Record<string, unknown>): string | undefined {
  if (e.fix !== undefined && e.fix !== null) {
    const problem = fixProblem(e.fix);
    if (problem) return `its fix is not a workaround: ${problem}`;
  }
  const dead = e.dead_end;
  if (dead !== undefined && dead !== null && (!isObject(dead) || typeof dead.action !== "string" || typeof dead.why_fails !== "string")) return "its dead_end is not {action, why_fails} strings";
  const confused = e.confused_with;
  if (confused !== undefined && (!Array.isArray(confused) || confused.length > 1_000 || !confused.every((c) => isObject(c) && typeof c.id === "string" && typeof c.distinction === "string"))) return "its confused_with is not a list of {id, distinction} strings";
  if (e.view !== undefined && e.view !== null && typeof e.view !== "string") return "its view is not a path";
  return undefined;
}
