// SECURITY.md backs every claim with a test, cited as `file › test name`: this keeps the citations
// true, so the document cannot rot again (its robustness suite was deleted once and it went on citing
// it). Each cited file must exist and hold each cited name as a quoted string (an it() title, or the
// name of a rule case in test/rules/cases/), every path it names must exist, and every limit in
// scripts/model/limits.ts must be in its table.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LIMIT_KEYS } from "../../scripts/model/limits.ts";
import { ROOT } from "../helpers/repo.ts";

export interface Citation {
  readonly file: string;
  readonly name: string;
}

/**
 * The citations in a Markdown text: a code span `test/… › name` cites a test in that file, and a span
 * `› name` another test in the file cited last.
 */
export function citationsIn(markdown: string): Citation[] {
  const out: Citation[] = [];
  let file: string | undefined;
  for (const [, span] of markdown.matchAll(/`([^`\n]+)`/g)) {
    const full = /^(test\/[\w./-]+\.ts) › (.+)$/.exec(span!);
    if (full) {
      file = full[1]!;
      out.push({ file, name: full[2]! });
      continue;
    }
    const more = /^› (.+)$/.exec(span!);
    if (more) {
      if (file === undefined) throw new Error(`"${span}" cites a test before any file is named`);
      out.push({ file, name: more[1]! });
    }
  }
  return out;
}

/** Repository paths named in code spans (test/, scripts/, .github/, docs/), with any citation stripped. */
export function pathsIn(markdown: string): string[] {
  const out = new Set<string>();
  for (const [, span] of markdown.matchAll(/`([^`\n]+)`/g)) {
    const p = span!.split(" › ")[0]!;
    if (/^(?:test|scripts|docs|\.github)\/[\w./-]*[\w-]$/.test(p) && !p.includes("<") && !p.includes("*")) out.add(p);
  }
  return [...out].sort();
}

/** Whether a source file holds the name as a quoted string, as an it() title or a case's name is written. */
export function holdsName(source: string, name: string): boolean {
  return [JSON.stringify(name), `'${name}'`, `\`${name}\``].some((quoted) => source.includes(quoted));
}

const security = readFileSync(path.join(ROOT, "SECURITY.md"), "utf8");

describe("SECURITY.md", () => {
  it("cites every test under its exact name, in a file that exists", () => {
    const citations = citationsIn(security);
    expect(citations.length).toBeGreaterThan(80);
    const missing: string[] = [];
    for (const { file, name } of citations) {
      const abs = path.join(ROOT, file);
      if (!existsSync(abs)) missing.push(`${file} does not exist (cited for "${name}")`);
      else if (!holdsName(readFileSync(abs, "utf8"), name)) missing.push(`${file} has no test named "${name}"`);
    }
    expect(missing).toEqual([]);
  });

  it("names only files and folders that exist", () => {
    const paths = pathsIn(security);
    expect(paths).toEqual(expect.arrayContaining(["scripts/model/limits.ts", "scripts/write/atomic.ts", "scripts/write/lock.ts", ".github/workflows/kb.yml"]));
    expect(paths.filter((p) => !existsSync(path.join(ROOT, p)))).toEqual([]);
  });

  it("lists every limit kb has in its limits table", () => {
    const table = security.slice(security.indexOf("## Limits"));
    for (const key of LIMIT_KEYS) expect(table, key).toContain(`| \`${key}\` |`);
  });

  it("the checks above catch what they are meant to catch", () => {
    const doc = "See `test/write/write.test.ts › continues after short writes until every byte is down`, `› no such test` and `test/robustness/gone.test.ts › x`; limits in `scripts/core/limits.ts`.";
    expect(citationsIn(doc)).toEqual([
      { file: "test/write/write.test.ts", name: "continues after short writes until every byte is down" },
      { file: "test/write/write.test.ts", name: "no such test" },
      { file: "test/robustness/gone.test.ts", name: "x" },
    ]);
    expect(pathsIn(doc)).toEqual(["scripts/core/limits.ts", "test/robustness/gone.test.ts", "test/write/write.test.ts"]);
    expect(holdsName('it("continues after short writes until every byte is down", () => {', "continues after short writes until every byte is down")).toBe(true);
    expect(holdsName("// continues after short writes until every byte is down", "continues after short writes until every byte is down")).toBe(false);
    expect(() => citationsIn("`› orphan`")).toThrow("before any file is named");
  });
});
