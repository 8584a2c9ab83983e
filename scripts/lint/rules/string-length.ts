// A limit on every string value keeps views readable and CI fast, and stops a pasted log from
// becoming an entry.
import { toPointer, type PathSegment } from "../../model/pointer.ts";
import { entryRule } from "../rule.ts";

export const stringLength = entryRule({
  meta: {
    id: "kb/string-length",
    description: "no string value is longer than the configured limit (maxStringLength)",
    severity: "error",
    why: "A pasted log or binary blob bloats every view and the index; entries summarise, they do not archive.",
  },
  requires: [],
  check({ source, limits, report }) {
    const visit = (value: unknown, path: PathSegment[]): void => {
      if (typeof value === "string") {
        if (value.length > limits.maxStringLength)
          report({ pointer: toPointer(path), message: `a text of ${value.length} characters is longer than the limit of ${limits.maxStringLength}`, hint: "summarise it, or raise limits.maxStringLength in kb.config.json" });
      } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i]));
      else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
    };
    visit(source.value, []);
  },
});
