// Every rule's valid and invalid cases (test/rules/cases/), run through the real engine in this
// process; and every rule that a check can report has cases, so a rule cannot ship untested.
import { describe, expect, it } from "vitest";
import { allRules } from "../../scripts/lint/registry.ts";
import { assertCase } from "../helpers/rule-tester.ts";
import { ALL_CASES } from "./cases/index.ts";

/** Rules reported outside the entry engine, tested where they are reported (CLI, exceptions, sync). */
const TESTED_ELSEWHERE = new Set(["kb/generated-up-to-date", "kb/exception-invalid", "kb/exception-unused", "kb/unreadable-path", "kb/file-too-large"]);

describe("rule cases", () => {
  it("cover every rule, each with a valid and an invalid case", () => {
    const covered = new Set(ALL_CASES.map((c) => c.rule));
    const missing = allRules.map((r) => r.meta.id).filter((id) => !covered.has(id) && !TESTED_ELSEWHERE.has(id));
    expect(missing).toEqual([]);
    for (const c of ALL_CASES) {
      expect(c.valid.length, `${c.rule} valid cases`).toBeGreaterThan(0);
      expect(c.invalid.length, `${c.rule} invalid cases`).toBeGreaterThan(0);
    }
  });

  for (const cases of ALL_CASES) {
    describe(cases.rule, () => {
      for (const c of cases.valid) it(`valid: ${c.name}`, () => assertCase(cases.rule, { ...c, errors: [] }));
      for (const c of cases.invalid) {
        it(`invalid: ${c.name}`, async () => {
          expect(c.errors?.length ?? 0, "an invalid case expects at least one diagnostic").toBeGreaterThan(0);
          await assertCase(cases.rule, c);
        });
      }
    });
  }
});
