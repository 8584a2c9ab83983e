// `kb lookup "<text>" | -`: the known errors in a message or a log, best first, each with what to
// do (the best fix, its command and risk), what not to do, and the path of its view; near misses when
// nothing matched. Exit 0 when something matched, 1 when nothing did, 2 for bad input.
import path from "node:path";
import { createColors } from "picocolors";
import type { MatchIndexEntry } from "../../model/index-format.ts";
import { createMatcher, type LookupReport } from "../../match/matcher.ts";
import { hasTooManyLines, MAX_LINES } from "../../match/normalise-input.ts";
import { IndexFileError, loadMatchIndex } from "../../lookup/load-index.ts";
import { percent } from "../../outputs/links.ts";
import { jsonText, terminalSafeLine } from "../../report/terminal-text.ts";
import { code, heading, list, paragraph, strong, text } from "../../markdown/build.ts";
import { toMarkdown } from "../../markdown/to-markdown.ts";
import { displayPath } from "../../source/entry-path.ts";
import { useColor } from "../color.ts";
import { resolveSettings, type CommonFlags } from "../settings.ts";
import { UsageError } from "../usage-error.ts";
import { flagNumber } from "../flag-number.ts";

export interface LookupFlags extends CommonFlags {
  format?: string;
  limit?: string;
  index?: string;
  color?: boolean;
}

