// The private trees the ReDoS analysis reads (regex/redos.ts): the pattern as a backtracking search
// pays for it, not as written. A bounded repeat with a large maximum backtracks like an unbounded one
// on the lengths log lines have, so it is widened; small repeats side by side whose ranges multiply
// past a thousand are too, and so is a small repeat whose turns can be walked in more than a thousand
// ways; and a lookahead, which scans as far as its content would consume, is read as a group for the
// every-position analysis. Each function changes the tree it is given, in place.
import { visitRegExpAST, type AST } from "@eslint-community/regexpp";
import { fixedLength, maximumLength } from "./fixed-length.ts";

/** Repeats allowing more than this many iterations are analysed as unbounded. */
export const LARGE_REPEAT = 10;
/** For the every-position analysis: a bounded repeat costs up to its bound at each start, at most 256 × 64 KiB steps a line below this. */
export const MOVE_BOUND = 256;

/** Removes every ^ from the alternative and the groups in it, in place. */
function dropStartAnchors(alt: AST.Alternative): void {
  (alt as { elements: AST.Element[] }).elements = alt.elements.filter((e) => !(e.type === "Assertion" && e.kind === "start"));
  for (const e of alt.elements) {
    const group = e.type === "Quantifier" ? e.element : e;
    if (group.type === "Group" || group.type === "CapturingGroup") for (const inner of group.alternatives) dropStartAnchors(inner);
  }
}

/** Puts the elements of the alternative, and of the groups and repeated groups in it, in reverse order, in place. */
function reverse(alt: AST.Alternative): void {
  (alt as { elements: AST.Element[] }).elements = [...alt.elements].reverse();
  for (const e of alt.elements) {
    const group = e.type === "Quantifier" ? e.element : e;
    if (group.type === "Group" || group.type === "CapturingGroup") for (const inner of group.alternatives) reverse(inner);
  }
}

/** Each lookahead and positive lookbehind of the tree replaced, in place, by a group of the same alternatives (a lookbehind's in reverse order; raw text and positions kept). */
export function readLookaheadsAsGroups(ast: AST.Pattern): void {
  visitRegExpAST(ast, {
    onAssertionLeave(node) {
      // A lookbehind scans back as far as its content consumes: (?<=.{60000})x took 18 s on a 64 KiB
      // line (pass Q). Not a negative one: read as a group it would demand what it forbids. Where a
      // match may start (leading-repeats.ts), every lookaround stays a test.
      if (!(node.kind === "lookahead" || (node.kind === "lookbehind" && !node.negate)) || node.parent.type !== "Alternative") return;
      const parent = node.parent;
      const group = { type: "Group", parent, start: node.start, end: node.end, raw: node.raw, alternatives: node.alternatives } as unknown as AST.Group;
      for (const alt of node.alternatives) (alt as { parent: unknown }).parent = group;
      // A negative lookahead demands nothing: its content is still scanned, and an empty alternative
      // lets the match pass without it (read as a plain group it was text every match must hold, pass AD).
      if (node.kind === "lookahead" && node.negate) group.alternatives = [...node.alternatives, { type: "Alternative", parent: group, start: node.end, end: node.end, raw: "", elements: [] } as unknown as AST.Alternative];
      // A lookbehind is read backwards from each position, its repeats as far as they go: read forwards,
      // a ^ before a repeat would anchor it to the line's start, and (?<=^\s*)at (\S+) passed (6.5 s on
      // 100 KB, pass AH). A ^ before text of bounded length ((?<=^|\s)) scans little, and stays.
      // Inside groups too: (?<=(?:^|x)\s*) passed (6 s on 100 KB, pass AI).
      if (node.kind === "lookbehind") for (const alt of node.alternatives) if (maximumLength(alt) > MOVE_BOUND) dropStartAnchors(alt);
      // And in the order it is read: (?<=x\s*)at, read forwards, put \s* after an x, but from each
      // position of a run of blanks the search reads back over the run to the x (1.4 s on 100 KB, pass AK).
      if (node.kind === "lookbehind") for (const alt of node.alternatives) reverse(alt);
      parent.elements[parent.elements.indexOf(node)] = group;
    },
  });
}

/**
 * Sets a repeat's bound to unbounded, in place (raw text and positions stay), where it allows more than
 * LARGE_REPEAT iterations in all: its own maximum times those of the repeats around it, so a{1,10}
 * inside (?:…){1,10} may run 100 times. A repeat around such a one is widened too: (?:a{1,10}){1,10}
 * splits a run of a in 10^10 ways, as (?:a+)+ does.
 */
export function widenLargeRepeats(ast: AST.Pattern): [number, number][] {
  const runs = widenAdjacentRepeats(ast, widen);
  widenRepeatsOfManyPaths(ast);
  widenRepeatsOver(ast, LARGE_REPEAT, Infinity);
  return runs;
}

