// Cases of the rules over the whole knowledge base: links between entries, duplicates, and regexes
// that catch other entries' texts.
import { validEntry } from "../../helpers/entries.ts";
import type { RuleCases } from "../../helpers/rule-tester.ts";

const confused = (id: string, distinction = "One is about widgets, the other about gadgets.") => ({ leads_to: [], preceded_by: [], frequently_confused_with: [{ error_id: id, distinction }] });
const other = validEntry("demo/other-error");

export const collectionCases: RuleCases[] = [
  {
    rule: "kb/transition-target",
    valid: [{ name: "a link to an existing entry", entry: { transition_graph: { leads_to: [{ error_id: "demo/other-error", probability: 0.3, condition: "" }], preceded_by: [], frequently_confused_with: [] } }, others: { "demo/other-error.json": {} } }],
    invalid: [
      { name: "a link to nothing", entry: { transition_graph: { leads_to: [{ error_id: "demo/missing", probability: 0.3, condition: "" }], preceded_by: [], frequently_confused_with: [] } }, errors: [{ pointer: "/transition_graph/leads_to/0/error_id", message: 'points at "demo/missing", which is not an entry' }] },
      { name: "a link to itself", entry: { transition_graph: { leads_to: [], preceded_by: [{ error_id: "demo/sample-error", probability: 0.3, condition: "" }], frequently_confused_with: [] } }, errors: [{ pointer: "/transition_graph/preceded_by/0/error_id", message: "points at the entry itself" }] },
    ],
  },
  {
    rule: "kb/confused-with-symmetric",
    valid: [{ name: "both sides list each other", entry: { transition_graph: confused("demo/other-error") }, others: { "demo/other-error.json": { transition_graph: confused("demo/sample-error") } } }],
    invalid: [{ name: "one side only", entry: { transition_graph: confused("demo/other-error") }, others: { "demo/other-error.json": {} }, errors: [{ pointer: "/transition_graph/frequently_confused_with/0/error_id", message: 'does not list "demo/sample-error"', hint: "entries/demo/other-error.json" }] }],
  },
  {
    rule: "kb/duplicate-signature",
    valid: [{ name: "different signatures", others: { "demo/other-error.json": {} } }],
    invalid: [
      {
        name: "the same signature twice, told to both",
        entry: { signature: "Widget failure  NUMBER 7" },
        others: { "demo/other-error.json": { signature: "widget failure number 7", regex: other.regex } },
        errors: [{ file: "demo/other-error.json", pointer: "/signature", message: "used by demo/sample-error" }, { pointer: "/signature", message: "used by demo/other-error" }],
      },
      {
        name: "seven entries with one signature: each names five others and counts the rest (pass R: naming all of 2,400 made lint exit 3)",
        entry: { signature: "widget failure number 7" },
        others: Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`demo/other-${i}.json`, { signature: "widget failure number 7", regex: other.regex }])),
        errors: [
          ...Array.from({ length: 6 }, (_, i) => ({ file: `demo/other-${i}.json`, pointer: "/signature", message: /^the same signature is used by (demo\/[a-z0-9-]+, ){4}demo\/[a-z0-9-]+ and 1 more$/ })),
          { pointer: "/signature", message: "the same signature is used by demo/other-0, demo/other-1, demo/other-2, demo/other-3, demo/other-4 and 1 more" },
        ],
      },
    ],
  },
  {
    rule: "kb/regex-collision",
    valid: [
      { name: "regexes that catch only their own texts", others: { "demo/other-error.json": {} } },
      {
        name: "a declared confusion where each still ranks first for its own texts",
        entry: { regex: "SampleError: the (?:sample|other) error widget refused to start", transition_graph: confused("demo/other-error") },
        others: { "demo/other-error.json": { transition_graph: confused("demo/sample-error"), regex: "SampleError: the other error widget refused to start" } },
      },
    ],
    invalid: [
      {
        name: "one regex catching another entry's texts: one diagnostic",
        entry: { regex: "SampleError: the [a-z ]+ widget refused to start" },
        others: { "demo/other-error.json": {} },
        errors: [{ pointer: "/regex", message: /regex also matches demo\/other-error's signature .* and 1 more of its texts/ }],
      },
      {
        name: "a regex catching three entries: grouped",
        entry: { regex: "SampleError: the [a-z ]+ widget refused to start" },
        others: { "demo/other-error.json": {}, "demo/third-error.json": {}, "demo/fourth-error.json": {} },
        errors: [{ pointer: "/regex", message: "regex also matches 6 texts of 3 other entries; first 3:" }],
      },
      {
        name: "declared, but lookup ranks the other entry first for this entry's own text",
        entry: { regex: "refused to start", signature: "SampleError: the sample error widget refused to start", transition_graph: confused("demo/other-error"), examples: { match: [], no_match: [] } },
        others: { "demo/other-error.json": { transition_graph: confused("demo/sample-error"), regex: "SampleError: the [a-z ]+ widget refused to start" } },
        errors: [{ pointer: "/signature", message: "lookup of signature ranks demo/other-error first, not this entry" }],
      },
    ],
  },
];
