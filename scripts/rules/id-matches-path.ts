// An entry's id is its address: views, the index and transition links all use it, so it must be
// exactly the file's path under entries/.
import type { EntryRule } from "./types.ts";

export const idMatchesPath: EntryRule = {
  id: "kb/id-matches-path",
  description: "id equals the file's path under entries/ (<domain>/<slug>.json)",
  severity: "error",
  scope: "entry",
  docs: { why: "Links, views and the index address entries by id; an id that differs from the path points nowhere." },
  check({ doc, report }) {
    if (doc.pathId === undefined) {
      report({ pointer: "/id", message: `the file must live at entries/<domain>/<slug>.json with lowercase kebab-case names`, hint: `move it to entries/${doc.entry.id}.json` });
    } else if (doc.entry.id !== doc.pathId) {
      report({ pointer: "/id", message: `id "${doc.entry.id}" does not match the file's path, which says "${doc.pathId}"`, hint: `set "id": "${doc.pathId}", or rename the file to entries/${doc.entry.id}.json` });
    }
  },
};
