// The schema validator prepare writes as standalone code must judge every entry exactly as ajv
// compiling the schema at run time does, and must be refused when it was made from another schema.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { afterAll, describe, expect, it } from "vitest";
import { entrySchema } from "../../scripts/schema/entry-schema.ts";
import { entryAjv, loadPrecompiled } from "../../scripts/schema/validate.ts";
import { precompiledValidatorCode } from "../../scripts/schema/write-validator.ts";
import { FIXTURES, ROOT } from "../helpers/repo.ts";

// Inside the repository, so the code's require() of ajv's runtime helpers resolves as it does in dist/.
const dir = path.join(ROOT, "test-results", `validator-${process.pid}`);
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

/** Every entry value the repository has: shipped entries and every rule fixture that parses. */
function values(): unknown[] {
  const files = [...fg.sync("entries/**/*.json", { cwd: ROOT, absolute: true }), ...fg.sync("rules/**/*.json", { cwd: FIXTURES, absolute: true, ignore: ["**/expected.json"] })];
  return files.flatMap((f) => {
    try {
      return [JSON.parse(readFileSync(f, "utf8")) as unknown];
    } catch {
      return [];
    }
  });
}

describe("precompiled entry validator", () => {
  const code = precompiledValidatorCode();

  it("gives the same verdict and the same errors as the schema compiled at run time", () => {
    expect(loadPrecompiled(path.join(dir, "missing.cjs"))).toBeUndefined();
    const file = write("current.cjs", code);
    {
      const standalone = loadPrecompiled(file);
      expect(standalone).toBeTypeOf("function");
      const runtime = entryAjv().compile(entrySchema as object);
      const all = values();
      let invalid = 0;
      for (const value of all) {
        const a = standalone!(value);
        const b = runtime(value);
        expect(a).toBe(b);
        expect(standalone!.errors ?? null).toEqual(runtime.errors ?? null);
        if (!a) invalid++;
      }
      expect(all.length).toBeGreaterThan(40);
      expect(invalid).toBeGreaterThan(5);
    }
  });

  it("is refused when made from another schema or ajv, or when it does not load", () => {
    expect(loadPrecompiled(write("again.cjs", code))).toBeTypeOf("function"); // the same code, loadable here
    expect(loadPrecompiled(write("stale.cjs", code.replace(/schemaDigest = "[0-9a-f]+"/, 'schemaDigest = "0000"')))).toBeUndefined();
    expect(loadPrecompiled(write("broken.cjs", "module.exports = ;"))).toBeUndefined();
    expect(loadPrecompiled(write("other.cjs", "module.exports = 42;"))).toBeUndefined();
  });
});
