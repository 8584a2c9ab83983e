// `kb hooks install` (npm run hooks): opt-in git hooks (pre-commit, and pre-merge-commit for merges
// git commits itself) that run `kb fix` on the staged entries in a checkout of the index, re-stage the
// fixes, and block the commit while `kb lint` of that checkout fails. Plain sh, no extra dependency.
import { execFileSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { CONTROL_OR_HIDDEN, codePointRanges } from "../../model/hidden-characters.ts";
import { terminalSafeLine } from "../../report/terminal-text.ts";
import { leavesBase } from "../../source/entry-path.ts";
import { readBoundedFile } from "../../source/read-file.ts";
import { writeFileAtomic } from "../../write/atomic.ts";
import { UsageError } from "../usage-error.ts";

const MARKER = "# installed by error-kb (npm run hooks)";
/** The code points the hook's safe() shows escaped, as "lo hi lo hi …": the same list kb's own output escapes. */
const SAFE_DENY = codePointRanges(CONTROL_OR_HIDDEN).flat().join(" ");

export const PRE_COMMIT = `#!/bin/sh
${MARKER}: fixes staged entries, re-stages them, and blocks the commit while kb lint of it fails.
# Names are split on line breaks only and never expanded, and git reads them as literal paths: a
# staged entries/x/*.json stood for other files, and the hook staged an untracked draft (pass V).
set -f
IFS='
'
export GIT_LITERAL_PATHSPECS=1
# git refuses literal pathspecs beside these, and every commit was blocked (pass AG). With CDPATH
# exported, cd printed where it went, into every path the hook works out (pass AH).
unset GIT_GLOB_PATHSPECS GIT_NOGLOB_PATHSPECS GIT_ICASE_PATHSPECS CDPATH
# Sets $where to the physical path of the folder: a trailing line break in it kept (a repository
# whose name ended with one was said to have no kb, pass AH).
physical_of() {
  case "$1" in /*) set -- "$1" ;; *) set -- "./$1" ;; esac
  where=$(cd -- "$1" 2> /dev/null && pwd -P && echo .) || return 1
  where=\${where%.}
  where=\${where%"
"}
}
# Sets $out to what the command printed, a trailing line break of its own kept (a git folder whose
# path ended with one could not be found, pass AI).
output_of() {
  out=$("$@" && echo .) || return 1
  out=\${out%.}
  out=\${out%"
"}
}
# A repository with neither kb nor entries is not one kb checks: a core.hooksPath every repository
# shares ran the hook in all of them, and it refused every commit (pass AK),
# or, before this, every commit where a tool the hook needs was missing (pass AL).
if [ ! -f bin/kb.mjs ] && listed=$(git ls-files -- 'entries' 'bin/kb.mjs') && [ -z "$listed" ]; then exit 0; fi
# Every tool the hook uses, before any is used: without awk the check for unstaged work saw none, and
# a fix overwrote an edit; without grep the filter check passed (pass AF). A missing one blocks.
for tool in awk grep sed cut tr xargs cmp paste find mktemp cp rm mkdir cat id tail; do
  command -v "$tool" > /dev/null 2>&1 || { echo "error-kb: commit blocked; the hook needs $tool, which is not on the PATH git gave it" >&2; exit 1; }
done
# The date kb checks entries against is today's: KB_TODAY (for tests) let a future-dated entry in (pass AE).
unset KB_TODAY
# Lines as they are, but every control character, every bidi or invisible character kb's own output
# escapes (model/hidden-characters.ts) and every byte that is not UTF-8 as an octal escape, as git
# quotes names, and a workflow command (:: where a line starts, ##[ anywhere) broken as kb breaks it:
# an attribute value, a quoted name or the repository's path printed raw cleared the screen or
# reordered the line (pass AE). Other characters stay: kb fix's → and an entry named café were shown
# as octal escapes (pass AK). Printed piece by piece: a line built up one character at a time took
# busybox's awk a minute for 400 KB (pass AL).
safe() {
  LC_ALL=C awk -v deny='${SAFE_DENY}' 'BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i; n = split(deny, d, " ") }
    function esc(from, count,   x) { for (x = from; x < from + count; x++) printf "\\\\%03o", ord[substr($0, x, 1)] }
    function upto(to) { if (to > from) printf "%s", substr($0, from, to - from); from = to }
    {
      len = length($0); from = 1; lead = 1
      for (i = 1; i <= len; ) {
        o = ord[substr($0, i, 1)]
        if (o >= 32 && o < 127) {
          if (lead && o == 58 && substr($0, i + 1, 1) == ":") { upto(i); printf "\\\\072"; i++; from = i; lead = 0; continue }
          if (o == 35 && substr($0, i, 3) == "##[") { upto(i + 1); printf "\\\\043"; i += 2; from = i; lead = 0; continue }
          if (o != 32) lead = 0
          i++; continue
        }
        k = (o >= 194 && o <= 223) ? 2 : (o >= 224 && o <= 239) ? 3 : (o >= 240 && o <= 244) ? 4 : 1
        cp = k == 2 ? o - 192 : k == 3 ? o - 224 : k == 4 ? o - 240 : -1
        for (j = 1; j < k && cp >= 0; j++) { b = ord[substr($0, i + j, 1)]; cp = (b < 128 || b > 191) ? -1 : cp * 64 + b - 128 }
        if (cp < 0 || (k == 3 && (cp < 2048 || (cp >= 55296 && cp <= 57343))) || (k == 4 && (cp < 65536 || cp > 1114111))) { upto(i); esc(i, 1); i++; from = i; lead = 0; continue }
        bad = 0
        for (j = 1; j < n; j += 2) if (cp >= d[j] + 0 && cp <= d[j + 1] + 0) { bad = 1; break }
        if (bad) { upto(i); esc(i, k); i += k; from = i; lead = 0; continue }
        # White space a workflow command may start after, as JavaScript reads \\\\s.
        if (!(cp == 160 || cp == 5760 || (cp >= 8192 && cp <= 8202) || cp == 8239 || cp == 8287 || cp == 12288)) lead = 0
        i += k
      }
      upto(len + 1); printf "\\n"
    }'
}
block() {
  printf 'error-kb: commit blocked; %s\\n' "$1" | safe >&2
  exit 1
}
# Runs a command with its error output printed safe: git names files raw in some messages (a
# working-tree-encoding warning printed a bidi override, pass AF). Needs $work.
quiet() {
  "$@" 2> "$work/errors"
  quiet_status=$?
  [ -s "$work/errors" ] && safe < "$work/errors" >&2
  return $quiet_status
}
# Names for a message, as git quotes them by default: octal escapes, never a raw control or bidi character.
show() {
  printf '%s\\0' "$@" | xargs -0 git -c core.quotePath=true ls-files -- >&2
}
# What the commit changes that kb reads: entries/ (and entries itself: a link in its place, pass AA),
# kb.config.json and lint-exceptions.json (a commit of only those was never checked, pass AA), and
# .gitattributes, which decides how every entry is checked out (eol=crlf failed every clone, pass AB).
# core.quotePath off prints non-ASCII names as they are; git still quotes a name with a quote, a
# backslash or a control character, which cannot be passed on as a path: such a file blocks the commit
# (it was skipped, and a broken entry named café.json was committed, pass W). --no-renames: a rename is
# its old name deleted and its new one added (a rename committed dangling links, pass Y).
# A deletion is not one: removing such a file was refused (pass AF).
changed=$(git -c core.quotePath=false diff --cached --no-renames --name-only --diff-filter=d -- 'entries' 'kb.config.json' 'lint-exceptions.json' '.gitattributes') || block "git diff --cached failed"
quoted=$(printf '%s\\n' "$changed" | grep '^"')
if [ -n "$quoted" ]; then
  echo "error-kb: commit blocked; these staged files have a quote, a backslash or a control character in their names, which no entry has:" >&2
  printf '%s\\n' "$quoted" | safe >&2
  exit 1
fi
# The staged entries kb fix rewrites (T: a file become a link is refused below).
files=$(git -c core.quotePath=false diff --cached --no-renames --name-only --diff-filter=ACMRT -- 'entries/') || block "git diff --cached failed"
temps=$(printf '%s\\n' "$files" | grep '[.]kb-tmp$')
if [ -n "$temps" ]; then
  echo "error-kb: commit blocked; these staged files are kb's temporary files, never part of a commit (git rm --cached them):" >&2
  show $temps
  exit 1
fi
# A folder of its own for the checkout of the index and the lists; removed however the hook ends
# (a broken pipe on stderr left it behind, pass AA).
# Folders a killed hook left (kill -9 runs no trap, pass AE): this user's, an hour old.
uid=$(id -u 2> /dev/null) && find "\${TMPDIR:-/tmp}/" -maxdepth 1 -type d -name 'kb-pre-commit.*' -user "$uid" -mmin +60 -exec rm -rf {} + 2> /dev/null
work=$(mktemp -d "\${TMPDIR:-/tmp}/kb-pre-commit.XXXXXX" 2> /dev/null) || block "cannot make a temporary folder to check the commit in, in \${TMPDIR:-/tmp}"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM HUP PIPE QUIT
if [ -n "$files" ]; then
  printf '%s\\n' "$files" > "$work/staged" || block "cannot write in $work"
fi
# What is checked is the tree git will commit (git write-tree, without intent-to-add files, which
# checked out empty, pass AB), checked out as a clone gets it: in a repository of the hook's own that
# shares this one's objects and has no configuration and no template at all, so only the
# .gitattributes the tree holds apply. The user's core.autocrlf made every entry CRLF (pass AB); the
# working tree's .gitattributes, .git/info/attributes, core.attributesFile and GIT_TEMPLATE_DIR each
# decided how the commit was checked out (pass AC, AD); a filter defined only in this clone's config
# stored another text than the one checked (pass AB). The working tree let an unstaged entry that a
# staged one links to, or an unstaged deletion, decide a commit (pass Z). No entries folder in the
# tree is none in the checkout: kb lint fails, as on a clone (pass AB). The checkout always has a
# kb.config.json, so kb never walks up from it to a config left in a shared temporary folder.
top=$(pwd && echo .)
top=\${top%.}
top=\${top%"
"}
case "$work" in /*) ;; *) work="$top/$work" ;; esac
physical_of "$work" || block "cannot find the temporary folder $work"
work_physical=$where
for which in --git-dir --git-common-dir; do
  output_of git rev-parse "$which" && physical_of "$out" || block "cannot find the git folder"
  case "$work_physical/" in "$where"/*) block "TMPDIR is inside the git folder $where, where kb refuses to work; point TMPDIR elsewhere" ;; esac
done
command -v node > /dev/null 2>&1 || block "node is not on the PATH git gave this hook, so kb cannot check the commit (a git client started from a desktop may have another PATH)"
# kb comes from the working tree: a sparse checkout of entries alone has none, and node's crash read
# as problems in the entries (pass AE).
[ -f "$top/bin/kb.mjs" ] || block "kb is not in this working tree ($top/bin/kb.mjs is missing: a sparse checkout?), so it cannot check the commit; check out bin/ and scripts/ (git sparse-checkout add bin scripts), or commit with --no-verify and let CI check it"
# GIT_OBJECT_DIRECTORY too, when the user set one (it was ignored, pass AD).
output_of git rev-parse --git-path objects && physical_of "$out" || block "cannot find the repository's objects"
# The private repository reads this one's objects: the same object format (a SHA-256 repository
# blocked every commit, and GIT_DEFAULT_HASH made the private one SHA-256, pass AI).
format=$(git rev-parse --show-object-format 2> /dev/null) || format=sha1
# git before 2.28 echoes an option it does not know.
case "$format" in sha1 | sha256) ;; *) format=sha1 ;; esac
# Objects the fixes add are stored as this repository shares them (they were private to the
# committer in a core.sharedRepository=group repository, pass AI).
shared=$(git config core.sharedRepository 2> /dev/null) || shared=false
objects=$where
# As git reads a list of alternates: a colon split the path (pass AH), so it is C-quoted.
alternate=$(printf '%s' "$objects" | sed -e 's/\\\\/\\\\\\\\/g' -e 's/"/\\\\"/g' | awk 'NR > 1 { printf "%s", "\\\\n" } { printf "%s", $0 }')
# In a subshell: the variables git gave the hook about this repository are not the private one's
# (GIT_WORK_TREE, from git --work-tree commit, made init refuse, pass AH).
pristine() (
  unset GIT_WORK_TREE GIT_COMMON_DIR GIT_ATTR_SOURCE GIT_CONFIG GIT_NAMESPACE GIT_CEILING_DIRECTORIES GIT_SHALLOW_FILE GIT_REPLACE_REF_BASE GIT_DEFAULT_HASH
  GIT_DIR="$work/repo" GIT_INDEX_FILE="$work/index" GIT_OBJECT_DIRECTORY="\${PRISTINE_OBJECTS:-$work/repo/objects}" \\
    GIT_ALTERNATE_OBJECT_DIRECTORIES="\\"$alternate\\"\${GIT_ALTERNATE_OBJECT_DIRECTORIES:+:$GIT_ALTERNATE_OBJECT_DIRECTORIES}" \\
    GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 GIT_ATTR_NOSYSTEM=1 GIT_CONFIG_PARAMETERS= GIT_CONFIG_COUNT=0 GIT_TEMPLATE_DIR= \\
    git -c core.autocrlf=false -c core.eol=lf -c core.attributesFile=/dev/null "$@"
)
quiet pristine init -q --bare --template= --object-format="$format" "$work/repo" > /dev/null || block "cannot make a repository to check the commit in"
# checkout TREE FOLDER: the tree's entries, exceptions and config, as a clone gets them.
checkout() {
  rm -rf "$work/index" "$2"
  mkdir "$2" || block "cannot write in $work"
  # git's own messages name files raw (an invalid path with a bidi override, pass AG): through quiet.
  quiet pristine --work-tree="$2" read-tree "$1" || block "git read-tree failed"
  # The root .gitattributes too: git hash-object reads attributes from the work tree only (an ident
  # attribute was not applied to a fix, pass AD).
  quiet pristine --work-tree="$2" ls-files -z -- 'entries' 'lint-exceptions.json' 'kb.config.json' '.gitattributes' > "$work/listed" || block "git ls-files failed"
  quiet pristine --work-tree="$2" checkout-index -z --stdin < "$work/listed" || block "git could not check out the commit to check it (see git's message above: a name this file system cannot hold, or a partial clone that never fetched some files; or commit with --no-verify and let CI check it)"
  [ -e "$2/kb.config.json" ] || [ -L "$2/kb.config.json" ] || printf '{}\\n' > "$2/kb.config.json"
}
tree=$(quiet git write-tree) || block "git write-tree failed: the index cannot be committed as it is"
# kb lint of the checkout: its output in $work/lint, its exit in $status. Without its closing line
# (✔ or ✖) kb did not run: node's crash (kb could not be loaded from a path that is not UTF-8) was
# read as problems in the entries and printed raw (pass AI).
# Never coloured: FORCE_COLOR in the environment coloured the closing line, every failure read as
# kb not running and kb fix never ran (pass AK).
lint_commit() {
  (cd "$work/commit" && node "$top/bin/kb.mjs" lint --no-cache --no-color) > "$work/lint" 2>&1
  status=$?
  # The last line that is not empty or indented (kb's count of what kb fix can fix follows it): a
  # broken dist/ file echoed a line starting with ✔ before node's crash (pass AJ).
  if [ $status -eq 1 ] && ! grep -v -e '^$' -e '^ ' "$work/lint" | tail -n 1 | grep -q -e '^✔ ' -e '^✖ '; then status=3; fi
}
# kb reads neither links nor submodules, and where core.symlinks is off git checks a link out as a
# plain file holding its target, which kb would read as an entry (pass AA). A linked kb.config.json
# led out of the checkout below: a relative one into the shared temporary folder, and the default
# written through it (pass AA). Read from the tree the commit gets: an intent-to-add link is not in
# it (it blocked the commit), and names as git quotes them, printed safe (echo turned git's escapes
# back into raw bytes, pass AF).
git -c core.quotePath=true ls-tree -r "$tree" -- 'entries' 'kb.config.json' 'lint-exceptions.json' > "$work/tree-list" || block "git ls-tree failed"
links=$(grep -E '^(120000|160000) ' "$work/tree-list" | cut -f2)
if [ -n "$links" ]; then
  echo "error-kb: commit blocked; these are symbolic links or submodules in the commit, which kb does not read (make each a regular file):" >&2
  printf '%s\\n' "$links" | safe >&2
  exit 1
fi
# A merge git commits itself takes the tree it made before its hook ran, and git commit <path> a
# temporary index the real one cannot follow: fixes re-staged there never reached the commit, or the
# real index undid them (pass Z, AB, AC). Those commits are checked as they are.
fixing=yes
case "\${0##*/}" in pre-merge-commit) fixing= ;; esac
case "\${GIT_INDEX_FILE##*/}" in next-index-*) fixing= ;; esac
# The whole commit is linted, in a fresh checkout: a staged change can break an entry that is not
# staged (a regex that now matches a staged signature, a link to a deleted entry; pass X, AA). Every
# commit is checked, not only one that changes entries: one amended, or one after a commit made with
# --no-verify, went through unchecked (pass AC). kb fix runs only when lint fails (a clean commit
# cost two full runs, pass AD), and its lint is shown only when nothing was fixed.
checkout "$tree" "$work/commit"
lint_commit
if [ $status -eq 1 ] && [ -n "$files" ] && [ -n "$fixing" ]; then
  # A clean filter hides unstaged changes from git diff, and writing the fix back lost them (pass AD).
  # So does a working-tree-encoding: git only warned that an entry was not in it, and the fix was
  # written back re-encoded (pass AF). check-attr -a lists only attributes given some state: a filter
  # whose value is the word "unspecified" or "unset" (git runs it) looked like none (pass AG), so any
  # such line blocks, an explicit -filter included.
  quiet git check-attr -a --stdin < "$work/staged" > "$work/attributes" || block "git check-attr failed"
  filtered=$(grep -e ': filter: ' -e ': working-tree-encoding: ' "$work/attributes")
  if [ -n "$filtered" ]; then
    safe < "$work/lint"
    echo "error-kb: commit blocked; these staged entries have a filter or working-tree-encoding attribute, so git cannot say whether they have unstaged changes and the hook does not fix them (run npx kb fix and git add yourself):" >&2
    printf '%s\\n' "$filtered" | safe >&2
    exit 1
  fi
  # What kb fix changed is told against the checkout as it was, not the working tree.
  if [ -d "$work/commit/entries" ]; then cp -R "$work/commit/entries" "$work/before" || block "cannot write in $work"; fi
  # Through xargs: thousands of names passed the system's limit on one command line (pass AA). Its
  # report of what is left is the lint's below, once.
  (cd "$work/commit" && printf '%s\\0' $files | xargs -0 node "$top/bin/kb.mjs" fix --no-cache --no-color --quiet -o "$work/fix-report.txt" --) 2> "$work/fix-log"
  grep -v '^kb fix: these problems need a person:$' "$work/fix-log" | safe >&2
  : > "$work/fixed"
  : > "$work/fixed-names"
  for f in $files; do
    [ -f "$work/commit/$f" ] && [ ! -L "$work/commit/$f" ] || continue
    cmp -s "$work/commit/$f" "$work/before/\${f#entries/}" && continue
    printf '%s\\0' "$f" >> "$work/fixed"
    printf '%s\\n' "$f" >> "$work/fixed-names"
  done
  if [ -s "$work/fixed" ]; then
    # Each fix is written over the working tree's copy: a copy that is not what was staged holds
    # unstaged work the fix would overwrite, and blocks the commit. Told by content, hashed as git add
    # would store it, not by git diff, which trusts the stat cache, an fsmonitor and the assume-unchanged
    # and skip-worktree bits (an edit was lost each way, pass AA, AB, AE). Partly staged entries that
    # need no fix are committed as staged, their unstaged part kept.
    # The executable bit too, where git tracks it: an unstaged chmod was undone (pass AF). Every step
    # that decides fails closed: a missing or failing tool let the fix through (pass AF).
    : > "$work/present"
    : > "$work/changed"
    modes=$(git config --type=bool core.fileMode 2> /dev/null || echo true)
    # The owner's bit, as git reads it: test -x is true for root when any bit is set (pass AG).
    executable() { if [ -n "$(find "$1" -prune -perm -u+x 2> /dev/null)" ]; then echo yes; else echo no; fi; }
    # A folder on the way that is a link: git sees the entry as deleted, and checkout-index replaced
    # the link with a real folder (pass AG).
    physical_of . || block "cannot find the working tree"
    physical=$where
    through_link() { case "$1" in */*) ! physical_of "\${1%/*}" 2> /dev/null || [ "$where" != "$physical/\${1%/*}" ] ;; *) false ;; esac; }
    while IFS= read -r f; do
      if [ ! -f "$f" ] || [ -L "$f" ] || through_link "$f"; then
        printf '%s\\n' "$f" >> "$work/changed"
      elif [ "$modes" = true ] && [ "$(executable "$f")" != "$(executable "$work/before/\${f#entries/}")" ]; then
        printf '%s\\n' "$f" >> "$work/changed"
      else
        printf '%s\\n' "$f" >> "$work/present"
      fi
    done < "$work/fixed-names"
    if [ -s "$work/present" ]; then
      quiet git hash-object --stdin-paths < "$work/present" > "$work/worktree-blobs" || block "git hash-object failed: cannot tell whether the fixed entries have unstaged changes"
      sed 's/^/:/' "$work/present" | tr '\\n' '\\0' > "$work/staged-paths" || block "cannot write in $work"
      quiet xargs -0 git rev-parse < "$work/staged-paths" > "$work/staged-blobs" || block "git rev-parse failed: cannot tell whether the fixed entries have unstaged changes"
      paste -d ' ' "$work/staged-blobs" "$work/worktree-blobs" "$work/present" > "$work/pairs" || block "paste failed: cannot tell whether the fixed entries have unstaged changes"
      # Each line is a staged hash, a working copy's hash and a name: the hashes are 40 or 64 hex digits.
      awk '$1 !~ /^[0-9a-f]+$/ || $2 !~ /^[0-9a-f]+$/ { exit 1 } $1 != $2 { sub(/^[^ ]+ [^ ]+ /, ""); print }' "$work/pairs" >> "$work/changed" || block "cannot tell whether the fixed entries have unstaged changes"
    fi
    if [ -s "$work/changed" ]; then
      safe < "$work/lint"
      echo "error-kb: commit blocked; kb fix fixed these staged entries, but they also have unstaged changes, which writing the fixed file back would lose:" >&2
      show $(cat "$work/changed")
      echo "stage them (git add) or stash them (git stash push --keep-index) and commit again" >&2
      exit 1
    fi
    # Stored as git stores them, with the tree's attributes, straight into this repository's objects
    # (stored as checked out, with an ident or eol attribute, they were another text, pass AD); then
    # into the index and the working tree through git, which replaces each file (never writing through
    # a link or a hard link, pass AA), in one batch (a few processes per file took 15 ms each, pass
    # AB). Names are relative, one per line: a TMPDIR with a line break split them (pass AD).
    (cd "$work/commit" && PRISTINE_OBJECTS="$objects" GIT_ALTERNATE_OBJECT_DIRECTORIES= quiet pristine -c "core.sharedRepository=$shared" --work-tree="$work/commit" hash-object -w --stdin-paths < "$work/fixed-names") > "$work/blobs" || block "git hash-object failed: the fixes were not written back"
    : > "$work/info"
    exec 3< "$work/blobs"
    while IFS= read -r f; do
      read -r blob <&3 || block "git hash-object gave too few objects"
      mode=100644
      [ -x "$work/commit/$f" ] && mode=100755
      printf '%s %s\\t%s\\0' "$mode" "$blob" "$f" >> "$work/info"
    done < "$work/fixed-names"
    exec 3<&-
    quiet git update-index -z --index-info < "$work/info" || block "git update-index failed: the fixes were not re-staged"
    quiet git checkout-index -f -z --stdin < "$work/fixed" || block "git checkout-index failed: the fixes are staged but not in the working tree (git checkout -- entries)"
    fixed_tree=$(quiet git write-tree) || block "git write-tree failed after the fixes were staged"
    # A fix that undoes the only staged change leaves nothing to commit, and git, which decided that
    # before the hook ran, records an empty commit (pass AE). The hook cannot see --amend or
    # --allow-empty, for which that is right (blocking them was wrong, pass AF): it says so instead.
    if [ "$fixed_tree" != "$tree" ] && [ "$fixed_tree" = "$(git rev-parse -q --verify 'HEAD^{tree}' 2> /dev/null)" ] && ! git rev-parse -q --verify MERGE_HEAD > /dev/null 2>&1; then
      echo "error-kb: note: after kb fix this commit changes nothing against HEAD (the fixes undid every staged change); unless you meant that (--amend, --allow-empty), drop it with git reset --soft HEAD~1" >&2
    fi
    tree=$fixed_tree
    # kb fix's checkout is not the commit (it removed a committed temporary file there, pass AC).
    checkout "$tree" "$work/commit"
    lint_commit
  fi
fi
# Always safe: node prints warnings of its own (NODE_EXTRA_CA_CERTS named a file raw, pass AL).
safe < "$work/lint"
if [ $status -ge 2 ]; then
  echo "error-kb: commit blocked; kb could not check the commit (exit $status): see its message above" >&2
  exit 1
fi
if [ $status -ne 0 ]; then
  [ -n "$files" ] && [ -z "$fixing" ] && echo "error-kb: fixes cannot be staged into this commit (a merge, or git commit <path>): run npx kb fix and git add for what lint says it can fix" >&2
  echo "error-kb: commit blocked; fix the problems above (npx kb lint) and commit again" >&2
  exit $status
fi
# git commit takes no lock while its hook runs and commits the index as it is afterwards: what was
# staged meanwhile went in unchecked, after "no problems" (pass AE). The window is now this line.
[ "$(git write-tree 2> /dev/null)" = "$tree" ] || block "files were staged while the hook checked the commit, so what it checked is not what would be committed; commit again"
exit 0
`;

/** The hooks installed: pre-commit, and pre-merge-commit, which git runs instead for a merge it commits itself (pass AA). */
const HOOKS = ["pre-commit", "pre-merge-commit"] as const;

/**
 * Where the path leads, as the system reads it: links resolved before each "..", as git's own open()
 * does (path.resolve read lnk/../hooks as hooks, and kb installed where git never looked, pass AL).
 * A part that does not exist yet is kept as written.
 */
function physicalPath(p: string, base = process.cwd()): string {
  const written = path.isAbsolute(p) ? p : `${base}/${p}`;
  try {
    return realpathSync.native(written);
  } catch {
    const cut = written.replace(/\/+$/, "").lastIndexOf("/");
    if (cut <= 0) return path.resolve(written);
    const parent = physicalPath(written.slice(0, cut));
    return path.resolve(parent, written.slice(cut + 1).replace(/\/+$/, ""));
  }
}

/** git's own location variables made absolute, so that git run from another folder reads the same repository. */
function gitEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"]) {
    const value = env[name];
    if (value) env[name] = path.resolve(value);
  }
  return env;
}