/** Most paths a backtracking search may try through a repeat from one start before it is analysed as unbounded. */
const MANY_PATHS = LARGE_REPEAT ** 3;
/** The same for repeats side by side, whose paths multiply. */
const MANY_PATHS_IN_A_ROW = LARGE_REPEAT ** 5;

/**
 * The number of ways (at most) the element can be walked: alternatives add up, a sequence multiplies,
 * a repeat of n to m sums its body's ways to the powers n…m. An upper bound on the paths from one start.
 */
function paths(e: AST.Element | AST.Alternative): number {
  switch (e.type) {
    case "Alternative":
      return e.elements.reduce((n, x) => n * paths(x), 1);
    case "Group":
    case "CapturingGroup":
      return e.alternatives.reduce((n, a) => n + paths(a), 0);
    case "Quantifier": {
      if (e.max === Infinity) return Infinity;
      const body = paths(e.element);
      let sum = 0;
      for (let i = e.min; i <= e.max && sum <= MANY_PATHS; i++) sum += body ** i;
      return sum;
    }
    default:
      return 1;
  }
}

/**
 * Widens a small bounded repeat whose iterations can be walked in more than MANY_PATHS ways from one
 * start: (?:\w?\w?\w?){1,10} holds 30 optional slots, 2^30 ways to read a run of letters (20 s on 51
 * characters, pass S), and (?:[0-9]|\d|[0-9a-z_]){1,10} tries 3^10 readings of each run of digits. The
 * analysis then decides whether the widened repeat is ambiguous: (?:foo|bar|baz){1,10} is not.
 */
function widenRepeatsOfManyPaths(ast: AST.Pattern): void {
  visitRegExpAST(ast, {
    onQuantifierLeave(q) {
      if (q.max > 1 && q.max !== Infinity && paths(q) > MANY_PATHS) widen(q);
    },
  });
}

const widen = (q: AST.Quantifier) => ((q as { max: number }).max = Infinity);

/**
 * Widens every repeat allowing more than `limit` iterations in all (its maximum times those around it),
 * and those around it; a fixed count of a body walked one way stays as it is up to `keepFixedUpTo`.
 */
export function widenRepeatsOver(ast: AST.Pattern, limit: number, keepFixedUpTo = 0): void {
  const enclosing: { q: AST.Quantifier; product: number; fixedProduct: number; widenedInside: boolean }[] = [];
  visitRegExpAST(ast, {
    onQuantifierEnter(q) {
      const outer = enclosing.at(-1);
      const product = (outer?.product ?? 1) * q.max;
      // Fixed counts inside fixed counts read their product from each start: (?:[^;]{200}){200}; kept
      // both (each under the bound) and read 40,000 characters from every position (25.9 s on 100 KB, pass AH).
      const fixedProduct = q.min === q.max ? (outer && outer.q.min === outer.q.max ? outer.fixedProduct : 1) * q.max : 1;
      enclosing.push({ q, product, fixedProduct, widenedInside: false });
    },
    onQuantifierLeave(q) {
      const self = enclosing.pop()!;
      // A fixed count of a body walked one way is walked one way however often: (?:[0-9a-f]{8}){8} is
      // a digest in blocks, not (?:[0-9a-f]+)+ (it was reported; 1 ms on 100 KB, pass Y), and a list of
      // UUIDs under + reads each turn one way (reported while counts under a repeat were widened, pass
      // AA). Counts of different lengths under a repeat, (?:[0-9a-f]{40}|[0-9a-f]{64})+, split a run
      // in many ways (pass Z): the code test on the exact automaton finds them (ambiguity.ts).
      // The scan for starts (redos.ts) keeps those up to its own bound: (?:[0-9a-f]{40}\s+)+ runs at
      // most 41 characters from each start, and was reported as entering an unbounded run (pass AA).
      // Counted in characters: (?:.{100}){250} reads 25,000 from each start (pass AI).
      if (q.min === q.max && self.fixedProduct * maximumLength(q.element) <= keepFixedUpTo && !self.widenedInside && paths(q.element) === 1) return;
      const wide = q.max > limit || (q.max > 1 && (self.product > limit || self.widenedInside));
      if (wide) widen(q);
      const parent = enclosing.at(-1);
      // Not through a lookaround: what it reads is not a turn's text, and b* in (?:(?:a(?=b*)){2}){2}
      // made both counts unbounded, read as nested repeats (pass AL). (The every-position tree reads
      // lookarounds as groups before this, and there they pass it on.)
      if (parent && (wide || self.widenedInside) && !lookaroundBetween(q, parent.q)) parent.widenedInside = true;
    },
    // Fixed counts side by side read their sum from each start: [^;]{250} written 150 times, then ;,
    // kept each and took 15.4 s on 100 KB (pass AI). A stretch of fixed-length parts longer than the
    // bound has its counted parts widened.
    onAlternativeLeave(alt) {
      if (keepFixedUpTo === Infinity) return;
      let stretch: AST.Quantifier[] = [];
      let length = 0;
      const close = () => {
        if (length > keepFixedUpTo && stretch.length > 0) {
          for (const q of stretch) widen(q);
          const parent = enclosing.at(-1);
          if (parent) parent.widenedInside = true;
        }
        stretch = [];
        length = 0;
      };
      for (const e of alt.elements) {
        // An optional part of fixed length reads it or nothing: (?:[^;]{250})? six times took 10.2 s on
        // 100 KB (pass AJ). Counts inside groups and lookarounds (read as groups here) count too:
        // ([^;]{250}) written 40 times took 5.9 s (pass AJ).
        const optional = e.type === "Quantifier" && e.min === 0 && e.max === 1 ? fixedLength(e.element) : undefined;
        const n = fixedLength(e) ?? optional;
        if (n === undefined) {
          close();
          continue;
        }
        length += n;
        stretch.push(...quantifiersIn(e).filter((q) => q.max > 1));
      }
      close();
    },
  });
}

