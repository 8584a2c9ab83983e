// The domain is stored twice (in the id and on its own); they must agree or domain pages disagree
// with the URLs that point at them.
import type { EntryRule } from "./types.ts";

export const domainMatchesId: EntryRule = {
  id: "kb/domain-matches-id",
  description: "domain equals the first segment of the id",
  severity: "error",
  scope: "entry",
  docs: { why: "Domain pages group entries by domain while links use the id; the two must name the same domain." },
  check({ doc, report }) {
    const fromId = doc.entry.id.split("/")[0];
    if (doc.entry.domain !== fromId) {
      report({ pointer: "/domain", message: `domain "${doc.entry.domain}" differs from the id's first segment "${fromId}"`, hint: `set "domain": "${fromId}"` });
    }
  },
};
