// `kb ci …`: the decisions of the GitHub Actions workflow (.github/workflows/kb.yml) as commands, so the
// YAML only wires steps together. This file declares them; ci-run.ts, loaded when one runs, does them.
import type { Command } from "commander";

type Flags = Record<string, string | boolean | undefined>;

export function registerCiCommands(program: Command, setExit: (code: number) => void, commonOptions: (cmd: Command) => Command): void {
  const ci = program.command("ci").description("what the GitHub Actions workflow does on a pull request or a push (see CONTRIBUTING.md)");

  eventOptions(ci.command("plan").description("decide from the GitHub event what this run may do (may it push regenerated files?)"))
    .action(async (opts: Flags) => setExit(await (await import("./ci-run.ts")).ciPlan(opts)));

  eventOptions(commonOptions(ci.command("regenerate").description("kb build, then decide: nothing to do, commit the regenerated files, or fail (hand edits; stale files on a fork)")))
    .option("--base <commit>", "compare with this commit to find hand edits (default: the event's base)")
    .action(async (opts: Flags) => setExit(await (await import("./ci-run.ts")).ciRegenerate(opts)));

  eventOptions(commonOptions(ci.command("summary").description("entries added, changed and removed since the base commit (reads the built index.json)")))
    .option("--base <commit>", "compare with this commit (default: the event's base)")
    .action(async (opts: Flags) => setExit(await (await import("./ci-run.ts")).ciSummary(opts)));
}

const eventOptions = (cmd: Command) =>
  cmd
    .option("--event-name <name>", "GitHub event name (default: $GITHUB_EVENT_NAME)")
    .option("--event-path <file>", "GitHub event payload file (default: $GITHUB_EVENT_PATH)");