export async function lookupCommand(textArg: string, flags: LookupFlags): Promise<number> {
  const { settings } = resolveSettings(flags);
  const format = flags.format ?? "stylish";
  if (!["stylish", "json", "markdown"].includes(format)) throw new UsageError(`--format must be stylish, json or markdown for lookup, not "${format}"`);
  const limit = flags.limit === undefined ? 5 : flagNumber(flags.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError("--limit must be a whole number from 1 to 1000");
  const input = textArg === "-" ? await readStdin(settings.limits.maxLookupBytes) : textArg;
  // Standard input was capped by its bytes as read (decoded, an invalid byte takes three).
  if (textArg !== "-" && Buffer.byteLength(input) > settings.limits.maxLookupBytes) throw new UsageError(`the text is larger than ${settings.limits.maxLookupBytes} bytes (limits.maxLookupBytes); look up the relevant part of the log`);
  if (hasTooManyLines(input)) throw new UsageError(`the text has more than ${MAX_LINES.toLocaleString("en-US")} lines, more than one lookup holds in bounded memory; look up the relevant part of the log`);
  const indexFile = path.resolve(settings.cwd, flags.index ?? path.join(settings.outDir, "match.json"));
  let index;
  try {
    index = loadMatchIndex(indexFile, settings.limits.maxIndexBytes);
  } catch (e) {
    if (e instanceof IndexFileError) throw new UsageError(`${e.message}${flags.index ? "" : "; run npx kb build first"}`);
    throw e;
  }
  // Every index runs guarded, the repository's own too: its regexes came from pull requests, and a
  // shape the ReDoS analysis misses must cost one regexTimeoutMs, not a hung terminal.
  const matcher = createMatcher(index.entries as readonly MatchIndexEntry[], { timeoutMs: settings.limits.regexTimeoutMs, totalBudgetMs: settings.limits.totalBudgetMs, threads: settings.threads, maxRegexLength: settings.limits.maxRegexLength });
  for (const s of matcher.skipped.slice(0, 10)) process.stderr.write(`kb lookup: skipped index entry ${s.position}${s.id ? ` (${terminalSafeLine(s.id)})` : ""}: ${terminalSafeLine(s.reason)}\n`);
  if (matcher.skipped.length > 10) process.stderr.write(`kb lookup: skipped ${matcher.skipped.length - 10} more index entries\n`);
  const result = await matcher.lookup(input, { limit });
  const viewsAt = displayPath(path.dirname(indexFile), settings.cwd);
  if (format === "json") process.stdout.write(jsonText(jsonReport(result, viewsAt)) + "\n");
  else if (format === "markdown") process.stdout.write(markdownReport(result, viewsAt));
  else process.stdout.write(stylishReport(result, viewsAt, useColor(process.stdout, flags.color)));
  return result.results.length > 0 ? 0 : 1;
}

function jsonReport(r: LookupReport<MatchIndexEntry>, viewsAt: string) {
  return {
    results: r.results.map((h) => ({
      id: h.id,
      signature: h.signature,
      line: h.line,
      coverage: h.coverage,
      why: h.why,
      matched: h.matched,
      fix: h.entry.fix ?? null,
      dead_end: h.entry.dead_end ?? null,
      confused_with: h.entry.confused_with ?? [],
      view: h.entry.view ? `${viewsAt}/${h.entry.view}` : null,
    })),
    timed_out: r.timedOut,
    near_misses: r.nearMisses.map((n) => ({ id: n.id, score: n.score, why: n.why, not_a_match: true })),
  };
}

function stylishReport(r: LookupReport<MatchIndexEntry>, viewsAt: string, color: boolean): string {
  const c = createColors(color);
  const s = terminalSafeLine;
  const lines: string[] = [];
  if (r.results.length === 0) {
    lines.push("no known error matched");
    if (r.nearMisses.length > 0) {
      lines.push(c.dim("closest entries (not matches):"));
      for (const n of r.nearMisses) lines.push(c.dim(`  ${s(n.id)}: ${s(n.why)}`));
    }
  }
  r.results.forEach((h, i) => {
    const fix = h.entry.fix;
    lines.push(`${i + 1}. ${c.bold(s(h.id))}  ${c.dim(`line ${h.line}, fix rate ${percent(h.entry.fix_success_rate)}`)}`);
    lines.push(`   ${s(h.signature)}`);
    if (fix) {
      const basis = fix.rate_basis === "estimate" ? "≈" : "";
      lines.push(`   ${c.green("do:")} ${s(fix.action)} ${c.dim(`(${basis}${percent(fix.success_rate)} success${fix.rate_basis ? `, ${s(fix.rate_basis)}` : ""})`)}`);
      if (fix.command) lines.push(`       ${c.cyan(`$ ${s(fix.command)}`)}`);
      if (fix.risk) lines.push(`       ${c.yellow(`⚠ ${s(fix.risk.level)} risk: ${s(fix.risk.why)}`)}`);
    }
    if (h.entry.dead_end) lines.push(`   ${c.red("don't:")} ${s(h.entry.dead_end.action)} ${c.dim(`(${s(h.entry.dead_end.why_fails)})`)}`);
    if (h.entry.view) lines.push(c.dim(`   more: ${s(viewsAt)}/${s(h.entry.view)}`));
    lines.push(c.dim(`   ${s(h.why)}`));
  });
  for (const id of r.timedOut) lines.push(c.yellow(`warning: the regex of ${s(id)} ran past its time limit and was skipped on some lines`));
  return lines.join("\n") + "\n";
}

function markdownReport(r: LookupReport<MatchIndexEntry>, viewsAt: string): string {
  const children = [heading(2, text("Known errors found by error-kb"))] as Parameters<typeof toMarkdown>[0]["children"];
  if (r.results.length === 0) children.push(paragraph(text("No known error matched.")));
  for (const h of r.results) {
    const fix = h.entry.fix;
    children.push(heading(3, code(h.id)), paragraph(text("Seen: "), code(h.matched)));
    const items = [];
    if (fix) items.push([strong(text("Do:")), text(` ${fix.action} (${fix.rate_basis === "estimate" ? "≈" : ""}${percent(fix.success_rate)} success)`), ...(fix.command ? [text(" "), code(fix.command)] : []), ...(fix.risk ? [text(` ⚠ ${fix.risk.level} risk: ${fix.risk.why}`)] : [])]);
    if (h.entry.dead_end) items.push([strong(text("Don't:")), text(` ${h.entry.dead_end.action}: ${h.entry.dead_end.why_fails}`)]);
    if (h.entry.view) items.push([text("More: "), code(`${viewsAt}/${h.entry.view}`)]);
    if (items.length > 0) children.push(list(items));
  }
  // Pasted into an issue: mentions and references in entry text must not notify or cross-link.
  return toMarkdown({ type: "root", children }, { conversation: true });
}

async function readStdin(maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new UsageError(`standard input is larger than ${maxBytes} bytes (limits.maxLookupBytes); look up the relevant part of the log`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

