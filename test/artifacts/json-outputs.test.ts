// JSON for programs: index.json (and each <domain>.json) validates against the published
// index.schema.json, match.json is small and carries what lookup needs, and no output clobbers another.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { bundleIndex, INDEX_SCHEMA_VERSION, type BundledIndex } from "../../scripts/build/bundle.ts";
import { buildIndexSchema } from "../../scripts/build/index-schema.ts";
import { json, renderOutputs } from "../../scripts/build/outputs.ts";
import { lookup } from "../../scripts/lookup/lookup.ts";
import type { MatchIndex } from "../../scripts/lookup/match-index.ts";
import { ENTRY_KEY_ORDER } from "../../scripts/schema/entry-schema.ts";
import { readJson, ROOT } from "../helpers/repo.ts";
import { chainEntries, entry, partlyTranslated } from "./fixtures.ts";

type AddFormats = (ajv: Ajv2020, formats: string[]) => Ajv2020;
const addFormats = (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

const GENERATED = path.join(ROOT, "generated");
const published = readJson<object>(path.join(GENERATED, "index.schema.json"));
const index = readJson<BundledIndex>(path.join(GENERATED, "index.json"));
const matchIndex = readJson<MatchIndex>(path.join(GENERATED, "match.json"));

function compile(schema: object) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv, ["date", "uri"]);
  return ajv.compile(schema);
}
const validateIndex = compile(published);

describe("index.schema.json", () => {
  it("is what the build derives from the entry schema", () => {
    expect(readFileSync(path.join(GENERATED, "index.schema.json"), "utf8")).toBe(json(buildIndexSchema()));
    const entryDef = (buildIndexSchema().$defs.entry as { required: string[]; properties: object });
    expect(entryDef.required).toEqual([...ENTRY_KEY_ORDER]);
    expect(Object.keys(entryDef.properties)).toEqual([...ENTRY_KEY_ORDER]);
  });

  it("validates the shipped index.json, whose schema_version is semver", () => {
    expect(validateIndex(index), JSON.stringify(validateIndex.errors)).toBe(true);
    expect(index.schema_version).toBe(INDEX_SCHEMA_VERSION);
    expect(INDEX_SCHEMA_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("validates every generated <domain>.json, each holding exactly that domain's entries", () => {
    const domains = [...new Set(index.entries.map((e) => e.domain))];
    expect(domains.length).toBeGreaterThan(1);
    for (const domain of domains) {
      const part = readJson<BundledIndex>(path.join(GENERATED, `${domain}.json`));
      expect(validateIndex(part), `${domain}.json: ${JSON.stringify(validateIndex.errors)}`).toBe(true);
      expect(part.entries.map((e) => e.id)).toEqual(index.entries.filter((e) => e.domain === domain).map((e) => e.id));
      expect(part.count).toBe(part.entries.length);
    }
  });

  it("accepts entries that leave every optional field out (filled with null, [] or {})", () => {
    const minimal = bundleIndex([entry("demo/minimal"), partlyTranslated, ...chainEntries]);
    expect(validateIndex(minimal), JSON.stringify(validateIndex.errors)).toBe(true);
    expect(minimal.entries.find((e) => e.id === "demo/minimal")).toMatchObject({ signature_zh: null, root_cause_type: null, evidence_count: null, tags: [], examples: { match: [], no_match: [] } });
  });

  it("rejects an index with a missing field, an unknown field or another major version", () => {
    const copy = () => structuredClone(index) as unknown as { schema_version: string; entries: Record<string, unknown>[] };
    const missing = copy();
    delete missing.entries[0]!.signature_zh;
    expect(validateIndex(missing)).toBe(false);
    const unknown = copy();
    unknown.entries[0]!.surprise = true;
    expect(validateIndex(unknown)).toBe(false);
    const major = copy();
    major.schema_version = "2.0.0";
    expect(validateIndex(major)).toBe(false);
    const minor = copy();
    minor.schema_version = "1.7.0";
    expect(validateIndex(minor)).toBe(true);
  });
});

describe("match.json", () => {
  const matchBytes = statSync(path.join(GENERATED, "match.json")).size;
  const indexBytes = statSync(path.join(GENERATED, "index.json")).size;

  it("is much smaller than index.json for the shipped entries (under a tenth)", () => {
    expect(matchBytes / indexBytes).toBeLessThan(0.1);
  });

  it("has every entry of the index, one per line, with flags iu and what a lookup shows", () => {
    expect(matchIndex.entries.map((e) => e.id)).toEqual(index.entries.map((e) => e.id));
    expect(matchIndex.count).toBe(index.count);
    expect(readFileSync(path.join(GENERATED, "match.json"), "utf8").trimEnd().split("\n")).toHaveLength(index.count + 2);
    for (const [i, m] of matchIndex.entries.entries()) {
      const full = index.entries[i]!;
      expect(m).toEqual({
        id: full.id,
        signature: full.signature,
        regex: full.regex,
        flags: "iu",
        literal_chars: expect.any(Number),
        fix_success_rate: full.fix_success_rate,
        workaround: full.workarounds[0]!.action,
        view: `${full.id}.md`,
      });
      expect(m.literal_chars).toBeGreaterThan(0);
    }
  });

  it("gives the same lookup answers as the full index", async () => {
    for (const e of index.entries) {
      const [fromMatch, fromIndex] = await Promise.all([lookup(e.signature, matchIndex.entries, { threads: 1 }), lookup(e.signature, index.entries, { threads: 1 })]);
      expect(fromMatch.results.map((r) => r.id)).toEqual(fromIndex.results.map((r) => r.id));
      expect(fromMatch.results[0]?.id).toBe(e.id);
    }
  });
});

describe("outputs", () => {
  it("refuses a domain whose JSON file would replace another output", () => {
    expect(() => renderOutputs([entry("index/some-error")])).toThrow(/index\.json/);
    expect(() => renderOutputs([entry("match/some-error")])).toThrow(/match\.json/);
    expect(renderOutputs([entry("entry/some-error")]).has("entry.json")).toBe(true);
  });
});
