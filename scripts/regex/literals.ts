// Reduces a pattern to literal strings one of which every match must contain: the filter that lets
// collision checks and lookup run a regex only on texts that could match it. Only ASCII characters take
// part, because case-insensitive Unicode matching folds them predictably. The literals are written
// to match.json, so consumers filter without parsing regexes.
import type { AST } from "@eslint-community/regexpp";
import { MIN_LITERAL } from "../match/literal-index.ts";

export function requiredLiterals(ast: AST.Pattern): string[] | undefined {
  return fromAlternatives(ast.alternatives);
}

function fromAlternatives(alternatives: readonly AST.Alternative[]): string[] | undefined {
  const all: string[] = [];
  for (const alt of alternatives) {
    const set = fromAlternative(alt);
    if (!set) return undefined;
    all.push(...set);
  }
  return [...new Set(all)];
}

function fromAlternative(alt: AST.Alternative): string[] | undefined {
  let best: string[] | undefined;
  for (const set of alternativeOptions(alt)) if (!best || quality(set) > quality(best)) best = set;
  return best;
}

/** Every literal set that a match of this alternative must contain one of, in pattern order. */
export function alternativeOptions(alt: AST.Alternative): string[][] {
  const options: string[][] = [];
  const consider = (set: string[] | undefined) => {
    if (set && set.length > 0) options.push(set);
  };
  let run = "";
  const endRun = () => {
    if (run.length >= MIN_LITERAL) consider([run]);
    run = "";
  };
  for (const el of alt.elements) {
    if (el.type === "Character" && isFoldableAscii(el.value)) {
      run += String.fromCharCode(el.value).toLowerCase();
      continue;
    }
    endRun();
    if ((el.type === "Group" || el.type === "CapturingGroup") && el.alternatives.length > 0) consider(fromAlternatives(el.alternatives));
    else if (el.type === "Quantifier" && el.min >= 1 && (el.element.type === "Group" || el.element.type === "CapturingGroup")) {
      consider(fromAlternatives(el.element.alternatives));
    }
  }
  endRun();
  return options;
}

/** Per top-level alternative of a pattern, the literal sets any one of which its matches must contain. */
export type LiteralChoices = string[][][];

/** The literal choices of a pattern, or undefined when some alternative has no literal to filter on. */
export function literalChoices(ast: AST.Pattern): LiteralChoices | undefined {
  const perAlternative = ast.alternatives.map(alternativeOptions);
  return perAlternative.some((options) => options.length === 0) ? undefined : perAlternative;
}

/**
 * For each pattern, one set of required literals chosen to be selective across the whole corpus:
 * per top-level alternative, the option whose literals the fewest other patterns could also use
 * (a prefix that thousands of patterns share makes every text a candidate for all of them), longer
 * literals breaking ties. Any option is a correct filter; this only chooses the cheapest one.
 */
export function selectiveLiterals(choices: readonly (LiteralChoices | undefined)[]): (string[] | undefined)[] {
  const patternsUsing = new Map<string, number>();
  for (const choice of choices) {
    const seen = new Set<string>();
    for (const options of choice ?? []) for (const set of options) for (const literal of set) seen.add(literal);
    for (const literal of seen) patternsUsing.set(literal, (patternsUsing.get(literal) ?? 0) + 1);
  }
  const cost = (set: string[]) => {
    let worst = 0;
    for (const l of set) worst = Math.max(worst, l.length < MIN_LITERAL ? Infinity : patternsUsing.get(l)!);
    return worst;
  };
  return choices.map((choice) => {
    if (!choice) return undefined;
    const chosen = choice.map((options) => {
      let best = options[0]!;
      let bestCost = cost(best);
      for (const set of options.slice(1)) {
        const c = cost(set);
        if (c < bestCost || (c === bestCost && quality(set) > quality(best))) [best, bestCost] = [set, c];
      }
      return best;
    });
    return [...new Set(chosen.flat())];
  });
}

/** A set is as selective as its shortest member; fewer members break ties. */
function quality(set: string[]): number {
  const shortest = Math.min(...set.map((s) => s.length));
  return shortest * 100 - set.length;
}

function isFoldableAscii(code: number): boolean {
  return code >= 0x20 && code < 0x7f;
}
