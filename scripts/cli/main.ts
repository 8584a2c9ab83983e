// The `kb` command line: parses arguments, runs one command, maps the outcome to an exit code
// (0 clean, 1 problems found, 2 bad usage, 3 internal error) and never prints a stack trace.
import { Command, CommanderError, Option } from "commander";
import { buildCommand, checkCommand } from "./commands/build.ts";
import { registerCiCommands } from "./commands/ci.ts";
import { fixCommand } from "./commands/fix.ts";
import { hooksCommand } from "./commands/hooks.ts";
import { lintCommand } from "./commands/lint.ts";
import { lookupCommand } from "./commands/lookup.ts";
import { newCommand } from "./commands/new.ts";
import { rulesCommand } from "./commands/rules.ts";
import { statsCommand } from "./commands/stats.ts";
import { FORMATS } from "./report.ts";
import { OutputFolderError } from "../build/sync.ts";
import { UsageError } from "./settings.ts";

export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 3 } as const;

const commonOptions = (cmd: Command) =>
  cmd
    .option("--entries <dir>", "folder of entries", "entries")
    .option("--out <dir>", "folder of generated outputs", "generated")
    .option("--config <file>", "config file with limits (default: kb.config.json if present)")
    .option("--threads <n>", "worker threads for regex checks (default: CPU count, at most 4)")
    .option("--no-cache", "neither use nor update the cache of unchanged entries' results (node_modules/.cache/error-kb/)");

const formatOption = () => new Option("--format <format>", "report format").choices([...FORMATS]).default("stylish");

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command("kb")
    .description("error-kb: lint, fix, build and look up a knowledge base of error messages")
    .showHelpAfterError("(run kb --help for usage)")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  commonOptions(program.command("lint").description("check entries and report problems").argument("[files...]", "only these entry files (collection rules still see all)"))
    .addOption(formatOption())
    .option("--watch", "lint again after every change under entries/")
    .action(async (files: string[], opts) => setExit(await lintCommand(files, opts)));

  commonOptions(program.command("build").description("lint, then write generated/ (nothing is written when there are errors)"))
    .addOption(formatOption())
    .action(async (opts) => setExit(await buildCommand(opts)));

  commonOptions(program.command("check").description("lint and verify that generated/ is exactly what kb build would write"))
    .addOption(formatOption())
    .action(async (opts) => setExit(await checkCommand(opts)));

  commonOptions(program.command("fix").description("rewrite entries in canonical form, then lint again").argument("[files...]", "only these entry files"))
    .addOption(formatOption())
    .option("--dry-run", "print a diff instead of writing")
    .action(async (files: string[], opts) => setExit(await fixCommand(files, opts)));

  commonOptions(program.command("lookup").description("find the known errors in a message or a log (- reads stdin)").argument("<text>", "the error text, or - for stdin"))
    .addOption(new Option("--format <format>", "output format").choices(["stylish", "json"]).default("stylish"))
    .option("--limit <n>", "most results", "5")
    .option("--index <file>", "index to read: match.json or index.json (default: <out>/match.json)")
    .action(async (text: string, opts) => setExit(await lookupCommand(text, opts)));

  commonOptions(program.command("new").description("scaffold a new entry with placeholders lint rejects until filled").argument("<id>", "<domain>/<slug>, lowercase kebab-case"))
    .option("--from <text>", "pre-fill the signature and a matching regex from this error text")
    .action(async (id: string, opts) => setExit(await newCommand(id, opts)));

  program
    .command("rules")
    .description("list every rule (id, severity, fixable, description), or show one")
    .argument("[id]", "one rule, e.g. kb/empty-text")
    .addOption(new Option("--format <format>", "output format").choices(["stylish", "json"]).default("stylish"))
    .option("--write-docs", "regenerate docs/rules.md from the rules and their fixtures")
    .action(async (id: string | undefined, opts) => setExit(await rulesCommand(id, opts)));

  program
    .command("hooks")
    .description("install the opt-in git pre-commit hook (fix + lint staged entries)")
    .argument("<action>", "install")
    .option("--force", "replace an existing pre-commit hook")
    .action(async (action: string, opts) => setExit(await hooksCommand(action, opts)));

  commonOptions(program.command("stats").description("print knowledge-base figures, including the self-resolution share"))
    .addOption(new Option("--format <format>", "output format").choices(["stylish", "json"]).default("stylish"))
    .action(async (opts) => setExit(await statsCommand(opts)));

  registerCiCommands(program, setExit, commonOptions);

  return program;
}

/** A reader that goes away (`kb lint | head`) is not an error worth a stack trace. */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    process.stderr.write(`kb: cannot write output: ${e.message}\n`);
    process.exit(EXIT.internal);
  });
}

export async function main(argv: string[]): Promise<number> {
  exitQuietlyOnClosedPipe(process.stdout);
  let code: number = EXIT.ok;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof UsageError || e instanceof OutputFolderError) {
      process.stderr.write(`kb: ${e.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`kb: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.KB_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ""}\n`);
    return EXIT.internal;
  }
}
