// Finds exponential backtracking that scslre does not report: an unbounded quantifier over a group
// whose alternatives can match the same text, as in ^(a|a)*$ or (x|xy?)+. Languages of alternatives
// are compared exactly with refa's automata (intersection is empty or not).
import type { AST } from "@eslint-community/regexpp";
import { visitRegExpAST } from "@eslint-community/regexpp";
import type { JS } from "refa";
import { lazyModule } from "../core/lazy-module.ts";

const refa = lazyModule<typeof import("refa")>("refa");

export interface AmbiguousAlternation {
  readonly quantifier: AST.Quantifier;
  readonly first: AST.Alternative;
  readonly second: AST.Alternative;
}

const MAX_ALTERNATIVES = 24;
const MAX_NODES = 10_000;

export function findAmbiguousAlternations(pattern: AST.Pattern, flags: AST.Flags): AmbiguousAlternation[] {
  const found: AmbiguousAlternation[] = [];
  const { isDisjointWith, JS, NFA } = refa();
  let parser: JS.Parser;
  try {
    parser = JS.Parser.fromAst({ pattern, flags });
  } catch {
    return found;
  }
  visitRegExpAST(pattern, {
    onQuantifierEnter(q) {
      if (q.max !== Infinity) return;
      const group = q.element;
      if ((group.type !== "Group" && group.type !== "CapturingGroup") || group.alternatives.length < 2 || group.alternatives.length > MAX_ALTERNATIVES) return;
      try {
        const automata = group.alternatives.map((alt) => {
          const { expression, maxCharacter } = parser.parseElement(alt, { backreferences: "disable", assertions: "ignore" } as never);
          return NFA.fromRegex(expression, { maxCharacter }, { assertions: "ignore" }, new NFA.LimitedNodeFactory(MAX_NODES));
        });
        for (let i = 0; i < automata.length; i++) {
          for (let j = i + 1; j < automata.length; j++) {
            const a = automata[i]!;
            const b = automata[j]!;
            if (a.isEmpty || b.isEmpty) continue;
            if (!isDisjointWith(a, b, MAX_NODES)) {
              found.push({ quantifier: q, first: group.alternatives[i]!, second: group.alternatives[j]! });
              return;
            }
          }
        }
      } catch {
        // too large to decide: the runtime deadline still protects every run
      }
    },
  });
  return found;
}
