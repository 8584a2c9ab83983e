// Cases of the rules about what an entry says: empty and placeholder texts, repeated steps, dates,
// translations, where rates come from, risky workarounds and near-miss examples.
import { translationDigest } from "../../../scripts/model/digest.ts";
import { validEntry } from "../../helpers/entries.ts";
import type { RuleCases } from "../../helpers/rule-tester.ts";

const base = validEntry();
const deadEnd = base.dead_ends[0]!;
const workaround = base.workarounds[0]!;

export const textCases: RuleCases[] = [
  {
    rule: "kb/empty-text",
    valid: [{ name: "real texts", entry: {} }],
    invalid: [
      {
        name: "the seed's empty dead-end action",
        entry: { dead_ends: [{ ...deadEnd, action: "" }] },
        errors: [{ pointer: "/dead_ends/0/action", message: "dead_ends[0].action is empty", hint: "say what is done" }],
      },
      { name: "white space only", entry: { workarounds: [{ ...workaround, how: "   " }] }, errors: [{ pointer: "/workarounds/0/how", message: "is empty", hint: "give the steps" }] },
      { name: "a TODO placeholder", entry: { root_cause: "TODO: why the error happens" }, errors: [{ pointer: "/root_cause", message: 'root_cause is a placeholder ("TODO: why the error happens")' }] },
      { name: "n/a as a dead end's reason", entry: { dead_ends: [{ ...deadEnd, why_fails: "n/a" }] }, errors: [{ pointer: "/dead_ends/0/why_fails", message: "is a placeholder" }] },
    ],
  },
  {
    rule: "kb/control-characters",
    valid: [
      { name: "tabs and line breaks in steps", entry: { workarounds: [{ ...workaround, how: "Run:\n\tnpm ci\n\tnpm test" }] } },
      { name: "an emoji joined with U+200D", entry: { root_cause: "The build fails for 👩‍💻 developers on Windows." } },
    ],
    invalid: [
      { name: "a clipboard-writing escape (OSC 52) in a root cause", entry: { root_cause: "Broken \u001b]52;c;aGk=\u0007 here" }, errors: [{ pointer: "/root_cause", message: "root_cause holds the control character U+001B" }] },
      { name: "a bidi override in an example", entry: { examples: { match: ["sample error \u202Egnp.exe"], no_match: ["another line"] } }, errors: [{ pointer: "/examples/match/0", message: "holds the control character U+202E" }] },
      { name: "a C1 control in a dead end", entry: { dead_ends: [{ ...deadEnd, why_fails: "It fails\u0085twice" }] }, errors: [{ pointer: "/dead_ends/0/why_fails", message: "U+0085" }] },
      { name: "a zero-width space that makes a URL look-alike in a root cause", entry: { root_cause: "See https\u200b://example.com for the cause." }, errors: [{ pointer: "/root_cause", message: "root_cause holds the invisible character U+200B" }] },
      { name: "a soft hyphen in a URL look-alike", entry: { root_cause: "See https\u00ad://example.com for the cause." }, errors: [{ pointer: "/root_cause", message: "holds the invisible character U+00AD" }] },
      {
        name: "tag characters carrying a hidden sentence, a Mongolian vowel separator and an interlinear annotation mark",
        entry: { root_cause: `The cause.${[..."ignore previous"].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join("")}`, dead_ends: [{ ...validEntry().dead_ends[0], action: "Restart\u180e the widget" }], workarounds: [{ ...validEntry().workarounds[0], how: "Run \ufff9widget init\ufffb first." }] },
        errors: [
          { pointer: "/root_cause", message: "holds the invisible character U+E0069" },
          { pointer: "/dead_ends/0/action", message: "holds the invisible character U+180E" },
          { pointer: "/workarounds/0/how", message: "holds the invisible character U+FFF9" },
        ],
      },
      {
        name: "code points reserved as default-ignorable, which show as nothing once assigned (pass O: raw in views and index.json)",
        entry: { root_cause: "The cause\u2065 is here.", dead_ends: [{ ...validEntry().dead_ends[0], action: "Restart\ufff0 the widget" }], workarounds: [{ ...validEntry().workarounds[0], how: `Run ${String.fromCodePoint(0xe0080)}widget init${String.fromCodePoint(0xe01f0)} first.` }] },
        errors: [
          { pointer: "/root_cause", message: "holds the invisible character U+2065" },
          { pointer: "/dead_ends/0/action", message: "holds the invisible character U+FFF0" },
          { pointer: "/workarounds/0/how", message: "holds the invisible character U+E0080" },
        ],
      },
      { name: "the musical null notehead, a symbol drawn as nothing (pass P)", entry: { root_cause: `The cause${String.fromCodePoint(0x1d159)} is here.` }, errors: [{ pointer: "/root_cause", message: "holds the invisible character U+1D159" }] },
      { name: "a line separator in a signature", entry: { signature: "SampleError: the sample error\u2028widget refused to start" }, errors: [{ pointer: "/signature", message: "holds the invisible character U+2028" }] },
    ],
  },
  {
    rule: "kb/code-spans",
    valid: [
      { name: "paired single backticks", entry: { root_cause: "The `fetch` call rejects before `then` runs." } },
      { name: "backticks held by a double-backtick span", entry: { dead_ends: [{ ...deadEnd, why_fails: "rustc then reports `` expected `i32`, found `()` `` instead." }] } },
      { name: "a code span of spaces only", entry: { workarounds: [{ ...workaround, how: "Indent with `  ` (two spaces)." }] } },
    ],
    invalid: [
      {
        name: "backticks nested in single backticks, as rustc's messages tempt",
        entry: { workarounds: [{ ...workaround, how: "When rustc reports `expected `i32`, found `()`, delete the `;`." }] },
        errors: [{ pointer: "/workarounds/0/how", message: 'has a code span with a space on one side only ("expected")', hint: "double backticks" }],
      },
      { name: "a backtick nothing closes", entry: { root_cause: "The shell sees `npm run and stops." }, errors: [{ pointer: "/root_cause", message: "root_cause has a ` that nothing closes" }] },
    ],
  },
  {
    rule: "kb/how-repeats-action",
    valid: [{ name: "how adds the command", entry: {} }],
    invalid: [{ name: "how equal to the action", entry: { workarounds: [{ ...workaround, how: " write the settings FIRST " }] }, errors: [{ pointer: "/workarounds/0/how", message: "repeats its action word for word" }] }],
  },
  {
    rule: "kb/workarounds-zh-length",
    valid: [{ name: "one translation per workaround", entry: { workarounds_zh: ["先写入设置"] } }],
    invalid: [{ name: "one translation too many", entry: { workarounds_zh: ["先写入设置", "多余的"] }, errors: [{ pointer: "/workarounds_zh", message: "workarounds_zh has 2 items but there is 1 workaround" }] }],
  },
  {
    rule: "kb/date-order",
    valid: [{ name: "seen, then confirmed, both past", entry: { first_seen: "2024-01-01", last_confirmed: "2025-01-01" } }],
    invalid: [
      { name: "confirmed before first seen", entry: { first_seen: "2025-01-01", last_confirmed: "2024-01-01" }, errors: [{ pointer: "/last_confirmed", message: "is before first_seen" }] },
      { name: "a date in the future", entry: { last_updated: "2027-01-01" }, today: "2026-12-01", errors: [{ pointer: "/last_updated", message: "is in the future (today is 2026-12-01)" }] },
    ],
  },
  {
    rule: "kb/translation-stale",
    valid: [
      { name: "no translation", entry: {} },
      { name: "a translation checked against today's English", entry: { signature_zh: "样例错误", translated_from: { signature: translationDigest(base.signature) } } },
    ],
    invalid: [
      {
        name: "the English changed since the translation was checked",
        entry: { signature_zh: "样例错误", translated_from: { signature: translationDigest("an older signature") } },
        errors: [{ pointer: "/signature_zh", message: "signature_zh may be stale: its English text changed since it was translated", hint: "--refresh-translation-digests" }],
      },
      { name: "a translation that records no digest", entry: { root_cause_zh: "原因" }, errors: [{ pointer: "/root_cause_zh", message: "does not record which English text it translates" }] },
      { name: "a digest without its translation", entry: { translated_from: { root_cause: "0123abcd" } }, errors: [{ pointer: "/translated_from/root_cause", message: "records a translation that is not there" }] },
    ],
  },
  {
    rule: "kb/rate-provenance",
    valid: [
      { name: "rates marked as estimates", entry: { rate_basis: "estimate", fix_success_rate: 0.95 } },
      { name: "high rates that cite their sources", entry: { rate_basis: undefined, confidence: 0.5, fix_success_rate: 0.6, workarounds: [{ ...workaround, success_rate: 0.9, sources: ["https://example.org/report"] }] } },
      { name: "low rates need no basis", entry: { rate_basis: undefined, confidence: 0.5, fix_success_rate: 0.6 } },
    ],
    invalid: [
      {
        name: "high rates with no basis and no source (the seed's 0.85s)",
        entry: { rate_basis: undefined, confidence: 0.85, fix_success_rate: 0.85 },
        errors: [{ pointer: "/confidence", message: "2 rates are 0.8 or more with no stated basis and no source (confidence 0.85, fix_success_rate 0.85): they read as measured" }],
      },
      { name: "a reported rate with no source", entry: { workarounds: [{ ...workaround, rate_basis: "reported" }] }, errors: [{ pointer: "/workarounds/0/success_rate", severity: "error", message: 'is "reported" but cites no source' }] },
      { name: "measured rates with no method", entry: { rate_basis: "measured" }, errors: [{ pointer: "/rate_basis", severity: "error", message: "need rate_method" }] },
    ],
  },
  {
    rule: "kb/workaround-risk",
    valid: [
      { name: "a safe workaround", entry: {} },
      { name: "a risky workaround that says so", entry: { workarounds: [{ ...workaround, how: "Run `pip install --break-system-packages requests`.", risk: { level: "medium", why: "It can break tools of the OS that import the same package." } }] } },
    ],
    invalid: [
      { name: "--break-system-packages without a risk", entry: { workarounds: [{ ...workaround, how: "Run `pip install --break-system-packages requests`." }] }, errors: [{ pointer: "/workarounds/0", message: "installs into the interpreter the OS package manager owns but states no risk" }] },
      { name: "--legacy-peer-deps without a risk", entry: { workarounds: [{ ...workaround, how: "Run `npm install --legacy-peer-deps`." }] }, errors: [{ pointer: "/workarounds/0", message: "silences peer dependency checks" }] },
      { name: "chmod 666 without a risk", entry: { workarounds: [{ ...workaround, how: "Run `sudo chmod 666 /var/run/docker.sock`." }] }, errors: [{ pointer: "/workarounds/0", message: "writable by everyone" }] },
      { name: "TLS verification off, called low risk", entry: { workarounds: [{ ...workaround, how: "Set `NODE_TLS_REJECT_UNAUTHORIZED=0`.", risk: { level: "low", why: "Only for a test." } }] }, errors: [{ pointer: "/workarounds/0/risk/level", message: "at least a high risk, not low" }] },
    ],
  },
  {
    rule: "kb/no-match-examples",
    valid: [{ name: "a near-miss line", entry: {} }],
    invalid: [
      { name: "no near miss", entry: { examples: { match: base.examples!.match } }, errors: [{ pointer: "/examples", message: "examples.no_match is empty" }] },
      { name: "no examples at all", entry: { examples: undefined }, errors: [{ pointer: "", message: "examples.no_match is empty" }] },
    ],
  },
];
