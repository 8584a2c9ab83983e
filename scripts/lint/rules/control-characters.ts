// Entry text is read by people and printed to terminals: a raw control character (ESC starting a
// terminal sequence such as OSC 52, which writes the clipboard, BEL, C1 controls like U+0085) or a
// bidi override (Trojan Source: the text reads differently from what it is) has no place in it. Views
// and kb's terminal output show such characters escaped anyway; this rule keeps them out of the
// knowledge itself, where every consumer of index.json would otherwise receive them.
import { CONTROL_OR_HIDDEN, HIDDEN } from "../../model/hidden-characters.ts";
import { describePointer } from "../../model/pointer.ts";
import { entryRule } from "../rule.ts";

const CONTROL = new RegExp(`[${CONTROL_OR_HIDDEN}]`, "u");
const INVISIBLE = new RegExp(`[${HIDDEN}]`, "u");

const shown = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

export const controlCharacters = entryRule({
  meta: {
    id: "kb/control-characters",
    description: "texts hold no control characters (but tab and line feed), no bidi controls and no invisible characters",
    severity: "error",
    why: "An escape sequence in an entry reaches every terminal and tool that prints it (OSC 52 writes the clipboard), and a bidi override makes text read differently from what it is.",
  },
  requires: [],
  check({ source, report }) {
    const walk = (value: unknown, pointer: string): void => {
      if (typeof value === "string") {
        const m = CONTROL.exec(value);
        if (m) report({ pointer, charIndex: m.index, message: `${describePointer(pointer)} holds the ${INVISIBLE.test(m[0]) ? "invisible" : "control"} character ${shown(m[0])}`, hint: "delete it, or describe it in words (e.g. \"ESC [31m\" for a colour code)" });
      } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${pointer}/${i}`));
      else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) walk(v, `${pointer}/${k.replace(/~/gu, "~0").replace(/\//gu, "~1")}`);
    };
    walk(source.value, "");
  },
});
