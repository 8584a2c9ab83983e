// workarounds_zh is positional: item i translates workarounds[i]. A different length means some
// translation is attached to the wrong workaround in the zh view.
import { entryRule } from "../rule.ts";

export const workaroundsZhLength = entryRule({
  meta: {
    id: "kb/workarounds-zh-length",
    description: "workarounds_zh has one translation per workaround",
    severity: "error",
    why: "Translations are matched to workarounds by position; a missing or extra one shifts every translation after it.",
  },
  requires: ["workarounds", "workarounds_zh"],
  check({ entry, report }) {
    const zh = entry.workarounds_zh;
    const n = entry.workarounds.length;
    if (zh.length !== n) {
      report({
        pointer: "/workarounds_zh",
        message: `workarounds_zh has ${zh.length} item${zh.length === 1 ? "" : "s"} but there ${n === 1 ? "is 1 workaround" : `are ${n} workarounds`}`,
        hint: "write one translation per workaround, in the same order, or remove workarounds_zh",
      });
    }
  },
});
