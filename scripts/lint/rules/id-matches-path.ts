// An entry's id is its address: views, the index and transition links all use it, so it must be
// exactly the file's path under entries/.
import { idFromRelativePath, MAX_SEGMENT } from "../../source/entry-path.ts";
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
      // The id's own address, when it is one: a 230-character slug was told to move to where it was (pass AN).
      const own = idFromRelativePath(`${entry.id}.json`);
      if ("id" in own) report({ pointer: "/id", message: "the file must live at entries/<domain>/<slug>.json with lowercase kebab-case names", hint: `move it to entries/${entry.id}.json` });
      else report({ pointer: "/id", message: `the file must live at entries/<domain>/<slug>.json, and the id cannot name such a path either: ${own.problem}`, hint: `choose an id of a lowercase kebab-case domain and slug (at most ${MAX_SEGMENT} characters each), and name the file after it` });
    } else if (entry.id !== pathId) {
      report({ pointer: "/id", message: `id "${entry.id}" does not match the file's path, which says "${pathId}"`, hint: `set "id": "${pathId}", or rename the file to entries/${entry.id}.json` });
    }
  },
});
