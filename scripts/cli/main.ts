// The `kb` command line: parses arguments, runs one command, maps the outcome to an exit code
// (0 clean, 1 problems found, 2 bad usage or an environment problem kb can name, 3 internal error)
// and never prints a stack trace unless KB_DEBUG=1.
import { Command, CommanderError, Option } from "commander";
import { LockError } from "../write/lock.ts";
import { OutputFolderError } from "../write/output-folder.ts";
import { WriteError } from "../write/atomic.ts";
import { SourceError } from "../source/list-entries.ts";
import { terminalSafe, terminalSafeLine } from "../report/terminal-text.ts";
import { registerCiCommands } from "./commands/ci.ts";
import { completionScript, SHELLS, type Shell } from "./completion.ts";

// Each command's module is loaded when it runs: `kb --version` or `kb rules` need no lint engine.
const commands = {
  build: () => import("./commands/build.ts"),
  fix: () => import("./commands/fix.ts"),
  hooks: () => import("./commands/hooks.ts"),
  lint: () => import("./commands/lint.ts"),
  lookup: () => import("./commands/lookup.ts"),
  new: () => import("./commands/new.ts"),
  rules: () => import("./commands/rules.ts"),
  stats: () => import("./commands/stats.ts"),
};

const FORMATS = ["stylish", "json", "github", "sarif"] as const;
import { UsageError } from "./usage-error.ts";
import { KB_VERSION } from "./version.ts";

export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 3 } as const;

const commonOptions = (cmd: Command) =>
  cmd
    .option("--entries <dir>", "folder of entries (default: entries/ at the repository root)")
    .option("--out <dir>", "folder of generated outputs (default: generated/ at the repository root)")
    .option("--config <file>", "config file (default: kb.config.json at the repository root)")
    .option("--threads <n>", "worker threads (default: CPU count, at most 4)")
    .option("--no-cache", "neither use nor update the cache of unchanged entries and outputs (node_modules/.cache/error-kb/)")
    .option("--no-python", "skip the Python half of the regex contract (CI always runs it)");

