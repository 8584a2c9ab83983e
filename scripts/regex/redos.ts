// Static ReDoS analysis of one pattern, without running it: super-linear backtracking found by scslre
// (exponential or polynomial, on the widened tree of regex/redos-tree.ts), ambiguity under a repeat
// found exactly with refa's automata (regex/ambiguity.ts), and an unbounded repeat the search can
// enter at every position of a run ([0-9]+/… or [a-z]*Error on a long line of digits or letters, or
// at each turn of a repeat a match begins with, regex/leading-repeats.ts): each start runs it to the
// run's end, quadratic in the line (a 64 KiB line takes seconds); and a lookaround each turn of a
// repeat runs over the turns again (regex/lookaround-scans.ts). A pattern
// the analysis gives up on is a finding too: the built index runs lint-clean regexes in-thread, so
// "not shown to be linear" cannot pass.
import { RegExpParser, type AST } from "@eslint-community/regexpp";
import { analyse, type Report } from "scslre";
import { findAmbiguousAlternations, type BoundedAmbiguity } from "./ambiguity.ts";
import { JS_FLAGS } from "./pattern.ts";
import { findLeadingRepeats } from "./leading-repeats.ts";
import { findRescanningLookarounds } from "./lookaround-scans.ts";
import { canFailAfter } from "./tail.ts";
import { findRepeatsInSequence } from "./sequence-repeats.ts";
import { readBackreferencesAsCopies } from "./backreference-copies.ts";
import { LARGE_REPEAT, MOVE_BOUND, readLookaheadsAsGroups, widenLargeRepeats, widenRepeatsOver, writtenMax } from "./redos-tree.ts";

/** Most readings per start counted repeats that read turns two ways may multiply to (2^8 took 0.5 s on 100 KB). */
const MANY_COUNTED_READINGS = 100;

export interface BacktrackingFinding {
  /** Index in the pattern of the quantifier to blame. */
  readonly index: number;
  readonly exponential: boolean;
  readonly message: string;
  readonly hint: string;
}

const parser = new RegExpParser({ ecmaVersion: 2024 });
const flags = parser.parseFlags(JS_FLAGS);

