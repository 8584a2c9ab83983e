// Reads the rule fixtures (test/fixtures/rules/<name>/{invalid,valid}) and lints them, to give the rules
// page real examples and real messages. Development-time I/O; the page itself is rendered purely.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import { resolveSettings } from "../cli/settings.ts";
import { lintEntries } from "../lint/run.ts";
import { snippetAround, type RuleExample } from "./rules-page.ts";

export const FIXTURE_ROOT = "test/fixtures/rules";

export async function collectRuleExamples(root: string, today: string): Promise<Map<string, RuleExample>> {
  const base = path.join(root, FIXTURE_ROOT);
  const examples = new Map<string, RuleExample>();
  for (const name of (await readdir(base)).sort()) {
    const expected = JSON.parse(await readFile(path.join(base, name, "expected.json"), "utf8")) as { rule: string; diagnostics: { file: string; line: number; pointer: string }[] };
    const invalidDir = path.join(base, name, "invalid");
    const settings = { ...resolveSettings({}, invalidDir), today, threads: 2 };
    const diagnostics = (await lintEntries(settings)).diagnostics.filter((d) => d.rule === expected.rule);
    const first = expected.diagnostics[0];
    if (!first) continue;
    const badText = await readFile(path.join(invalidDir, first.file), "latin1");
    const goodFile = path.join(base, name, "valid", first.file);
    // The valid twin of the bad file; when the bad file has none (a stray file), the first valid entry.
    const goodText = await readFile(goodFile, "utf8").catch(async () => {
      const [firstEntry] = (await fg("entries/**/*.json", { cwd: path.join(base, name, "valid") })).sort();
      return firstEntry ? readFile(path.join(base, name, "valid", firstEntry), "utf8") : "";
    });
    const key = first.pointer.split("/").filter(Boolean).find((s) => !/^\d+$/.test(s));
    const goodLines = goodText.split("\n");
    const goodLine = key ? goodLines.findIndex((l) => l.includes(`"${key}"`)) + 1 || 1 : 1;
    examples.set(expected.rule, {
      bad: { file: first.file, snippet: snippetAround(badText, first.line), diagnostics: diagnostics.filter((d) => d.file === first.file).slice(0, 3) },
      good: goodText ? { file: first.file, snippet: snippetAround(goodText, goodLine) } : undefined,
    });
  }
  return examples;
}
