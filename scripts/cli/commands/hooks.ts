// `kb hooks install` (npm run hooks): an opt-in git pre-commit hook that runs `kb fix` on the staged
// entries, re-stages them, and blocks the commit while errors remain. Plain sh, no extra dependency.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { terminalSafeLine } from "../../report/terminal-text.ts";
import { readBoundedFile } from "../../source/read-file.ts";
import { writeFileAtomic } from "../../write/atomic.ts";
import { UsageError } from "../usage-error.ts";

const MARKER = "# installed by error-kb (npm run hooks)";

export const PRE_COMMIT = `#!/bin/sh
${MARKER}: fixes staged entries, re-stages them, and blocks the commit on remaining errors.
# Names are split on line breaks only and never expanded, and git reads them as literal paths: a
# staged entries/x/*.json stood for other files, and the hook staged an untracked draft (pass V).
set -f
IFS='
'
export GIT_LITERAL_PATHSPECS=1
# Every staged file under entries/ (kb fix reports one that is not an entry). core.quotePath off prints
# non-ASCII names as they are; git still quotes a name with a quote, a backslash or a control
# character, which the hook cannot pass on as a path: such a file blocks the commit (it was skipped,
# and a broken entry named café.json was committed, pass W).
# --no-renames: a rename is its old name deleted and its new one added, so links to the old one are
# checked (a rename committed dangling links, pass Y); T (a file become a link) is checked too.
files=$(git -c core.quotePath=false diff --cached --no-renames --name-only --diff-filter=ACMRT -- 'entries/')
deleted=$(git -c core.quotePath=false diff --cached --no-renames --name-only --diff-filter=D -- 'entries/')
[ -z "$files" ] && [ -z "$deleted" ] && exit 0
quoted=$(printf '%s\\n%s\\n' "$files" "$deleted" | grep '^"')
if [ -n "$quoted" ]; then
  echo "error-kb: commit blocked; these staged files have a quote, a backslash or a control character in their names, which no entry has:" >&2
  echo "$quoted" >&2
  exit 1
fi
# The fixed files are copied back over the working tree's: a file with unstaged changes would lose them,
# and re-staging it would commit them.
partly=
[ -n "$files" ] && partly=$(git -c core.quotePath=false diff --name-only -- $files)
if [ -n "$partly" ]; then
  echo "error-kb: commit blocked; these staged entries also have unstaged changes, which re-staging the fixed file would commit:" >&2
  # Shown as git quotes them by default: octal escapes, never a raw control or bidi character.
  git -c core.quotePath=true diff --name-only -- $files >&2
  echo "stage them (git add) or stash them (git stash push --keep-index) and commit again" >&2
  exit 1
fi
# What is checked is what the commit holds: the index's entries, exceptions and config, checked out
# into a folder of their own. The working tree let an unstaged entry that a staged one links to, or an
# unstaged deletion, decide a commit whose tree fails lint (pass Z). The folder always has a
# kb.config.json, so kb never walks up from it to a config someone left in a shared temporary folder.
top=$(pwd)
snapshot=$(mktemp -d "\${TMPDIR:-/tmp}/kb-pre-commit.XXXXXX") || { echo "error-kb: commit blocked; cannot make a temporary folder to check the commit in" >&2; exit 1; }
trap 'rm -rf "$snapshot"' EXIT
trap 'exit 130' INT TERM HUP
if ! git ls-files -z -- 'entries/' 'lint-exceptions.json' 'kb.config.json' | git checkout-index -z --stdin --prefix="$snapshot/"; then
  echo "error-kb: commit blocked; cannot check out the staged entries to check them" >&2
  exit 1
fi
[ -e "$snapshot/kb.config.json" ] || printf '{}\\n' > "$snapshot/kb.config.json"
mkdir -p "$snapshot/entries"
status=0
if [ -n "$files" ]; then
  (cd "$snapshot" && node "$top/bin/kb.mjs" fix --no-cache -- $files)
  status=$?
  # Each fix goes back to the working tree and the index; links are never written through.
  for f in $files; do
    if [ -f "$snapshot/$f" ] && [ ! -L "$snapshot/$f" ] && [ -f "$f" ] && [ ! -L "$f" ] && ! cmp -s "$snapshot/$f" "$f"; then
      cp -- "$snapshot/$f" "$f" && git add -- "$f" || { echo "error-kb: commit blocked; cannot write the fixed $(git -c core.quotePath=true ls-files -- "$f") back" >&2; exit 1; }
    fi
  done
fi
# A deletion changes what other entries may link to and collide with: the whole commit is linted.
if [ $status -eq 0 ] && [ -n "$deleted" ]; then
  (cd "$snapshot" && node "$top/bin/kb.mjs" lint --no-cache)
  status=$?
fi
if [ $status -ne 0 ]; then
  echo "error-kb: commit blocked; fix the problems above (npx kb lint) and commit again" >&2
fi
exit $status
`;

export async function hooksCommand(action: string, opts: { force?: boolean }): Promise<number> {
  if (action !== "install") throw new UsageError(`unknown hooks action "${action}"; use: kb hooks install`);
  let hooksDir: string;
  try {
    hooksDir = execFileSync("git", ["rev-parse", "--git-path", "hooks"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    throw new UsageError("not inside a git repository");
  }
  const file = path.resolve(hooksDir, "pre-commit");
  // Read bounded and without blocking: a FIFO or a link to /dev/zero there hung kb, a folder made it crash.
  const existing = readBoundedFile(file, 1024 * 1024, true);
  if (!existing.ok && existing.reason === "not-a-file") throw new UsageError(`${terminalSafeLine(file)} is ${existing.detail}, not a hook file; remove it and run kb hooks install again`);
  if (!existing.ok && existing.reason === "unreadable") throw new UsageError(`cannot read ${terminalSafeLine(file)} (${existing.detail})`);
  const present = existing.ok || existing.reason === "too-large";
  const ours = existing.ok && new TextDecoder().decode(existing.bytes).includes(MARKER);
  if (present && !ours && !opts.force) {
    throw new UsageError(`${terminalSafeLine(file)} exists and was not installed by error-kb; use --force to replace it`);
  }
  await writeFileAtomic(file, PRE_COMMIT, { mode: 0o755 });
  process.stdout.write(`installed ${terminalSafeLine(file)}: staged entries are fixed and linted before each commit\n`);
  return 0;
}
