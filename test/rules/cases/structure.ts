// Cases of the rules about a file's form: syntax, encoding, keys, schema, ids and paths, layout.
import { entryText, validEntry } from "../../helpers/entries.ts";
import type { RuleCases } from "../../helpers/rule-tester.ts";

const valid = entryText(validEntry());

export const structureCases: RuleCases[] = [
  {
    rule: "kb/json-syntax",
    valid: [
      { name: "a canonical entry", text: valid },
      { name: "numbers that are exact: 0, -0, 1.5e3, 0.000, 2^53 - 1", text: valid.replace('"confidence": 0.6', '"confidence": 0e5').replace('"last_updated"', '"evidence_count": 9007199254740991,\n  "last_updated"') },
      { name: "other spellings of a number a double holds as written (kb fix only respells them): 0.60, 7e-1, -0", text: valid.replace('"confidence": 0.6', '"confidence": 0.60').replace('"fix_success_rate": 0.7', '"fix_success_rate": 7e-1').replace('"fail_rate": 0.7', '"fail_rate": -0') },
    ],
    invalid: [
      { name: "a trailing comma, at the comma", text: '{\n  "id": "demo/sample-error",\n}\n', errors: [{ line: 2, column: 28, message: "trailing comma" }] },
      { name: "an empty file", text: "", errors: [{ line: 1, column: 1, message: "the file is empty", hint: "kb new" }] },
      { name: "a comment", text: '{\n  // note\n  "id": "demo/sample-error"\n}\n', errors: [{ line: 2, column: 3, message: "invalid comment token" }] },
      { name: "nesting past the limit", text: `{"a": ${"[".repeat(100)}${"]".repeat(100)}}`, errors: [{ message: "nesting deeper than 64 levels" }] },
      {
        name: "a raw line break in a string does not hide deep nesting from the guard",
        text: `["x\n, ${"[".repeat(50_000)}`,
        errors: [{ message: "nesting deeper than 64 levels" }],
      },
      {
        name: "more JSON tokens than a file of its size can hold as text (a 1 MB entry of zeros took 718 MB to lint; twenty aborted kb): refused before parsing, at the token past the cap",
        text: `{"id": "demo/sample-error", "tags": [${Array.from({ length: 30_000 }, () => "0").join(",")}]}`,
        errors: [{ line: 1, column: 17_039, message: "more than 17,009 JSON tokens (values, keys, punctuation) in a file of this size" }],
      },
      {
        name: 'values without commas count too (pass N: a megabyte of "1 1 1" passed the comma count, made 524,286 parse errors and aborted kb at 4.4 GB)',
        text: `{"id": "demo/sample-error", "tags": [${Array.from({ length: 30_000 }, () => "1").join(" ")}]}`,
        errors: [{ line: 1, column: 34_040, message: "more than 17,009 JSON tokens" }],
      },
      { name: "a raw tab inside a string, at the tab", text: '{"id": "a\tb"}', errors: [{ line: 1, column: 10, message: "invalid character" }] },
      {
        name: "numbers JSON.parse cannot hold as written (kb fix would write them back changed), each at its place",
        text: valid.replace('"confidence": 0.6', '"confidence": 1e400').replace('"fix_success_rate": 0.7', '"fix_success_rate": 1e-400').replace('"last_updated"', '"evidence_count": 9007199254740993,\n  "last_updated"').replace('"fail_rate": 0.7', '"fail_rate": 0.70000000000000000000000000000001'),
        errors: [
          { pointer: "/dead_ends/0/fail_rate", message: "the number 0.70000000000000000000000000000001 cannot be read exactly: it becomes 0.7" },
          { pointer: "/confidence", message: "the number 1e400 cannot be read exactly: it becomes Infinity" },
          { pointer: "/fix_success_rate", message: "the number 1e-400 cannot be read exactly: it becomes 0" },
          { pointer: "/evidence_count", message: "the number 9007199254740993 cannot be read exactly: it becomes 9007199254740992" },
        ],
      },

    ],
  },
  {
    rule: "kb/duplicate-key",
    valid: [{ name: "keys once each", text: valid }],
    invalid: [{ name: "id twice", text: '{\n  "id": "demo/a",\n  "id": "demo/sample-error"\n}\n', errors: [{ pointer: "/id", line: 3, column: 3, message: 'duplicate key "id"' }] }],
  },
  {
    rule: "kb/encoding",
    valid: [{ name: "UTF-8 with non-ASCII text", entry: { root_cause: "Ça dépend: the widget reads its settings too early." } }],
    invalid: [
      { name: "a byte-order mark", text: `\ufeff${valid}`, errors: [{ line: 1, column: 1, message: "byte-order mark", fixable: true }] },
      { name: "an invalid UTF-8 byte, at its place", text: new Uint8Array([...new TextEncoder().encode('{\n  "id": "a'), 0xff, ...new TextEncoder().encode('"\n}\n')]), errors: [{ line: 2, column: 11, message: "invalid UTF-8 byte 0xff" }] },
      { name: "a lone surrogate escape", text: '{\n  "id": "\\ud800"\n}\n', errors: [{ pointer: "/id", line: 2, message: "surrogate" }] },
    ],
  },
  {
    rule: "kb/not-an-object",
    valid: [{ name: "an object", text: valid }],
    invalid: [{ name: "an array", text: "[]\n", errors: [{ line: 1, column: 1, message: "not an array" }] }],
  },
  {
    rule: "kb/stray-file",
    valid: [{ name: "entries/<domain>/<slug>.json", text: valid }],
    invalid: [
      { name: "a file two folders deep", path: "demo/deeper/sample-error.json", text: valid, errors: [{ message: "exactly one folder deep" }] },
      { name: "a reserved domain name", id: "index/sample-error", path: "index/sample-error.json", entry: { domain: "index" }, errors: [{ message: '"index" is reserved' }] },
      { name: "the slug readme, whose view would be the domain page README.md on a case-insensitive disk", id: "demo/readme", path: "demo/readme.json", entry: {}, errors: [{ message: '"readme" is reserved for generated/demo/README.md' }] },
      { name: "a name that is not kebab-case", path: "demo/Sample_Error.json", text: valid, errors: [{ message: "is not lowercase kebab-case" }] },
    ],
  },
  {
    rule: "kb/schema",
    valid: [
      { name: "every field as the schema says", text: valid },
      { name: "a $schema key for editors", entry: { $schema: "../../generated/entry.schema.json" } },
      { name: "source URLs with a port, a path, a query and a fragment", entry: { official_doc_url: "https://Docs.Example.org:8443/a/b?c=d#e", workarounds: [{ ...validEntry().workarounds[0], sources: ["http://example.org", "https://sub.example.co.uk/x#y"] }] } },
    ],
    invalid: [
      {
        name: "source URLs that read as one host and go to another, or to no public page: a user name, localhost, an IP address, one label, a percent-encoded host",
        entry: {
          official_doc_url: "https://docs.python.org:443@evil.example/3/library/re.html",
          workarounds: [{ ...validEntry().workarounds[0], sources: ["https://user:pass@evil.example/", "https://localhost/x", "http://127.0.0.1:8080/a", "https://a", "https://github.com%2Fowner@evil.example/"] }],
        },
        errors: [
          ...[0, 1, 2, 3, 4].map((i) => ({ pointer: `/workarounds/0/sources/${i}`, message: "must be an http(s) URL of a public page" })),
          { pointer: "/official_doc_url", message: "official_doc_url must be an https URL of a public page", hint: "no user name or password, no IP address or localhost" },
        ],
      },
      { name: "a misspelt key, with did you mean", entry: { root_cuase: "x" }, errors: [{ pointer: "/root_cuase", message: 'unknown key "root_cuase"', hint: 'did you mean "root_cause"?' }] },
      {
        name: "after a byte-order mark, columns of line 1 count from the character after it, as editors and ESLint show them",
        text: `\ufeff${JSON.stringify({ zzz: 1, ...validEntry() })}`,
        errors: [{ pointer: "/zzz", line: 1, column: 2, message: 'unknown key "zzz"' }],
      },
      { name: "a misspelt enum value, with did you mean", entry: { verification_tier: "ai_generate" }, errors: [{ pointer: "/verification_tier", message: "must be one of", hint: 'did you mean "ai_generated"?' }] },
      { name: "a rate written as a string, fixable", entry: { confidence: "0.9" }, errors: [{ pointer: "/confidence", message: 'must be a number, not the string "0.9"', hint: "write 0.9 without quotes", fixable: true }] },
      { name: "a rate written as a percentage, fixable", entry: { fix_success_rate: 85 }, errors: [{ pointer: "/fix_success_rate", message: "rates are fractions", hint: "write 0.85", fixable: true }] },
      { name: "resolvable as a boolean, fixable", entry: { resolvable: true }, errors: [{ pointer: "/resolvable", hint: 'write the string "true"', fixable: true }] },
      { name: "a date that does not exist", entry: { last_updated: "2025-02-30" }, errors: [{ pointer: "/last_updated", message: "not a real calendar date" }] },
      { name: "a missing required field", entry: { root_cause: undefined }, errors: [{ pointer: "", message: 'missing the required field "root_cause"' }] },
      { name: "workarounds that are not a list", entry: { workarounds: 5 }, errors: [{ pointer: "/workarounds", message: "must be an array" }] },
    ],
  },
  {
    rule: "kb/too-many-problems",
    valid: [{ name: "a few problems", entry: { a1: 1, a2: 2 } }],
    invalid: [{ name: "more unknown keys than the per-file limit", entry: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`unknown_${i}`, i])), limits: { maxDiagnosticsPerFile: 5 }, errors: [{ message: "7 more problems in this file were not listed (limit 5 per file)" }] }],
  },
  {
    rule: "kb/id-matches-path",
    valid: [{ name: "id equal to the path", text: valid }],
    invalid: [
      { name: "an id another path says", path: "demo/other-name.json", text: valid, errors: [{ pointer: "/id", message: 'does not match the file\'s path, which says "demo/other-name"' }] },
      { name: "a path that cannot be an id", path: "demo/Bad_Name.json", text: valid, errors: [{ pointer: "/id", message: "must live at entries/<domain>/<slug>.json", hint: "move it to entries/demo/sample-error.json" }] },
      {
        name: "a slug too long, in the path and the id alike: not told to move where it is (pass AN)",
        path: `demo/${"a".repeat(230)}.json`,
        text: entryText(validEntry(`demo/${"a".repeat(230)}`)),
        errors: [{ pointer: "/id", message: "the id cannot name such a path either: \"aaaaaaaaaaaaaaaaaaaaaaaa…\" is 230 characters long; at most 120", hint: "choose an id of a lowercase kebab-case domain and slug (at most 120 characters each), and name the file after it" }],
      },
    ],
  },
  {
    rule: "kb/domain-matches-id",
    valid: [{ name: "domain equal to the id's first segment", text: valid }],
    invalid: [{ name: "another domain", entry: { domain: "other" }, errors: [{ pointer: "/domain", message: 'domain "other" differs', fixable: true }] }],
  },
  {
    rule: "kb/duplicate-id",
    valid: [{ name: "one file per id", text: valid, others: { "demo/other-error.json": {} } }],
    invalid: [
      {
        name: "two files with one id",
        text: valid,
        others: { "demo/copy-of-sample.json": entryText(validEntry("demo/sample-error")) },
        errors: [{ file: "demo/copy-of-sample.json", pointer: "/id", message: "is also claimed by entries/demo/sample-error.json" }, { pointer: "/id", message: "is also claimed by entries/demo/copy-of-sample.json" }],
      },
    ],
  },
  {
    rule: "kb/canonical-format",
    valid: [{ name: "canonical text", text: valid }],
    invalid: [
      { name: "CRLF line endings", text: valid.replace(/\n/g, "\r\n"), errors: [{ message: "CRLF line endings", fixable: true }] },
      { name: "no final newline", text: valid.slice(0, -1), errors: [{ message: "missing final newline" }] },
      { name: "keys out of order", text: JSON.stringify(Object.assign({ regex: validEntry().regex }, validEntry()), null, 2) + "\n", errors: [{ line: 2, message: "key order" }] },
    ],
  },
  {
    rule: "kb/string-length",
    valid: [{ name: "texts under the limit", text: valid }],
    invalid: [{ name: "a root cause over the limit", entry: { root_cause: "x".repeat(80) }, limits: { maxStringLength: 75 }, errors: [{ pointer: "/root_cause", message: "a text of 80 characters is longer than the limit of 75" }] }],
  },
];