/**
 * Repeats side by side split a run between them in as many ways as the product of their ranges:
 * eight [a-z]{0,10} in a row try 11^8 splits of a run of letters before failing. Where that product
 * passes LARGE_REPEAT³ (a thousand tries per start), the repeats of the run are widened, and scslre then reports those that can
 * match the same text (a Trade); disjoint ones ([a-z]{0,10}[0-9]{0,10}) stay unreported. Repeats whose
 * own turns can be walked in many ways multiply too: three (?:\w?\w?\w?){1,3} in a row, 584 ways each,
 * took 4.3 s on 55 characters (pass T). Past MANY_PATHS_IN_A_ROW such a run is widened too, optional
 * groups included; paths overstate delimited parts (five (?:\.\d{1,3})? count 4^5), hence the higher bar.
 */
function widenAdjacentRepeats(ast: AST.Pattern, widen: (q: AST.Quantifier) => void): [number, number][] {
  const widened: [number, number][] = [];
  visitRegExpAST(ast, {
    onAlternativeEnter(alt) {
      let run: AST.Quantifier[] = [];
      let ways = 1;
      let walks = 1;
      const close = () => {
        const byRanges = ways > LARGE_REPEAT ** 3;
        const byPaths = walks > MANY_PATHS_IN_A_ROW;
        if (byRanges || byPaths) {
          // Never a repeat around an unbounded one: (?:: (.*))? widened would be (?:: (.*))*, which is exponential.
          for (const q of run) if ((byRanges && q.max > 1) || (byPaths && paths(q) > 1 && paths(q) !== Infinity)) widen(q);
          widened.push([run[0]!.start, run.at(-1)!.end]);
        }
        run = [];
        ways = 1;
        walks = 1;
      };
      for (const element of alt.elements) {
        if (element.type !== "Quantifier") {
          close();
          continue;
        }
        run.push(element);
        ways *= Math.min(element.max - element.min + 1, 1e6);
        const p = paths(element);
        if (p !== Infinity) walks = Math.min(walks * p, 1e12);
      }
      close();
      // Text between repeats does not keep their paths from multiplying, if the line holds it:
      // (?:\w?\w?\w?){1,3}!(?:\w?\w?\w?){1,3}! walks 584 ways per part at each "!" (1 s on 45 KB).
      // Only repeats whose turns have choices: chains of simple ones (.{0,10} .{0,10} …) are sequence-repeats.ts's.
      const repeats = alt.elements.filter((e): e is AST.Quantifier => e.type === "Quantifier" && paths(e.element) > 1 && paths(e) !== Infinity);
      const all = alt.elements.reduce((n, e) => (paths(e) === Infinity ? n : Math.min(n * paths(e), 1e12)), 1);
      if (repeats.length > 1 && all > MANY_PATHS_IN_A_ROW) {
        for (const q of repeats) widen(q);
        widened.push([repeats[0]!.start, repeats.at(-1)!.end]);
      }
    },
  });
  return widened;
}

/** Whether a lookaround lies between the node and an element around it (without one: anywhere around the node). */
export function lookaroundBetween(node: AST.Node, outer?: AST.Node): boolean {
  for (let n: AST.Node | null = node.parent; n && n !== outer; n = n.parent) if (n.type === "Assertion") return true;
  return false;
}

/** A quantifier's maximum as written (the analysis tree widens some, in place): * and + unbounded. */
export function writtenMax(q: AST.Quantifier): number {
  const bound = /\{(\d+)(,(\d*))?\}\??$/.exec(q.raw);
  if (!bound) return q.raw.endsWith("?") && !/[*+]\??$/.test(q.raw) ? 1 : Infinity;
  return bound[2] === undefined ? Number(bound[1]) : bound[3] === "" ? Infinity : Number(bound[3]);
}

/** The quantifiers inside an element, a lookaround's included. */
export function quantifiersIn(e: AST.Element): AST.Quantifier[] {
  const found: AST.Quantifier[] = [];
  visitRegExpAST(e as never, { onQuantifierEnter: (q) => void found.push(q) });
  if (e.type === "Quantifier" && !found.includes(e)) found.unshift(e);
  return found;
}
