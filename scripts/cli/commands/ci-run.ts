// What the `kb ci …` commands do (declared in ci.ts, loaded only when one runs): plan from the GitHub
// event, build and decide what to do with generated/, summarise the change. Outputs go to
// $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY, or stdout.
import { constants } from "node:buffer";
import { realpathSync } from "node:fs";
import path from "node:path";
import { leavesBase } from "../../source/entry-path.ts";
import { planFromEvent, planOutputs, formatStepOutputs, type CiPlan } from "../../ci/event.ts";
import { changedFiles, commitState, fileAtCommit, GitError, headCommit, mergeBase, topLevel } from "../../ci/git.ts";
import { findHandEdits, type FileChange, type Layout } from "../../ci/hand-edits.ts";
import { diffIndexes, parseIndexEntries, type IndexedRecord } from "../../ci/index-diff.ts";
import { decideRegeneration } from "../../ci/regeneration.ts";
import { changeSummary, regenerationSummary } from "../../ci/summary.ts";
import { formatGithubAnnotations } from "../../report/github.ts";
import { terminalSafe, terminalSafeLine } from "../../report/terminal-text.ts";
import { readBoundedFile } from "../../source/read-file.ts";
import { shapeProblem } from "../../model/json-shape.ts";
import { MAX_OBJECT_KEYS } from "../../lookup/load-index.ts";
import { appendToRegularFile } from "../../write/append.ts";
import { toMarkdown } from "../../markdown/to-markdown.ts";
import { resolveSettings, type CommonFlags } from "../settings.ts";
import { UsageError } from "../usage-error.ts";
import type { RunSettings } from "../../model/run-settings.ts";
import { runBuild } from "../../runner/build-run.ts";

/** Largest event payload read: GitHub's are a few KB to a few MB. */
const MAX_EVENT_BYTES = 64 * 1024 * 1024;
/** A pull request's payload holds a few thousand JSON values. */
const MAX_EVENT_VALUES = 1_000_000;
/** GitHub's payloads nest a dozen levels or so. */
const MAX_EVENT_DEPTH = 100;


interface EventFlags {
  eventName?: string;
  eventPath?: string;
}

interface BaseFlags extends EventFlags {
  base?: string;
}

/** git failing to answer (no repository, unknown commit) is a problem with how kb was called. */
async function guarded(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof GitError) throw new UsageError(e.message);
    throw e;
  }
}

function readPlan(flags: EventFlags): CiPlan {
  const name = flags.eventName ?? process.env.GITHUB_EVENT_NAME;
  const file = flags.eventPath ?? process.env.GITHUB_EVENT_PATH;
  if (!name || !file) throw new UsageError("no GitHub event: pass --event-name and --event-path (Actions sets GITHUB_EVENT_NAME and GITHUB_EVENT_PATH)");
  // Bounded and non-blocking: a FIFO or /dev/zero there hung kb or took 17 GB.
  const read = readBoundedFile(file, MAX_EVENT_BYTES, true);
  if (!read.ok) throw new UsageError(`cannot read the event payload ${terminalSafeLine(file)}: ${read.reason === "too-large" ? `it is ${read.detail}, more than ${MAX_EVENT_BYTES} bytes` : read.reason === "missing" ? "no such file" : `it is ${read.detail}`}`);
  const text = new TextDecoder().decode(read.bytes);
  // GitHub's payloads hold a few thousand values; 64 MB of empty objects took 31 s and 2.2 GB to parse (pass N).
  const tooBig = shapeProblem(text, { values: MAX_EVENT_VALUES, keys: MAX_OBJECT_KEYS, depth: MAX_EVENT_DEPTH });
  if (tooBig) throw new UsageError(`cannot read the event payload ${terminalSafeLine(file)}: it holds ${tooBig}, more than any GitHub event`);
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`cannot read the event payload ${terminalSafeLine(file)}: ${terminalSafeLine((e as Error).message)}`);
  }
  return planFromEvent(name, payload);
}

