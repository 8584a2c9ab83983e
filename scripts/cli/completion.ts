// Shell completion scripts for bash, zsh and fish, generated from the command tree itself (commands,
// their options and the values of choice options), so they cannot fall behind the CLI.
import type { Command, Option } from "commander";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

interface CommandInfo {
  readonly name: string;
  readonly description: string;
  readonly options: readonly { readonly flags: string[]; readonly description: string; readonly choices: readonly string[] | undefined }[];
}

function describe(program: Command): CommandInfo[] {
  const optionsOf = (cmd: Command) =>
    cmd.options.map((o: Option) => ({ flags: [o.long, o.short].filter((f): f is string => Boolean(f)), description: o.description, choices: o.argChoices }));
  return program.commands.map((c) => ({ name: c.name(), description: c.description(), options: [...optionsOf(c), { flags: ["--help", "-h"], description: "display help", choices: undefined }] }));
}

export function completionScript(program: Command, shell: Shell): string {
  const commands = describe(program);
  const globals = ["--version", "-V", "--help", "-h", "--color", "--no-color"];
  if (shell === "bash") {
    const cases = commands.map((c) => `    ${c.name}) opts="${c.options.flatMap((o) => o.flags).join(" ")}" ;;`).join("\n");
    return `# bash completion for kb (error-kb); load with: source <(kb completion bash)
_kb() {
  local cur cmd opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  cmd="\${COMP_WORDS[1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${commands.map((c) => c.name).join(" ")} ${globals.join(" ")}" -- "$cur") )
    return
  fi
  case "$cmd" in
${cases}
    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "$opts" -- "$cur") ); else COMPREPLY=( $(compgen -f -- "$cur") ); fi
}
complete -o filenames -F _kb kb
`;
  }
  if (shell === "zsh") {
    const sub = commands.map((c) => `    '${c.name}:${c.description.replace(/'/g, "'\\''").replace(/:/g, "\\:")}'`).join("\n");
    const cases = commands
      .map((c) => `    ${c.name}) _arguments ${c.options.map((o) => `'${o.flags[0]}[${o.description.replace(/'/g, "'\\''").replace(/[[\]]/g, "")}]${o.choices ? `:value:(${o.choices.join(" ")})` : ""}'`).join(" ")} '*:file:_files' ;;`)
      .join("\n");
    return `#compdef kb
# zsh completion for kb (error-kb); load with: source <(kb completion zsh)
_kb() {
  local -a commands
  commands=(
${sub}
  )
  if (( CURRENT == 2 )); then _describe 'command' commands; return; fi
  case "$words[2]" in
${cases}
  esac
}
compdef _kb kb
`;
  }
  const lines = ["# fish completion for kb (error-kb); load with: kb completion fish | source", "complete -c kb -f"];
  for (const c of commands) {
    lines.push(`complete -c kb -n __fish_use_subcommand -a ${c.name} -d ${fishQuote(c.description)}`);
    for (const o of c.options) {
      const long = o.flags.find((f) => f.startsWith("--"));
      if (!long) continue;
      lines.push(`complete -c kb -n '__fish_seen_subcommand_from ${c.name}' -l ${long.slice(2)} -d ${fishQuote(o.description)}${o.choices ? ` -xa ${fishQuote(o.choices.join(" "))}` : ""}`);
    }
  }
  return lines.join("\n") + "\n";
}

function fishQuote(s: string): string {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
