// The engine around the rules: lint-exceptions.json (structural rules cannot be excepted, unused
// exceptions are errors), severities from kb.config.json, a rule that throws, and the collision pass
// on a corpus of literal-free regexes staying linear (it once grew quadratically and ran out of memory).
import { describe, expect, it } from "vitest";
import { collectionRules } from "../../scripts/lint/registry.ts";
import { confusedWithSymmetric } from "../../scripts/lint/rules/confused-with-symmetric.ts";
import { applyExceptions, parseExceptions } from "../../scripts/lint/exceptions.ts";
import { findCollisions } from "../../scripts/lint/collisions.ts";
import { finishDiagnostics, lintFiles } from "../../scripts/lint/engine.ts";
import { startBudget, type RegexRunner } from "../../scripts/lint/regex-runner.ts";
import type { EntrySummary } from "../../scripts/lint/summary.ts";
import { createDiagnostic } from "../../scripts/model/diagnostic.ts";
import { DEFAULT_LIMITS } from "../../scripts/model/limits.ts";
import { parseJsonText } from "../../scripts/source/json-text.ts";
import { lintCase } from "../helpers/rule-tester.ts";
import { entryText, validEntry } from "../helpers/entries.ts";

const exceptionsOf = (value: unknown) => parseExceptions(parseJsonText("lint-exceptions.json", JSON.stringify(value, null, 2), { maxDepth: 64, maxProblems: 100 }));

describe("lint-exceptions.json", () => {
  it("refuses to except a structural rule (schema, ids, paths, encoding)", () => {
    const { exceptions, diagnostics } = exceptionsOf([
      { rule: "kb/schema", entry: "demo/x", reason: "It is only a test of the refusal." },
      { rule: "kb/id-matches-path", entry: "demo/x", reason: "It is only a test of the refusal." },
    ]);
    expect(exceptions).toEqual([]);
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringContaining("a structural rule, which cannot be excepted"), expect.stringContaining("a structural rule, which cannot be excepted")]);
  });

  it("silences one rule for one entry, and reports an exception that silences nothing", () => {
    const { exceptions } = exceptionsOf([
      { rule: "kb/how-repeats-action", entry: "demo/x", reason: "The steps really are one short command." },
      { rule: "kb/date-order", entry: "demo/x", reason: "Kept to show the unused-exception error." },
    ]);
    const d = (rule: "kb/how-repeats-action" | "kb/schema") => createDiagnostic({ file: "entries/demo/x.json", severity: "error", rule, message: "m" });
    const kept = applyExceptions("lint-exceptions.json", [d("kb/how-repeats-action"), d("kb/schema")], exceptions, (id) => `entries/${id}.json`);
    expect(kept.map((k) => k.rule)).toEqual(["kb/schema", "kb/exception-unused"]);
  });

  it("costs one path per exception, not one per exception and diagnostic (4,000 exceptions against 2,000 diagnostics took 54 s)", () => {
    const list = Array.from({ length: 2_000 }, (_, i) => ({ rule: "kb/control-characters", entry: `demo/e${i}`, reason: "A long enough reason for the test." }));
    const { exceptions } = exceptionsOf([...list, list[0]!]); // the same exception twice: the second is unused
    const diagnostics = Array.from({ length: 2_000 }, (_, i) => createDiagnostic({ file: `entries/demo/e${i % 1_000}.json`, severity: "error", rule: "kb/control-characters", message: "m" }));
    let paths = 0;
    const kept = applyExceptions("lint-exceptions.json", diagnostics, exceptions, (id) => {
      paths++;
      return `entries/${id}.json`;
    });
    expect(paths).toBe(exceptions.length);
    // Entries e0..e999 had their diagnostics silenced; e1000..e1999 and the duplicate silenced nothing.
    expect(kept.filter((k) => k.rule === "kb/control-characters")).toEqual([]);
    expect(kept.filter((k) => k.rule === "kb/exception-unused")).toHaveLength(1_001);
  });
});