/** Step outputs go to the file Actions names in $GITHUB_OUTPUT; elsewhere to stdout. */
function writeStepOutputs(outputs: Record<string, string>): void {
  const text = formatStepOutputs(outputs);
  if (process.env.GITHUB_OUTPUT) appendToRegularFile(process.env.GITHUB_OUTPUT, text, "the step outputs ($GITHUB_OUTPUT)");
  else process.stdout.write(terminalSafe(text));
}

/** Job summary Markdown goes to $GITHUB_STEP_SUMMARY; elsewhere to stdout. */
function writeSummary(markdown: string): void {
  if (process.env.GITHUB_STEP_SUMMARY) appendToRegularFile(process.env.GITHUB_STEP_SUMMARY, markdown, "the job summary ($GITHUB_STEP_SUMMARY)");
  else process.stdout.write(terminalSafe(markdown));
}

/** Entries and output folders relative to the top of the git working tree, as git names paths. */
async function repoLayout(settings: RunSettings, cwd: string): Promise<Layout> {
  const top = realpathSync(await topLevel(cwd));
  const rel = (abs: string) => {
    const r = path.relative(top, path.resolve(realpathSync(cwd), path.relative(cwd, abs))).split(path.sep).join("/");
    if (r === "" || leavesBase(r)) throw new UsageError(`${abs} is not inside the git working tree ${top}`);
    return r;
  };
  return { entriesDir: rel(settings.entriesDir), outDir: rel(settings.outDir) };
}

async function ciPlanCommand(flags: EventFlags): Promise<number> {
  const plan = readPlan(flags);
  // The reason holds branch names and event fields: shown with controls escaped, on one line.
  process.stderr.write(`kb ci plan: ${terminalSafeLine(plan.mode)}; ${plan.canPush ? "may push" : "may not push"}: ${terminalSafeLine(plan.reason)}\n`);
  writeStepOutputs(planOutputs(plan));
  return 0;
}

async function ciRegenerateCommand(flags: CommonFlags & BaseFlags): Promise<number> {
  const cwd = process.cwd();
  const plan = readPlan(flags);
  const { settings } = resolveSettings(flags, cwd);
  const layout = await repoLayout(settings, cwd);
  const head = await headCommit(cwd);
  const build = await runBuild(settings, { write: true });
  const notBuilt = { built: "false", stale: "false", commit: "false", hand_edited: "false" };
  if (!build.drift) {
    writeStepOutputs({ ...planOutputs(plan), ...notBuilt });
    process.stdout.write(formatGithubAnnotations(build.lint.diagnostics));
    return 1;
  }
  const base = givenBase(flags) ?? plan.baseSha;
  const changes: FileChange[] = base && head ? await changedFiles(await mergeBaseOf(base, head, cwd), head, cwd) : [];
  const handEdits = findHandEdits(build.drift, changes, layout);
  const decision = decideRegeneration({ plan, drift: build.drift, handEdits, checkedOutSha: head, outDisplay: layout.outDir });
  writeStepOutputs({ ...planOutputs(plan), built: "true", ...decision.outputs });
  process.stdout.write(formatGithubAnnotations(decision.diagnostics));
  for (const notice of decision.notices) process.stdout.write(`::notice title=kb ci regenerate::${terminalSafe(notice).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}\n`);
  writeSummary(toMarkdown(regenerationSummary(decision.outcome, layout.outDir)));
  return decision.exitCode;
}

