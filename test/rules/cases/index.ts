// All rule cases, for the rule tests and for docs/rules.md (whose examples are these cases).
import type { RuleCases } from "../../helpers/rule-tester.ts";
import { collectionCases } from "./collection.ts";
import { regexCases } from "./regex.ts";
import { structureCases } from "./structure.ts";
import { textCases } from "./texts.ts";

export const ALL_CASES: readonly RuleCases[] = [...structureCases, ...textCases, ...regexCases, ...collectionCases];