describe("severities and limits", () => {
  it("turns a rule off or down, and labels the per-file overflow as its own rule", () => {
    const ds = Array.from({ length: 5 }, (_, i) => createDiagnostic({ file: "entries/demo/x.json", line: i + 1, severity: "error", rule: "kb/schema", message: `m${i}` }));
    const w = createDiagnostic({ file: "entries/demo/x.json", severity: "warning", rule: "kb/no-match-examples", message: "w" });
    const out = finishDiagnostics([...ds, w], { maxDiagnosticsPerFile: 3 }, new Map([["kb/no-match-examples", "off"]]));
    expect(out.filter((d) => d.rule === "kb/schema")).toHaveLength(3);
    expect(out.filter((d) => d.rule === "kb/no-match-examples")).toHaveLength(0);
    expect(out.find((d) => d.rule === "kb/too-many-problems")!.message).toBe("2 more problems in this file were not listed (limit 3 per file)");
    expect(finishDiagnostics([w], DEFAULT_LIMITS, new Map([["kb/no-match-examples", "error"]]))[0]!.severity).toBe("error");
  });
});

/** Runs nothing: every text misses, every analysis finds nothing (for cases about the engine, not regexes). */
const quietRunner: RegexRunner = { python: async () => undefined, analyse: async (ps) => ps.map(() => ({ kind: "analysed" as const, findings: [] })), match: async (jobs) => jobs.map((j) => j.texts.map(() => ({ kind: "no-match" as const }))) };

describe("problems past the per-file cap", () => {
  it("stay structural: turning off the rule of the 101st problem hides none of the schema errors after it (pass O: the entry built with confidence \"very high\")", async () => {
    const emptyAction = { ...validEntry().dead_ends[0], action: "" };
    const d = await lintCase({ name: "hidden", entry: { dead_ends: Array.from({ length: 101 }, () => emptyAction), confidence: "very high", fix_success_rate: 7 }, severities: new Map([["kb/empty-text", "off"]]) });
    expect(d.filter((x) => x.rule === "kb/empty-text")).toEqual([]);
    expect(d.find((x) => x.rule === "kb/schema")).toMatchObject({ severity: "error", message: "more schema problems than the per-file limit (100); those past it are counted, not described" });
  });

  it("from entry rules are located up to the cap and counted past it, one stand-in per rule (pass P: locating 60,000 took 82 s)", async () => {
    const osSpecific = Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`os${i}`, `Broken\u0085 on ${i}`]));
    const d = await lintCase({ name: "many", entry: { os_specific: osSpecific }, limits: { maxDiagnosticsPerFile: 5 } });
    const shown = d.filter((x) => x.rule === "kb/control-characters");
    expect(shown).toHaveLength(5);
    expect(shown.every((x) => x.line > 1)).toBe(true);
    expect(d.find((x) => x.rule === "kb/too-many-problems")!.message).toBe("2995 more problems in this file were not listed (limit 5 per file)");
    // In the file's verdict, the problems past the cap share one diagnostic: none of them was located.
    const bytes = new TextEncoder().encode(entryText({ ...validEntry(), os_specific: osSpecific }));
    const [verdict] = await lintFiles([{ file: "entries/demo/sample-error.json", pathId: "demo/sample-error", pathProblem: undefined, bytes }], { limits: { ...DEFAULT_LIMITS, maxDiagnosticsPerFile: 5 }, today: "2026-12-01", runner: quietRunner }, startBudget(60_000));
    const controls = verdict!.diagnostics.filter((x) => x.rule === "kb/control-characters");
    expect(controls).toHaveLength(3_000);
    expect(new Set(controls).size).toBeLessThanOrEqual(7);
  });

  it("keep an error past the cap an error, after a rule's warnings (pass R: 150 Kelvin signs then an İ exited 0)", async () => {
    const bytes = new TextEncoder().encode(entryText({ ...validEntry(), regex: `SampleError: the sample error widget refused to start|x${"\u212a".repeat(150)}\u0130` }));
    const [verdict] = await lintFiles([{ file: "entries/demo/sample-error.json", pathId: "demo/sample-error", pathProblem: undefined, bytes }], { limits: DEFAULT_LIMITS, today: "2026-12-01", runner: quietRunner }, startBudget(60_000));
    const portability = verdict!.diagnostics.filter((x) => x.rule === "kb/regex-portability");
    expect(portability).toHaveLength(151);
    expect(portability.filter((x) => x.severity === "error").length).toBeGreaterThan(0);
  });

  it("are listed once where there is room, and counted", () => {
    const d = createDiagnostic({ file: "entries/demo/x.json", severity: "error", rule: "kb/schema", message: "one" });
    const over = createDiagnostic({ file: "entries/demo/x.json", line: 9, severity: "error", rule: "kb/schema", message: "more" });
    const out = finishDiagnostics([d, over, over, over], { maxDiagnosticsPerFile: 3 });
    expect(out.map((x) => x.message)).toEqual(["one", "2 more problems in this file were not listed (limit 3 per file)", "more"]);
  });
});

