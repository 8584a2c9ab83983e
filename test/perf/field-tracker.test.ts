// The field tracker decides when a catalogue-like output may be reused, so it must never miss a read:
// plain reads, `in`, descriptors, and listing keys (which means every field) all count.
import { describe, expect, it } from "vitest";
import { FieldTracker, fieldsDigest } from "../../scripts/build/field-tracker.ts";
import type { Entry } from "../../scripts/schema/entry-schema.ts";
import { validEntry } from "../helpers/repo.ts";

const entry = (id: string, overrides: Record<string, unknown> = {}) => validEntry(id, overrides) as unknown as Entry;

describe("FieldTracker", () => {
  it("records the fields read, by property access, `in` and descriptor", () => {
    const tracker = new FieldTracker();
    const [e] = tracker.track([entry("a/one")]);
    void e!.signature;
    void ("tags" in e!);
    void Object.getOwnPropertyDescriptor(e!, "domain");
    expect(tracker.fields()).toEqual(["domain", "signature", "tags"]);
  });

  it("counts listing keys (spread, JSON.stringify, Object.keys) as reading every field", () => {
    for (const list of [(e: Entry) => ({ ...e }), (e: Entry) => JSON.stringify(e), (e: Entry) => Object.keys(e)]) {
      const tracker = new FieldTracker();
      list(tracker.track([entry("a/one")])[0]!);
      expect(tracker.fields()).toBeNull();
    }
  });

  it("gives back the same values as the entries it wraps", () => {
    const plain = entry("a/one");
    const [tracked] = new FieldTracker().track([plain]);
    expect(JSON.stringify(tracked)).toBe(JSON.stringify(plain));
  });
});

describe("fieldsDigest", () => {
  it("changes with a field read, an id or the list, and not with a field not read", () => {
    const a = entry("a/one");
    const base = fieldsDigest([a], ["signature"]);
    expect(fieldsDigest([{ ...a, root_cause: "Something else entirely." }], ["signature"])).toBe(base);
    expect(fieldsDigest([{ ...a, signature: "Error: another" }], ["signature"])).not.toBe(base);
    expect(fieldsDigest([{ ...a, id: "a/two" }], ["signature"])).not.toBe(base);
    expect(fieldsDigest([a, entry("a/two")], ["signature"])).not.toBe(base);
    expect(fieldsDigest([a], ["signature", "root_cause"])).not.toBe(base);
    // A field left out and the same field set to null are different inputs.
    const { aliases: _left, ...without } = a as unknown as Record<string, unknown>;
    expect(fieldsDigest([without as unknown as Entry], ["aliases"])).not.toBe(fieldsDigest([{ ...a, aliases: null } as unknown as Entry], ["aliases"]));
  });
});
