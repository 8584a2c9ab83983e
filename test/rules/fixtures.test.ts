// Every rule against its fixtures: the invalid mini-repo yields exactly the expected diagnostics of
// that rule (id, pointer, line, severity); the valid one yields no diagnostics at all.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveSettings } from "../../scripts/cli/settings.ts";
import { lintEntries } from "../../scripts/lint/run.ts";
import { allRules } from "../../scripts/rules/registry.ts";
import { FIXTURES, readJson, TODAY } from "../helpers/repo.ts";

interface Expected {
  rule: string;
  diagnostics: { file: string; line: number; pointer: string; severity: string }[];
}

const RULE_FIXTURES = path.join(FIXTURES, "rules");
const names = readdirSync(RULE_FIXTURES).sort();

async function lintFixture(dir: string) {
  const settings = { ...resolveSettings({}, dir), today: TODAY, threads: 2 };
  return (await lintEntries(settings)).diagnostics;
}

describe("rule fixtures", () => {
  it("exist for every rule, valid and invalid", () => {
    const covered = new Set(names.map((n) => readJson<Expected>(path.join(RULE_FIXTURES, n, "expected.json")).rule));
    const missing = allRules.map((r) => r.id).filter((id) => !covered.has(id) && id !== "kb/generated-up-to-date");
    expect(missing).toEqual([]);
  });

  for (const name of names) {
    describe(name, () => {
      const expected = readJson<Expected>(path.join(RULE_FIXTURES, name, "expected.json"));

      it(`invalid fixture reports ${expected.rule} at each expected place`, async () => {
        const diagnostics = await lintFixture(path.join(RULE_FIXTURES, name, "invalid"));
        const actual = diagnostics
          .filter((d) => d.rule === expected.rule)
          .map((d) => ({ file: d.file, line: d.line, pointer: d.pointer, severity: d.severity }));
        expect(actual).toEqual(expected.diagnostics);
        for (const d of diagnostics.filter((x) => x.rule === expected.rule)) {
          expect(d.message.length).toBeGreaterThan(10);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
      });

      it("valid fixture is clean", async () => {
        const diagnostics = await lintFixture(path.join(RULE_FIXTURES, name, "valid"));
        expect(diagnostics).toEqual([]);
      });
    });
  }
});
