// The domain is stored twice (in the id and on its own); they must agree or domain pages disagree
// with the URLs that point at them.
import { entryRule } from "../rule.ts";

export const domainMatchesId = entryRule({
  meta: {
    id: "kb/domain-matches-id",
    description: "domain equals the first segment of the id",
    severity: "error",
    structural: true,
    fixable: true,
    why: "Domain pages group entries by domain while links use the id; the two must name the same domain.",
  },
  requires: ["id", "domain"],
  check({ entry, report }) {
    const fromId = entry.id.split("/")[0];
    if (entry.domain !== fromId) report({ pointer: "/domain", message: `domain "${entry.domain}" differs from the id's first segment "${fromId}"`, hint: `set "domain": "${fromId}" (kb fix does it)` });
  },
});
