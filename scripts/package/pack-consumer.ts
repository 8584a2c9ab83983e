// `npm run pack:consumer`: builds the consumer package, error-kb-data, from generated/ and the lookup
// library (lookup/, match/, the model's types, the bounded reader), and packs it with npm pack into .pack/. It has no
// runtime dependencies at all: compiled ESM and CommonJS with .d.ts types, the data (index.json,
// match.json, one JSON per domain, the schemas) typed as modules, nothing of the CLI. Development
// tooling: it uses the TypeScript compiler of the repository.
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const PACK_DIR = path.join(ROOT, ".pack");
export const PACKAGE_NAME = "error-kb-data";

/**
 * Where the library may reach: all a consumer needs to look up errors, nothing of the CLI or the build.
 * One file of source/ besides: the bounded, non-blocking reader (node:fs only), so an index is read as
 * safely as kb reads an entry (.dependency-cruiser.cjs keeps it free of the project's other modules).
 */
const LIBRARY_FOLDERS = ["lookup/", "match/", "model/", "source/read-file.ts"];

/**
 * The library's sources, relative to scripts/: every module lookup/index.ts reaches through relative
 * imports (worked out, not listed, so a new import cannot be left out of the package). A module outside
 * LIBRARY_FOLDERS is an error: the package would drag in the pipeline.
 */
export function libraryFiles(): string[] {
  const seen = new Set<string>();
  const queue = ["lookup/index.ts"];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    if (!LIBRARY_FOLDERS.some((folder) => file.startsWith(folder))) throw new Error(`the consumer library reaches scripts/${file}, outside ${LIBRARY_FOLDERS.join(", ")}`);
    seen.add(file);
    const { importedFiles } = ts.preProcessFile(readFileSync(path.join(ROOT, "scripts", file), "utf8"), true, true);
    for (const { fileName } of importedFiles) {
      if (fileName.startsWith(".")) queue.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName)));
    }
  }
  return [...seen].sort();
}

/** The two files that say where things are; each build gets its own (import.meta exists only in ESM). */
const LOCATIONS = {
  esm: {
    "lookup/data-folder.ts": '// The package root, where the bundled data is (two folders up from lib/esm/lookup/).\nimport { fileURLToPath } from "node:url";\n\nexport const DATA_DIR: string = fileURLToPath(new URL("../../../", import.meta.url));\n',
    "match/worker-file.ts": '// The regex worker, next to this module.\nexport const MATCH_WORKER: URL | string = new URL("./match-worker.mjs", import.meta.url);\n',
  },
  cjs: {
    "lookup/data-folder.ts": '// The package root, where the bundled data is (two folders up from lib/cjs/lookup/).\nimport path from "node:path";\n\nexport const DATA_DIR: string = path.join(__dirname, "..", "..", "..");\n',
    "match/worker-file.ts": '// The regex worker, next to this module.\nimport path from "node:path";\n\nexport const MATCH_WORKER: URL | string = path.join(__dirname, "match-worker.mjs");\n',
  },
} as const;

function compile(srcDir: string, outDir: string): void {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    // NodeNext emits CommonJS for files whose package.json says "type": "commonjs" (the cjs source folder's does).
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    rewriteRelativeImportExtensions: true,
    allowImportingTsExtensions: true,
    esModuleInterop: true,
    declaration: true,
    strict: true,
    skipLibCheck: true,
    types: ["node"],
    typeRoots: [path.join(ROOT, "node_modules/@types")],
    rootDir: srcDir,
    outDir,
  };
  const files = libraryFiles().map((f) => path.join(srcDir, f));
  const program = ts.createProgram(files, options);
  const emitted = program.emit();
  const problems = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  if (problems.length > 0) throw new Error(ts.formatDiagnostics(problems, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => srcDir, getNewLine: () => "\n" }));
  copyFileSync(path.join(ROOT, "scripts/match/match-worker.mjs"), path.join(outDir, "match/match-worker.mjs"));
}