describe("a rule that throws", () => {
  it("becomes a diagnostic naming the rule, and the run goes on", async () => {
    const rule = collectionRules[0]!;
    const original = rule.check;
    (rule as { check: typeof original }).check = () => {
      throw new Error("boom");
    };
    try {
      const d = await lintCase({ name: "throws", entry: { root_cause: "TODO" } });
      expect(d.find((x) => x.rule === rule.meta.id)?.message).toBe(`internal error in rule ${rule.meta.id}: boom`);
      expect(d.some((x) => x.rule === "kb/empty-text")).toBe(true);
    } finally {
      (rule as { check: typeof original }).check = original;
    }
  });
});

describe("collisions", () => {
  it("run no test for regexes too generic to filter on, however many there are", async () => {
    let tests = 0;
    const counting: RegexRunner = {
      python: async () => undefined,
      analyse: async () => [],
      match: async (jobs) => jobs.map((j) => j.texts.map(() => {
        tests++;
        return { kind: "no-match" } as const;
      })),
    };
    const summaries: EntrySummary[] = Array.from({ length: 2_000 }, (_, i) => ({
      id: `demo/free-${i}`,
      file: `entries/demo/free-${i}.json`,
      pathId: `demo/free-${i}`,
      signature: `abc${i}#`,
      fixRate: 0.5,
      graph: undefined,
      regex: { source: `^[a-z]{3}[0-9]{2}#{${(i % 5) + 1}}$`, compiles: true, specific: false, literalChars: 1, choices: null },
      texts: [{ role: "signature", pointer: "/signature", text: `abc${i}#`, js: { kind: "match", index: 0, length: 6 } }],
      python: "checked",
      pythonReason: undefined,
      pythonError: undefined,
    }));
    const facts = await findCollisions(summaries, counting, startBudget(60_000));
    expect(tests).toBe(0);
    expect(facts.resolution).toHaveLength(2_000);
  });
});

describe("kb/confused-with-symmetric", () => {
  it("reads each entry's confusions once, however many links point at it (pass R: a scan per link took 39 s for 8 MB)", () => {
    let reads = 0;
    const links = Array.from({ length: 300 }, (_, i) => ({ error_id: `demo/e${i}`, distinction: "" }));
    // The hub's list, counting every item read: a scan of it per spoke reads 45,000.
    const counted = new Proxy(links, { get: (target, key, receiver) => (typeof key === "string" && /^\d+$/.test(key) && reads++, Reflect.get(target, key, receiver)) });
    const hub = { id: "demo/hub", file: "entries/demo/hub.json", graph: { leads_to: [], preceded_by: [], frequently_confused_with: counted } };
    const spokes = links.map((l) => ({ id: l.error_id, file: `entries/${l.error_id}.json`, graph: { leads_to: [], preceded_by: [], frequently_confused_with: [{ error_id: "demo/hub", distinction: "" }] } }));
    const reported: string[] = [];
    confusedWithSymmetric.check({ entries: [hub, ...spokes] as never, report: (e: { id: string }) => void reported.push(e.id) } as never);
    expect(reported).toEqual([]);
    expect(reads).toBeLessThanOrEqual(4 * links.length);
  });
});
