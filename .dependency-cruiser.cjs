// The architecture, checked by `npm test` (test/architecture.test.ts): data flows one way, nothing
// imports upward, no cycles between files or folders. Layers, lowest first:
//   model → source → regex, match → lint → outputs, markdown → write → speed → runner → cli
// plus side folders: report (formats diagnostics), lookup (the consumer package), authoring (kb new),
// ci (the PR workflow's decisions), codegen and bench (development tooling).
/** @type {import('dependency-cruiser').IConfiguration} */
const layer = (name) => `^scripts/${name}/`;
module.exports = {
  forbidden: [
    { name: "no-cycles", severity: "error", comment: "Files must not import each other in a circle.", from: {}, to: { circular: true } },
    { name: "core-not-cli", severity: "error", comment: "Nothing below the CLI imports the CLI.", from: { path: "^scripts/", pathNot: "^scripts/(cli|bench)/" }, to: { path: layer("cli") } },
    { name: "core-not-runner", severity: "error", comment: "The core does not import its host.", from: { path: "^scripts/(model|source|regex|match|lint|outputs|markdown|write|speed|report|lookup)/" }, to: { path: layer("runner"), dependencyTypesNot: ["type-only"] } },
    { name: "model-is-the-bottom", severity: "error", comment: "model/ imports no other layer.", from: { path: layer("model") }, to: { path: "^scripts/", pathNot: layer("model") } },
    { name: "source-reads-only", severity: "error", comment: "source/ stands on model/ (and match/'s escape stripping) only.", from: { path: layer("source") }, to: { path: "^scripts/", pathNot: "^scripts/(model|source)/" } },
    { name: "match-has-no-dependencies", severity: "error", comment: "match/ ships in the consumer package: node built-ins only.", from: { path: layer("match") }, to: { pathNot: "^(scripts/match/|node:)", dependencyTypesNot: ["core"] } },
    { name: "lookup-is-the-package", severity: "error", comment: "lookup/ ships in the consumer package: match/, model/ types and the bounded reader only, no npm packages.", from: { path: layer("lookup") }, to: { pathNot: "^(scripts/(lookup|match|model)/|scripts/source/read-file\\.ts$|node:)", dependencyTypesNot: ["core"] } },
    { name: "reader-stands-alone", severity: "error", comment: "source/read-file.ts ships in the consumer package: node built-ins only.", from: { path: "^scripts/source/read-file\\.ts$" }, to: { pathNot: "^node:", dependencyTypesNot: ["core"] } },
    { name: "lint-below-outputs", severity: "error", comment: "lint/ does not know how outputs are made or written.", from: { path: layer("lint") }, to: { path: "^scripts/(outputs|markdown|write|speed|runner|cli|report)/" } },
    { name: "outputs-below-write", severity: "error", comment: "outputs/ plans content; it does not write it.", from: { path: layer("outputs") }, to: { path: "^scripts/(write|speed|runner|cli|lint)/" } },
    { name: "speed-wraps-the-core", severity: "error", comment: "speed/ decorates the core; its host (runner) and the CLI sit above it.", from: { path: layer("speed") }, to: { path: "^scripts/(runner|cli)/" } },
    { name: "write-knows-no-speed", severity: "error", comment: "The writer is the core; speed wraps it.", from: { path: layer("write") }, to: { path: "^scripts/(speed|runner|cli|lint)/" } },
    { name: "regex-below-lint", severity: "error", comment: "regex/ analyses patterns; it knows no rules.", from: { path: layer("regex") }, to: { path: "^scripts/(lint|outputs|write|speed|runner|cli)/" } },
    { name: "no-test-imports", severity: "error", comment: "Shipped code never imports tests (codegen, development tooling, may).", from: { path: "^scripts/", pathNot: "^scripts/codegen/" }, to: { path: "^test/" } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".mjs", ".js"] },
  },
};
