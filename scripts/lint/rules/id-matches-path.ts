// An entry's id is its address: views, the index and transition links all use it, so it must be
// exactly the file's path under entries/.
import { entryRule } from "../rule.ts";

export const idMatchesPath = entryRule({
  meta: {
    id: "kb/id-matches-path",
    description: "id equals the file's path under entries/ (<domain>/<slug>.json)",
    severity: "error",
    structural: true,
    why: "Links, views and the index address entries by id; an id that differs from the path points nowhere.",
  },
  requires: ["id"],
  check({ entry, pathId, report }) {
    if (pathId === undefined) {
      report({ pointer: "/id", message: "the file must live at entries/<domain>/<slug>.json with lowercase kebab-case names", hint: `move it to entries/${entry.id}.json` });
    } else if (entry.id !== pathId) {
      report({ pointer: "/id", message: `id "${entry.id}" does not match the file's path, which says "${pathId}"`, hint: `set "id": "${pathId}", or rename the file to entries/${entry.id}.json` });
    }
  },
});
