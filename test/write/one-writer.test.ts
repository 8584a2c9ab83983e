// SECURITY.md promises that kb build, kb fix and kb new write and remove files only through
// scripts/write/ (the atomic writer, the lock, the output folder's checks). This test holds the code to
// it: outside scripts/write/, no module of the pipeline may import a writing function of node:fs (or
// the whole module, which would hide one), except the maintainers' tools (code generation, packaging, the bench), which are not part of any kb command's
// data path. A scan of a planted violation shows the check can fail.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/repo.ts";

/** Functions of node:fs (and node:fs/promises) that create, change or remove files. */
const WRITERS = new Set(
  "appendFile appendFileSync chmod chmodSync chown chownSync copyFile copyFileSync cp cpSync createWriteStream ftruncate ftruncateSync link linkSync mkdir mkdirSync mkdtemp mkdtempSync rename renameSync rm rmSync rmdir rmdirSync symlink symlinkSync truncate truncateSync unlink unlinkSync utimes utimesSync write writeFile writeFileSync writeSync writev writevSync".split(" "),
);
/** open and openSync read too (the bounded reader): only a call whose flags can write counts. */
const OPENERS = new Set(["open", "openSync"]);
const WRITING_FLAGS = /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND|^["'`][^"'`]*[wa+]/;

/** Where writing is allowed, and why. */
const ALLOWED: readonly { readonly path: RegExp; readonly names?: ReadonlySet<string> }[] = [
  { path: /^scripts\/write\// }, // the one writer
  { path: /^scripts\/(codegen|package|bench)\// }, // maintainers' tools, not a kb command's data path
];

/** Each writing import of node:fs in a module's source: "name" or "* (whole module)". */
export function writingImports(source: string, file: string): string[] {
  const found: string[] = [];
  /** Local names of open/openSync, whose calls are checked for writing flags. */
  const openers = new Map<string, string>();
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, file.endsWith(".mjs") ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const isFs = (spec: string) => /^(node:)?fs(\/promises)?$/.test(spec);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && isFs(node.moduleSpecifier.text)) {
      const clause = node.importClause;
      if (clause && !clause.isTypeOnly) {
        if (clause.name) found.push("* (whole module)");
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) found.push("* (whole module)");
        if (bindings && ts.isNamedImports(bindings))
          for (const el of bindings.elements) {
            const name = (el.propertyName ?? el.name).text;
            if (el.isTypeOnly) continue;
            if (WRITERS.has(name)) found.push(name);
            if (OPENERS.has(name)) openers.set(el.name.text, name);
          }
      }
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && openers.has(node.expression.text)) {
      const flags = node.arguments[1];
      if (flags && WRITING_FLAGS.test(flags.getText(sf))) found.push(`${openers.get(node.expression.text)!} (writing flags)`);
    }
    // import("node:fs") and require("fs") hand over the whole module.
    if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg) && isFs(arg.text)) found.push("* (whole module)");
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.(ts|mjs)$/.test(d.name))
    .map((d) => path.relative(ROOT, path.join(d.parentPath, d.name)).split(path.sep).join("/"))
    .sort();
}

function violations(file: string, names: readonly string[]): string[] {
  const rule = ALLOWED.find((a) => a.path.test(file));
  return names.filter((n) => !rule || (rule.names !== undefined && !rule.names.has(n))).map((n) => `${file}: ${n}`);
}

describe("one writer", () => {
  it("no module outside scripts/write/ imports a function that writes files (but the maintainers' tools)", () => {
    const files = sourceFiles("scripts");
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => violations(f, writingImports(readFileSync(path.join(ROOT, f), "utf8"), f)));
    expect(found).toEqual([]);
    // The allowed writers are still there: the check is not passing because it stopped looking.
    expect(writingImports(readFileSync(path.join(ROOT, "scripts/write/atomic.ts"), "utf8"), "scripts/write/atomic.ts").length).toBeGreaterThan(0);
  });

  it("catches a named, renamed, whole-module and dynamic import of a writer, and an open with writing flags", () => {
    const planted = [
      'import { readFileSync, writeFileSync } from "node:fs";',
      'import { rm as remove } from "node:fs/promises";',
      'import * as fs from "fs";',
      'import fsDefault from "node:fs";',
      'const lazy = await import("node:fs");',
      'import type { Stats } from "node:fs";',
      'import { readFileSync as r } from "node:fs";',
      'import { constants, openSync as o } from "node:fs";',
      "o(file, constants.O_RDONLY | constants.O_NOFOLLOW);",
      "o(file, constants.O_WRONLY | constants.O_CREAT);",
      'o(file, "a");',
    ].join("\n");
    expect(writingImports(planted, "scripts/lint/x.ts")).toEqual(["writeFileSync", "rm", "* (whole module)", "* (whole module)", "* (whole module)", "openSync (writing flags)", "openSync (writing flags)"]);
    expect(violations("scripts/lint/x.ts", ["writeFileSync"])).toEqual(["scripts/lint/x.ts: writeFileSync"]);
    expect(violations("scripts/cli/output.ts", ["appendFileSync", "renameSync"])).toEqual(["scripts/cli/output.ts: appendFileSync", "scripts/cli/output.ts: renameSync"]);
    expect(violations("scripts/write/atomic.ts", ["renameSync"])).toEqual([]);
  });
});