/** Every finding, ordered by position; an empty list for patterns that do not parse. */
export function findBacktracking(source: string): BacktrackingFinding[] {
  let ast: AST.Pattern;
  let moves: Report[] = [];
  let leading: AST.Quantifier[] = [];
  /** An analysis that gave up: nothing shows the pattern is safe, and the built index runs it in-thread. */
  let undecided = false;
  try {
    // A private tree: large bounded repeats are widened in it, and nothing else sees it.
    ast = parser.parsePattern(source, 0, source.length, { unicode: true });
  } catch {
    return [];
  }
  try {
    // Moves: a bounded repeat entered at every start costs its bound per position, linear in the line
    // while the bound is small; one over MOVE_BOUND ([0-9]{1,60000}: 16 s on a 64 KiB line) is read
    // as unbounded. A lookahead scans as far as its content would consume ((?=([a-z]+))\1 runs
    // [a-z]+ to the end of the run from every start), so in this tree lookaheads are read as groups.
    // A backreference reads as much as its group: as a copy here, ([^;]{250})\1{250}; passed, reading
    // 62,500 characters from each start (7.3 s on 100 KB, pass AI).
    const scanned = parser.parsePattern(source, 0, source.length, { unicode: true });
    readBackreferencesAsCopies(scanned);
    readLookaheadsAsGroups(scanned);
    widenRepeatsOver(scanned, MOVE_BOUND, MOVE_BOUND);
    moves = analyse({ pattern: scanned, flags }, { reportTypes: { Move: true, Self: false, Trade: false }, maxReports: 5 }).reports;
    // Where a match may start, a lookaround stays a test: a negative lookahead read as a group with an
    // empty alternative made the tail after a repeat look unable to fail (\b\d+(?:\.\d+)+(?![.\d])
    // passed, 13.4 s on 100 KB), and a positive one lengthened the part before a repeat (pass AF).
    const starts = parser.parsePattern(source, 0, source.length, { unicode: true });
    widenRepeatsOver(starts, MOVE_BOUND, MOVE_BOUND);
    leading = findLeadingRepeats(starts, flags);
  } catch {
    undecided = true;
  }
  const sideBySide = widenLargeRepeats(ast);
  /** Runs of repeats side by side already reported: one finding per run, not one per pair in it. */
  const reportedRuns = new Set<[number, number]>();
  const findings: BacktrackingFinding[] = [];
  const blamed = new Set<number>();
  const spans: [number, number][] = [];
  let reports: Report[] = [];
  try {
    reports = analyse({ pattern: ast, flags }, { reportTypes: { Move: false }, maxReports: 5 }).reports;
  } catch {
    undecided = true;
  }
  const seen = new Set<string>();
  for (const r of reports) {
    const [a, b] = r.type === "Trade" ? [r.startQuant, r.endQuant] : r.type === "Self" ? [r.quant, r.parentQuant] : [r.quant, r.quant];
    const key = `${a.start}:${b.start}:${r.exponential}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const run = r.type === "Trade" ? sideBySide.find(([start, end]) => a.start >= start && b.end <= end) : undefined;
    if (run && reportedRuns.has(run)) continue;
    if (run) {
      reportedRuns.add(run);
      spans.push(run);
    }
    blamed.add(a.start).add(b.start);
    spans.push([a.start, a.end], [b.start, b.end]);
    const where = r.type === "Self" ? `${a.raw} nested inside ${b.raw}` : r.type === "Trade" ? `${a.raw} and ${b.raw}` : a.raw;
    // Two repeats written alike are told apart by their columns (.*?:.*?:.*?; gave one line twice, pass AK).
    const columns = r.type === "Trade" ? `columns ${a.start + 1} and ${b.start + 1}` : `column ${a.start + 1}`;
    findings.push({
      index: a.start,
      exponential: r.exponential,
      message: `${r.exponential ? "exponential" : "polynomial"} backtracking: ${where} can match the same text (a run of ${JSON.stringify(r.character.pick)}) in many ways (${columns} of the pattern)`,
      hint: fixHint(r, source),
    });
  }
  const sequences = findRepeatsInSequence(ast, flags);
  if (sequences.undecided) undecided = true;
  for (const r of sequences.found) {
    // A repeat inside one already reported (a run side by side, say) needs no second finding.
    if (blamed.has(r.first.start) || spans.some(([s, e]) => s <= r.first.start && r.first.end <= e)) continue;
    blamed.add(r.first.start);
    spans.push([r.first.start, r.first.end]);
    // Through a repeated group the chain is as long as the line allows: every way to share it among the turns.
    const manyTurns = r.turns !== undefined && writtenMax(r.turns) > LARGE_REPEAT;
    findings.push({
      index: r.first.start,
      exponential: manyTurns,
      message: r.separator === ""
        ? `polynomial backtracking: for each length of ${r.first.raw} the search tries, ${r.second.raw} compares that many characters again before what follows fails (quadratic from each start) (column ${r.first.start + 1} of the pattern)`
        : r.turns
        ? `${manyTurns ? "exponential" : "polynomial"} backtracking: ${r.first.raw} can run past every "${r.separator}" after it into the next turn of ${r.turns.raw}, so the search tries every way to share the line among the turns before what follows fails (column ${r.first.start + 1} of the pattern)`
        : `polynomial backtracking: ${r.first.raw} can run past every "${r.separator}" after it, and for each the search tries every length of ${r.second.raw} before what follows fails (cubic on a line that repeats it) (column ${r.first.start + 1} of the pattern)`,
      hint: `keep the first repeat from crossing the separator, e.g. [^${r.separator === "" || /^[\\([]/.test(r.separator) ? "…" : r.separator[0]}]* instead of .*, or bound one of them to ${LARGE_REPEAT} characters or fewer`,
    });
  }
  // The automata read a backreference as matching nothing; in the tree the ambiguity check reads, each
  // is a copy of its group ((?:(\w)\1?)+ is (?:(\w)(?:\w)?)+, pass S).
  const copied = parser.parsePattern(source, 0, source.length, { unicode: true });
  if (!readBackreferencesAsCopies(copied)) undecided = true;
  widenLargeRepeats(copied);
  const ambiguous = findAmbiguousAlternations(copied, flags);
  if (ambiguous.undecided) undecided = true;
  for (const a of ambiguous.found) {
    // A repeat whose chain finding (above) already names the problem needs no second finding.
    if (blamed.has(a.quantifier.start) || spans.some(([s, e]) => s >= a.quantifier.start && e <= a.quantifier.end)) continue;
    // Read once and the match succeeds: nothing after it makes the search try another reading. Unless
    // it needs turns the line may not have: (?:[0-9a-f]|[0-9A-F]){40} tried every reading of a shorter
    // run before failing (26 s on 87 bytes, pass W).
    if (a.quantifier.min <= 1 && !canFailAfter(a.quantifier)) continue;
    blamed.add(a.quantifier.start);
    spans.push([a.quantifier.start, a.quantifier.end]);
    findings.push({
      index: a.quantifier.start,
      exponential: true,
      message: a.at
        ? `exponential backtracking: in ${a.quantifier.raw} the text can be divided between ${a.first.raw.slice(0, a.at.start - a.first.start)} and ${a.first.raw.slice(a.at.start - a.first.start)} in two ways, so a repeated run is read in exponentially many ways (column ${a.quantifier.start + 1} of the pattern)`
        : a.split
          ? `exponential backtracking: in ${a.quantifier.raw} two different sequences of repetitions can match the same text (as a·a and aa do), so a repeated run is split between repetitions in exponentially many ways (column ${a.quantifier.start + 1} of the pattern)`
          : `exponential backtracking: in ${a.quantifier.raw} the alternatives ${a.first.raw} and ${a.second.raw} can match the same text, so a repeated run is split in exponentially many ways (column ${a.quantifier.start + 1} of the pattern)`,
      hint: a.at
        ? "make the parts unable to trade characters at their border, e.g. (?:ab|a)c → (?:abc|ac)"
        : a.split
          ? "repeat a single unambiguous piece, e.g. a+ instead of (?:a|aa)+, or [0-9a-f]+ instead of (?:[0-9a-f]{2}|[0-9a-f]{3})+"
          : "make the alternatives mutually exclusive, or merge them into one",
    });
  }
  // Small counted repeats that each read a turn two ways multiply a start's readings by 2^max: two
  // (?:a|a){8} side by side try 65,536 per start, 132 s on 100 KB, under every other limit (pass X).
  // Counted per branch of the pattern, through groups, alternations, lookaheads and the counts around
  // them: wrapping one of two (?:a|a){6} in a group hid their product (4,096 per start, 7.5 s on
  // 100 KB, pass Y).
  const byBranch = new Map<AST.Node, BoundedAmbiguity[]>();
  for (const b of ambiguous.bounded) {
    const branch = topBranch(b.node);
    byBranch.set(branch, [...(byBranch.get(branch) ?? []), b]);
  }
  for (const group of byBranch.values()) {
    const readings = group.reduce((n, b) => Math.min(n * b.ways ** Math.min(b.turns, 60), 2 ** 60), 1);
    const first = group[0]!.from ?? group[0]!.node;
    const last = group.at(-1)!.node;
    if (readings <= MANY_COUNTED_READINGS || blamed.has(first.start) || spans.some(([s, e]) => s <= first.start && first.end <= e)) continue;
    if (!group.some((b) => (b.node.type === "Quantifier" && b.node.min > 1) || canFailAfter(b.node))) continue;
    blamed.add(first.start);
    spans.push([first.start, last.end]);
    const named = group.slice(0, 3).map((b) => source.slice((b.from ?? b.node).start, b.node.end));
    const parts = group.length > 3 ? `${named.join(", ")} and ${group.length - 3} more` : named.join(" and ");
    findings.push({
      index: first.start,
      exponential: true,
      message: `exponential backtracking: a turn of ${parts} can read the same text in ${group.every((b) => b.ways === 2) ? "two" : "several"} ways, so each start tries up to ${readings.toLocaleString("en-US")} readings before what follows fails (column ${first.start + 1} of the pattern)`,
      hint: "make the alternatives of each turn mutually exclusive, e.g. [0-9a-f] instead of [0-9a-f]|[0-9A-F] under the i flag",
    });
  }
  for (const r of moves) {
    // A quantifier already blamed, or one around or inside it, needs no second finding.
    if (r.type !== "Move" || spans.some(([a, b]) => r.quant.start < b && a < r.quant.end)) continue;
    spans.push([r.quant.start, r.quant.end]);
    findings.push({
      index: r.quant.start,
      exponential: false,
      message: `polynomial backtracking: the search can enter ${r.quant.raw} at every position of a run of ${JSON.stringify(r.character.pick)}, and each start runs it to the end of the run (column ${r.quant.start + 1} of the pattern)`,
      hint: `let it start only where a run starts: put a literal before it, or a lookbehind that excludes its characters, e.g. (?<![0-9])[0-9]+`,
    });
  }
  for (const q of leading) {
    if (spans.some(([a, b]) => q.start < b && a < q.end)) continue;
    spans.push([q.start, q.end]);
    findings.push({
      index: q.start,
      exponential: false,
      message: `polynomial backtracking: a match can begin with ${q.raw}, so on a run of its turns the search enters it at each turn and runs it to the end of the run (column ${q.start + 1} of the pattern)`,
      hint: "let a match start only where a run starts: put a literal before it, or a lookbehind that excludes what a turn ends with",
    });
  }
  const looks = findRescanningLookarounds(parser.parsePattern(source, 0, source.length, { unicode: true }), flags);
  if (looks.undecided) undecided = true;
  for (const { lookaround, repeat } of looks.found) {
    if (spans.some(([a, b]) => lookaround.start < b && a < lookaround.end)) continue;
    spans.push([lookaround.start, lookaround.end]);
    const ahead = lookaround.kind === "lookahead";
    findings.push({
      index: lookaround.start,
      exponential: false,
      message: `polynomial backtracking: each turn of ${repeat.raw} runs ${lookaround.raw}, which reads ${ahead ? "on" : "back"} over the turns ${ahead ? "after" : "before"} it, so a run of turns is read again at every turn (column ${lookaround.start + 1} of the pattern)`,
      hint: `test it once, ${ahead ? "before" : "after"} the repeat, instead of in every turn, or bound what it reads (e.g. {0,100} instead of *)`,
    });
  }
  if (undecided && findings.length === 0) {
    findings.push({
      index: 0,
      exponential: false,
      message: "too complex to analyse for backtracking (the analysis gave up), so nothing shows that a lookup runs it in time linear in the line",
      hint: "simplify it: fewer or shorter alternatives under a repeat, smaller bounded repeats, or split it into a shorter regex",
    });
  }
  return findings.sort((x, y) => x.index - y.index);
}

/** Set while a suggested rewrite is being checked, so that the check does not check its own suggestions. */
let checkingHint = false;

function fixHint(r: Report, pattern: string): string {
  if (r.exponential) return "make the quantified parts unable to match the same characters, e.g. [^:]* instead of .* before a ':'";
  try {
    const fixed = r.fix();
    // Offered only when this check passes it too: scslre's rewrite of ^(?:[a-z](?=[a-z]{0,5}[a-z]*;))+x
    // still reread the turns in its lookahead (pass AM). Checked once, not its own hints in turn.
    if (fixed && fixed.source !== pattern && !/\{[0-9]+,\}/.test(fixed.source) && !checkingHint) {
      checkingHint = true;
      try {
        if (findBacktracking(fixed.source).length === 0) return `an equivalent safe pattern: ${fixed.source}`;
      } finally {
        checkingHint = false;
      }
    }
  } catch {
    // no fix offered
  }
  return "make the quantified parts unable to match the same characters, e.g. [^:]* instead of .* before a ':'";
}

/** The top-level alternative of the pattern the node is in. */
function topBranch(node: AST.Node): AST.Node {
  let n = node;
  while (n.parent && n.parent.type !== "Pattern") n = n.parent;
  return n;
}
