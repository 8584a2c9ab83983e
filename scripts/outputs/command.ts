// The command a workaround's steps start with, for the fix-first block of a view and for match.json:
// the first `backticked` span that reads as a shell command (a program name, then arguments).
const COMMAND = /^(?:sudo\s+|[A-Z_][A-Z0-9_]*=\S*\s+)*[a-z][a-z0-9._+-]*\s+\S/;
const NOT_COMMANDS = new Set(["the", "a", "an", "if", "when", "from", "import", "def", "class", "return", "const", "let", "var", "function"]);

export function firstCommand(how: string): string | undefined {
  const parts = how.split("`");
  if (parts.length % 2 === 0) return undefined;
  for (let i = 1; i < parts.length; i += 2) {
    const span = parts[i]!.trim();
    const first = span.split(/\s+/)[0] ?? "";
    if (COMMAND.test(span) && !NOT_COMMANDS.has(first) && !/[;{}]$/.test(span) && !span.includes("(")) return span;
  }
  return undefined;
}
