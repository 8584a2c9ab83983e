// Last-resort fixes (`--break-system-packages`, `--force`, `chmod 666`, disabling TLS checks) work,
// so their rates can be high; without a risk next to the rate they read as equal to the safe fix.
import { atLeast, riskyConstructs } from "../risky-patterns.ts";
import { entryRule } from "../rule.ts";

export const workaroundRisk = entryRule({
  meta: {
    id: "kb/workaround-risk",
    description: "a workaround whose text matches a known risky pattern states its risk (level and why), at least at that pattern's level",
    severity: "error",
    why: "Readers and agents copy the first command that works; a fix that disables a check or grants root must say so next to its rate.",
  },
  requires: ["workarounds"],
  check({ entry, report }) {
    entry.workarounds.forEach((w, i) => {
      const [worst] = riskyConstructs(`${w.action}\n${w.how}`);
      if (!worst) return;
      if (!w.risk) {
        report({
          pointer: `/workarounds/${i}`,
          message: `workarounds[${i}] ${worst.what} but states no risk`,
          hint: `add "risk": {"level": "${worst.least}", "why": "<what can go wrong>"}, and list safer workarounds first`,
        });
      } else if (!atLeast(w.risk.level, worst.least)) {
        report({ pointer: `/workarounds/${i}/risk/level`, message: `workarounds[${i}] ${worst.what}, which is at least a ${worst.least} risk, not ${w.risk.level}`, hint: `set "level": "${worst.least}" or higher` });
      }
    });
  },
});