const reportOptions = (cmd: Command) =>
  cmd
    .addOption(new Option("--format <format>", "report format").choices([...FORMATS]).default("stylish"))
    .option("--quiet", "report errors only, no warnings")
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this (-1: no limit)")
    .option("-o, --output-file <file>", "write the report to a file instead of stdout");

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command("kb")
    .description("error-kb: lint, fix, build and look up a knowledge base of error messages")
    .version(KB_VERSION, "-V, --version", "print the version")
    .option("--color", "colour the output even when it is not a terminal")
    .option("--no-color", "never colour the output (NO_COLOR does the same)")
    .showHelpAfterError("(run kb --help for usage)")
    .showSuggestionAfterError(true)
    .exitOverride()
    // Commander's own errors quote argv (an unknown command, option or choice): its controls are shown, never sent.
    .configureOutput({ writeErr: (s) => process.stderr.write(terminalSafe(s)), writeOut: (s) => process.stdout.write(s) });
  const color = () => program.opts<{ color?: boolean }>().color;
  const colorFlag = () => (process.argv.some((a) => a === "--color" || a === "--no-color") ? color() : undefined);

  reportOptions(commonOptions(program.command("lint").description("check entries and report every problem").argument("[paths...]", "only these entry files or folders (collection rules still see all)")))
    .option("--watch", "lint again after every change under entries/")
    .option("--print-config", "print the settings kb would use, and exit")
    .action(async (paths: string[], opts) => setExit(await (await commands.lint()).lintCommand(paths, { ...opts, color: colorFlag() })));

  reportOptions(commonOptions(program.command("build").description("lint, then write generated/ (nothing is written when there are errors)"))).action(async (opts) =>
    setExit(await (await commands.build()).buildCommand({ ...opts, color: colorFlag() })),
  );

  reportOptions(commonOptions(program.command("check").description("lint and verify that generated/ is exactly what kb build would write"))).action(async (opts) =>
    setExit(await (await commands.build()).checkCommand({ ...opts, color: colorFlag() })),
  );

  reportOptions(commonOptions(program.command("fix").description("repair values, rewrite entries in canonical form, then lint again").argument("[paths...]", "only these entry files or folders")))
    .option("--dry-run", "print a diff instead of writing")
    .option("--refresh-translation-digests", "record every Chinese field as checked against the current English (translated_from)")
    .action(async (paths: string[], opts) => setExit(await (await commands.fix()).fixCommand(paths, { ...opts, color: colorFlag() })));

  commonOptions(program.command("lookup").description("find the known errors in a message or a log (- reads stdin), with what to do").argument("<text>", "the error text, or - for stdin"))
    .addOption(new Option("--format <format>", "output format").choices(["stylish", "json", "markdown"]).default("stylish"))
    .option("--limit <n>", "most results", "5")
    .option("--index <file>", "another match.json to read (run guarded: it was not built here)")
    .action(async (text: string, opts) => setExit(await (await commands.lookup()).lookupCommand(text, { ...opts, color: colorFlag() })));

  commonOptions(program.command("new").description("scaffold a new entry with placeholders lint rejects until filled").argument("<id>", "<domain>/<slug>, lowercase kebab-case"))
    .option("--from <text>", "the pasted error output: its error line becomes the signature, a first regex and an example")
    .action(async (id: string, opts) => setExit(await (await commands.new()).newCommand(id, opts)));

  program
    .command("rules")
    .description("list every rule (id, severity, fixable, description), or show one")
    .argument("[id]", "one rule, e.g. kb/empty-text")
    .addOption(new Option("--format <format>", "output format").choices(["stylish", "json"]).default("stylish"))
    .action(async (id: string | undefined, opts) => setExit(await (await commands.rules()).rulesCommand(id, opts)));

  commonOptions(program.command("stats").description("print knowledge-base figures, including the self-resolution share"))
    .addOption(new Option("--format <format>", "output format").choices(["stylish", "json"]).default("stylish"))
    .action(async (opts) => setExit(await (await commands.stats()).statsCommand(opts)));

  program
    .command("hooks")
    .description("install the opt-in git pre-commit hook (fix + lint staged entries)")
    .argument("<action>", "install")
    .option("--force", "replace an existing pre-commit hook")
    .action(async (action: string, opts) => setExit(await (await commands.hooks()).hooksCommand(action, opts)));

  program
    .command("completion")
    .description("print a shell completion script (bash: source <(kb completion bash))")
    .addArgument(new Command().createArgument("<shell>", "bash, zsh or fish").choices([...SHELLS]))
    .action((shell: Shell) => {
      process.stdout.write(completionScript(program, shell));
      setExit(0);
    });

  registerCiCommands(program, setExit, commonOptions);
  return program;
}

/** Set before kb ends the process itself, so the unfinished-command guard below stays quiet. */
let exitingOnPurpose = false;

/** A reader that goes away (`kb lint | head`) is not an error worth a stack trace. */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    exitingOnPurpose = true;
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    process.stderr.write(`kb: cannot write output: ${e.message}\n`);
    process.exit(EXIT.internal);
  });
}

/**
 * A command whose work is lost (a promise nothing will ever settle: a message to a worker that died)
 * lets the event loop drain, and Node then exits 0 as if all went well. This makes that exit 3, saying so.
 */
export function guardUnfinishedCommand(): () => void {
  const onExit = () => {
    if (exitingOnPurpose) return;
    process.stderr.write("kb: internal error: kb stopped before the command finished (work was lost on the way)\nkb: this is a bug in error-kb; run again with KB_DEBUG=1 for details and please report it\n");
    process.exitCode = EXIT.internal;
  };
  process.once("exit", onExit);
  return () => process.off("exit", onExit);
}

/** Problems kb can name and the user can act on: exit 2 with one line. */
const USAGE_ERRORS = [UsageError, SourceError, OutputFolderError, WriteError, LockError];

export async function main(argv: string[]): Promise<number> {
  exitQuietlyOnClosedPipe(process.stdout);
  let code: number = EXIT.ok;
  const program = buildProgram((c) => (code = c));
  const finished = guardUnfinishedCommand();
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (USAGE_ERRORS.some((k) => e instanceof k)) {
      process.stderr.write(`kb: ${terminalSafeLine((e as Error).message)}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`kb: internal error: ${terminalSafeLine((e as Error)?.message ?? String(e))}\n`);
    if (process.env.KB_DEBUG === "1") process.stderr.write(`${(e as Error)?.stack ?? ""}\n`);
    else process.stderr.write("kb: this is a bug in error-kb; run again with KB_DEBUG=1 for details and please report it\n");
    return EXIT.internal;
  } finally {
    finished();
  }
}
