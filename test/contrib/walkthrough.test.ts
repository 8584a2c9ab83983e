// README's "Contributing an entry" walk-through, run as written: new --from, fill the TODOs (the one
// step a person does), fix, lint, build.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { copyShippedRepo, ROOT, runKb } from "../helpers/repo.ts";

it("new → edit → fix → lint → build works as the README says", async () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const block = readme.split("## Contributing an entry")[1]!.split("```sh")[1]!.split("```")[0]!;
  const kbSteps = block
    .split("\n")
    .map((l) => l.replace(/#.*$/, "").trim())
    .filter((l) => l.startsWith("npx kb "))
    .map((l) => l.slice("npx kb ".length));
  expect(kbSteps.map((s) => s.split(" ")[0])).toEqual(["new", "fix", "lint", "build"]);

  const repo = copyShippedRepo(true);
  try {
    const args = (step: string) => step.match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ""));
    expect((await runKb(args(kbSteps[0]!), { cwd: repo.dir })).code).toBe(0);

    // Step 2, the person's part: replace every TODO with real content.
    const file = path.join(repo.dir, "entries/python/some-new-error.json");
    const entry = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    Object.assign(entry, {
      category: "runtime_error",
      root_cause: "The library raises SomeError when its input is empty.",
      dead_ends: [{ action: "Reinstall the library", why_fails: "The input is still empty afterwards.", fail_rate: 0.9, condition: "", sources: [] }],
      workarounds: [{ action: "Pass a non-empty input", success_rate: 0.9, how: "Check the input before the call and skip the call when it is empty.", condition: "", sources: [] }],
      confidence: 0.7,
      fix_success_rate: 0.9,
      tags: ["python"],
    });
    writeFileSync(file, JSON.stringify(entry));

    for (const step of kbSteps.slice(1)) {
      const r = await runKb(args(step), { cwd: repo.dir });
      expect({ step, code: r.code, out: r.code === 0 ? "" : r.stdout + r.stderr }).toEqual({ step, code: 0, out: "" });
    }
    expect(readFileSync(path.join(repo.dir, "generated/python/some-new-error.md"), "utf8")).toContain("# SomeError: the message as printed");
  } finally {
    repo.cleanup();
  }
});