/** A line of git's output, or undefined when git fails (nothing set, not in a work tree). */
function gitLine(args: readonly string[], cwd?: string): string | undefined {
  try {
    return execFileSync("git", args, { cwd, env: gitEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).replace(/\n$/, "");
  } catch {
    return undefined;
  }
}

export async function hooksCommand(action: string, opts: { force?: boolean }): Promise<number> {
  if (action !== "install") throw new UsageError(`unknown hooks action "${action}"; use: kb hooks install`);
  if (gitLine(["rev-parse", "--git-dir"]) === undefined) throw new UsageError("not inside a git repository");
  const top = gitLine(["rev-parse", "--show-toplevel"]);
  // Asked as git runs hooks: from the top of the work tree (a relative core.hooksPath read from another
  // folder was refused, pass AM), and for the hook file itself (an empty core.hooksPath gave the
  // folder ./, and kb installed where git never looked, pass AM).
  const at = top ?? process.cwd();
  const written = gitLine(["rev-parse", "--git-path", "hooks/pre-commit"], at);
  if (written === undefined) throw new UsageError("not inside a git repository");
  // The folder resolved, not the file: a hook file that is a link is refused below, naming it.
  const hooksDir = physicalPath(path.dirname(written), at);
  // The hook runs kb from the top of the work tree: kb in a folder below it was never run, and once
  // the hook left repositories without kb alone, broken entries went through (pass AL).
  if ((top === undefined || !existsSync(path.join(top, "bin/kb.mjs"))) && !opts.force) {
    throw new UsageError(`the hook runs kb from the top of the repository's work tree, and ${terminalSafeLine(top === undefined ? "this repository has none" : `${top}/bin/kb.mjs does not exist`)}: install it from a repository whose top folder is kb's, or use --force to install it anyway`);
  }
  // A hooks folder other repositories use (core.hooksPath in the user's global or system config, or
  // one outside this repository) runs kb's hook in front of all of them: installing there blocked
  // every commit elsewhere (pass AK); a global setting that points into this repository does too (pass AL).
  const scope = gitLine(["config", "--show-scope", "--get", "core.hooksPath"], at)?.split("\t")[0];
  const common = gitLine(["rev-parse", "--git-common-dir"], at);
  const homes = [common, top].filter((h): h is string => h !== undefined).map((h) => physicalPath(h, at));
  const shared = scope !== undefined && scope !== "local" && scope !== "worktree" ? `core.hooksPath is set in the ${scope} configuration` : homes.some((home) => !leavesBase(path.relative(home, hooksDir))) ? undefined : "it is outside this repository";
  if (shared && !opts.force) {
    throw new UsageError(`git's hooks folder is ${terminalSafeLine(hooksDir)} and ${shared}: a hook there runs in every repository that uses it. Give this repository its own (${terminalSafeLine(`git config core.hooksPath '${physicalPath(common ?? ".git", at)}/hooks'`)}: a relative one is read from each linked worktree's own folder, pass AM) and run kb hooks install again, or use --force to install there anyway`);
  }
  // Every hook is checked before any is written: a refusal leaves none half installed.
  const files = HOOKS.map((name) => path.join(hooksDir, name));
  for (const file of files) {
    // Read bounded and without blocking: a FIFO or a link to /dev/zero there hung kb, a folder made it crash.
    const existing = readBoundedFile(file, 1024 * 1024, true);
    if (!existing.ok && existing.reason === "not-a-file") throw new UsageError(`${terminalSafeLine(file)} is ${existing.detail}, not a hook file; remove it and run kb hooks install again`);
    if (!existing.ok && existing.reason === "unreadable") throw new UsageError(`cannot read ${terminalSafeLine(file)} (${existing.detail})`);
    const present = existing.ok || existing.reason === "too-large";
    const ours = existing.ok && new TextDecoder().decode(existing.bytes).includes(MARKER);
    if (present && !ours && !opts.force) {
      throw new UsageError(`${terminalSafeLine(file)} exists and was not installed by error-kb; use --force to replace it`);
    }
  }
  for (const file of files) await writeFileAtomic(file, PRE_COMMIT, { mode: 0o755 });
  process.stdout.write(`installed ${files.map((f) => terminalSafeLine(f)).join(" and ")}: the entries of each commit are fixed and linted before it is made\n`);
  return 0;
}