async function ciSummaryCommand(flags: CommonFlags & BaseFlags): Promise<number> {
  const cwd = process.cwd();
  const hasEvent = Boolean((flags.eventName ?? process.env.GITHUB_EVENT_NAME) && (flags.eventPath ?? process.env.GITHUB_EVENT_PATH));
  if (flags.base === undefined && !hasEvent) throw new UsageError("give --base <commit> to compare with (inside GitHub Actions the event's base is used)");
  const plan = flags.base === undefined ? readPlan(flags) : undefined;
  // A payload kb ci plan refuses (a base that is not a commit id, say) has no base to compare with:
  // counting every entry as added would misreport the change (pass S).
  if (plan?.mode === "unsupported") throw new UsageError(`cannot summarise this run: ${terminalSafeLine(plan.reason)}; give --base <commit> to compare with`);
  const base = givenBase(flags) ?? plan?.baseSha ?? null;
  const { settings } = resolveSettings(flags, cwd);
  const indexPath = `${(await repoLayout(settings, cwd)).outDir}/index.json`;
  // kb build writes it as a regular file: a link (to /dev/zero: 17 GB), a FIFO or a device is not its.
  const read = readBoundedFile(path.join(settings.outDir, "index.json"), settings.limits.maxIndexBytes);
  if (!read.ok) throw new UsageError(read.reason === "missing" ? `${indexPath} does not exist: run kb build first` : `${indexPath} ${read.reason === "too-large" ? `is ${read.detail}, more than maxIndexBytes` : `is ${read.detail}, not the file kb build writes`}: run kb build`);
  // Past it the file cannot become one text (V8 threw, exit 3; pass O).
  if (read.bytes.length > constants.MAX_STRING_LENGTH) throw new UsageError(`${indexPath} is ${read.bytes.length} bytes, more than the longest text Node.js can hold: run kb build`);
  const headText = new TextDecoder().decode(read.bytes);
  const headIndex = parseIndexEntries(headText);
  if ("problem" in headIndex) throw new UsageError(`${indexPath} ${headIndex.problem}`);
  const head = await headCommit(cwd);
  const before = base && head ? await baseIndexEntries(await mergeBaseOf(base, head, cwd), indexPath, cwd, settings.limits.maxIndexBytes) : { entries: [], note: "There is no base commit to compare with, so every entry counts as added." };
  writeSummary(toMarkdown(changeSummary(diffIndexes(before.entries, headIndex.entries), before.note)));
  return 0;
}

/** --base as given; an empty one (`--base "$UNSET"`) is refused, not read as "no base" (pass T). */
function givenBase(flags: BaseFlags): string | undefined {
  if (flags.base === "") throw new UsageError("--base is empty: give the commit to compare with");
  return flags.base;
}

/**
 * The merge base of the base commit and the head. A base the clone does not hold (a force-push's old
 * tip, a shallow checkout) is named as such: git's "Not a valid commit name" said nothing of why (pass T).
 */
async function mergeBaseOf(base: string, head: string, cwd: string): Promise<string> {
  const state = await commitState(base, cwd);
  if (state === "not-a-commit") throw new UsageError(`the base ${terminalSafeLine(base)} is not a commit: give --base <commit>`);
  if (state === "missing") {
    throw new UsageError(
      `the base ${terminalSafeLine(base)} names no commit this clone holds (a typo, or a commit left out by a force-push or a shallow checkout), so what changed since it cannot be worked out: check it, fetch it (actions/checkout with fetch-depth: 0), or give --base <commit>`,
    );
  }
  const common = await mergeBase(base, head, cwd);
  // git said only "exit code 1" (pass W).
  if (common === undefined) throw new UsageError(`the base commit ${terminalSafeLine(base)} shares no history with the checked-out commit: give --base <commit> from this branch's history`);
  return common;
}

/** The index as the merge base has it; an unreadable one counts as empty, with a note saying so. */
async function baseIndexEntries(commit: string, indexPath: string, cwd: string, maxBytes: number): Promise<{ entries: IndexedRecord[]; note?: string }> {
  const text = await fileAtCommit(commit, indexPath, cwd, maxBytes);
  const parsed = text === undefined ? undefined : parseIndexEntries(text);
  if (parsed && "entries" in parsed) return { entries: parsed.entries };
  const why = parsed && "problem" in parsed ? ` (it ${parsed.problem})` : "";
  return { entries: [], note: `The base commit ${commit.slice(0, 12)} has no readable ${indexPath}${why}, so every entry counts as added.` };
}

export const ciPlan = (flags: EventFlags) => guarded(() => ciPlanCommand(flags));
export const ciRegenerate = (flags: CommonFlags & BaseFlags) => guarded(() => ciRegenerateCommand(flags));
export const ciSummary = (flags: CommonFlags & BaseFlags) => guarded(() => ciSummaryCommand(flags));