export function packageJson(version: string, domains: readonly string[]): Record<string, unknown> {
  const json = (name: string) => ({ types: `./${name}.d.ts`, default: `./${name}` });
  return {
    name: PACKAGE_NAME,
    version,
    description: "A knowledge base of error messages, with dead ends and workarounds, and a lookup library. No dependencies.",
    license: "MIT",
    type: "module",
    engines: { node: ">=18" },
    sideEffects: false,
    main: "./lib/cjs/lookup/index.js",
    types: "./lib/esm/lookup/index.d.ts",
    exports: {
      ".": {
        import: { types: "./lib/esm/lookup/index.d.ts", default: "./lib/esm/lookup/index.js" },
        require: { types: "./lib/cjs/lookup/index.d.ts", default: "./lib/cjs/lookup/index.js" },
      },
      "./index.json": json("index.json"),
      "./match.json": json("match.json"),
      "./index.schema.json": "./index.schema.json",
      "./entry.schema.json": "./entry.schema.json",
      ...Object.fromEntries(domains.map((d) => [`./${d}.json`, json(`${d}.json`)])),
      "./package.json": "./package.json",
    },
    // TypeScript's node10 resolution reads no exports map: these send the JSON imports to their types.
    typesVersions: { "*": { "index.json": ["index.json.d.ts"], "match.json": ["match.json.d.ts"], ...Object.fromEntries(domains.map((d) => [`${d}.json`, [`${d}.json.d.ts`]])) } },
    files: ["lib", "*.json", "*.json.d.ts", "README.md"],
  };
}

/** A typed JSON module: importing index.json gives a BundledIndex, not a literal type TypeScript chokes on. */
function jsonTypes(type: "BundledIndex" | "MatchIndex"): string {
  return `import type { ${type} } from "./lib/esm/lookup/index.js";\ndeclare const data: ${type};\nexport default data;\n`;
}

/** The package's README: the repository README's section on using the knowledge base from code. */
export function consumerReadme(readme: string): string {
  const start = readme.indexOf("## Using the knowledge base from code");
  const end = readme.indexOf("\n## ", start + 1);
  if (start < 0) throw new Error("README.md has no section '## Using the knowledge base from code'");
  const section = readme.slice(start, end < 0 ? undefined : end).replace("## Using the knowledge base from code", "# error-kb-data");
  return `${section.trimEnd()}\n`;
}

export function buildConsumerPackage(): string {
  const generated = path.join(ROOT, "generated");
  if (!existsSync(path.join(generated, "match.json"))) throw new Error("generated/match.json is missing: run npx kb build first");
  const stage = path.join(PACK_DIR, PACKAGE_NAME);
  rmSync(PACK_DIR, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const format of ["esm", "cjs"] as const) {
    const src = path.join(PACK_DIR, `src-${format}`);
    for (const f of libraryFiles()) {
      mkdirSync(path.dirname(path.join(src, f)), { recursive: true });
      copyFileSync(path.join(ROOT, "scripts", f), path.join(src, f));
    }
    for (const [f, text] of Object.entries(LOCATIONS[format])) writeFileSync(path.join(src, f), text);
    writeFileSync(path.join(src, "package.json"), JSON.stringify({ type: format === "esm" ? "module" : "commonjs" }));
    compile(src, path.join(stage, "lib", format));
    rmSync(src, { recursive: true, force: true });
  }
  writeFileSync(path.join(stage, "lib/cjs/package.json"), '{ "type": "commonjs" }\n');
  const domains = readdirSync(generated).filter((f) => f.endsWith(".json") && !["index.json", "match.json", "index.schema.json", "entry.schema.json"].includes(f)).map((f) => f.slice(0, -5)).sort();
  for (const f of ["index.json", "match.json", "index.schema.json", "entry.schema.json", ...domains.map((d) => `${d}.json`)]) cpSync(path.join(generated, f), path.join(stage, f));
  writeFileSync(path.join(stage, "index.json.d.ts"), jsonTypes("BundledIndex"));
  writeFileSync(path.join(stage, "match.json.d.ts"), jsonTypes("MatchIndex"));
  for (const d of domains) writeFileSync(path.join(stage, `${d}.json.d.ts`), jsonTypes("BundledIndex"));
  const { version } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
  writeFileSync(path.join(stage, "package.json"), JSON.stringify(packageJson(version, domains), null, 2) + "\n");
  writeFileSync(path.join(stage, "README.md"), consumerReadme(readFileSync(path.join(ROOT, "README.md"), "utf8")));
  const out = execFileSync("npm", ["pack", "--silent", "--pack-destination", PACK_DIR], { cwd: stage, encoding: "utf8" }).trim().split("\n").pop()!;
  return path.join(PACK_DIR, out);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tarball = buildConsumerPackage();
  process.stdout.write(`${path.relative(process.cwd(), tarball)}\n`);
}
