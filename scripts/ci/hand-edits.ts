// Finds files under generated/ that a change edited by hand: the change touches them, their content is
// not what the build writes, and nothing they are built from changed. Each names the file to edit instead.
import { createDiagnostic, type Diagnostic } from "../model/diagnostic.ts";
import type { OutputDrift } from "../write/sync.ts";

export type ChangeStatus = "added" | "modified" | "deleted";

export interface FileChange {
  readonly status: ChangeStatus;
  /** Repository-relative path with forward slashes. */
  readonly path: string;
}

/** Where entries and outputs live, as repository-relative folders without a trailing slash. */
export interface Layout {
  readonly entriesDir: string;
  readonly outDir: string;
}

export interface HandEdit {
  /** The generated file, repository-relative (e.g. generated/api/x.md). */
  readonly file: string;
  readonly status: ChangeStatus;
  /** The entry file (or folder) to edit instead. */
  readonly editInstead: string;
  readonly message: string;
}

/** Changes to the builder itself legitimately change every output. */
const BUILDER_SOURCES = ["scripts/", "package.json", "package-lock.json"];

interface Sources {
  /** The entry a view is rendered from. */
  readonly entryFile?: string;
  /** Any change under these prefixes can change the output. */
  readonly prefixes: string[];
  readonly describe: string;
}

/** What a generated file (path relative to the output folder) is built from. */
export function sourcesOf(rel: string, layout: Layout): Sources {
  const entries = `${layout.entriesDir}/`;
  if (rel === "README.md" || rel === "index.json") return { prefixes: [entries], describe: `every entry in ${entries}` };
  if (rel === "entry.schema.json") return { prefixes: ["scripts/schema/"], describe: "scripts/schema/entry-schema.ts" };
  const view = /^([^/]+)\/([^/]+?)(?:\.zh)?\.md$/u.exec(rel);
  if (view && view[2] === "README") return { prefixes: [`${entries}${view[1]}/`], describe: `the entries in ${entries}${view[1]}/` };
  if (view) {
    const entryFile = `${entries}${view[1]}/${view[2]}.json`;
    return { entryFile, prefixes: [entryFile], describe: entryFile };
  }
  // Any other output (a per-domain or search file) is built from the entries as a whole.
  return { prefixes: [entries], describe: `the entries in ${entries}` };
}

export function findHandEdits(drift: OutputDrift, changes: readonly FileChange[], layout: Layout): HandEdit[] {
  const outPrefix = `${layout.outDir}/`;
  const differs = new Set([...drift.stale, ...drift.missing, ...drift.extra]);
  const sourceChanges = changes.filter((c) => !c.path.startsWith(outPrefix)).map((c) => c.path);
  const edits: HandEdit[] = [];
  for (const change of changes) {
    if (!change.path.startsWith(outPrefix)) continue;
    const rel = change.path.slice(outPrefix.length);
    // The content is what the build writes: whoever wrote it, nothing is lost.
    if (!differs.has(rel)) continue;
    const sources = sourcesOf(rel, layout);
    // A file the change adds that the build does not write is no output of any source it changes: an
    // entry changed in the same pull request excused generated/foo.md, and the bot deleted it (pass AM).
    const explained = !(change.status === "added" && drift.extra.includes(rel)) && sourceChanges.some((p) => [...sources.prefixes, ...BUILDER_SOURCES].some((prefix) => p === prefix || (prefix.endsWith("/") && p.startsWith(prefix))));
    if (explained) continue;
    edits.push({ file: change.path, status: change.status, editInstead: sources.entryFile ?? sources.describe, message: handEditMessage(change, sources, drift.extra.includes(rel)) });
  }
  return edits;
}

function handEditMessage(change: FileChange, sources: Sources, producedByNothing: boolean): string {
  if (change.status === "deleted") {
    return sources.entryFile
      ? `was deleted by hand, but kb build writes it from ${sources.entryFile}; to remove the entry, delete ${sources.entryFile} instead`
      : `was deleted by hand, but kb build writes it from ${sources.describe}; restore it with npx kb build`;
  }
  if (producedByNothing) {
    return sources.entryFile
      ? `was ${change.status === "added" ? "added" : "edited"} by hand, but no entry produces it; to add an entry, create ${sources.entryFile} instead`
      : `was ${change.status === "added" ? "added" : "edited"} by hand, but kb build does not write it; remove it`;
  }
  return `was edited by hand; generated/ is rewritten by kb build, so edit ${sources.describe} instead`;
}

export function handEditDiagnostics(edits: readonly HandEdit[]): Diagnostic[] {
  // The same invariant kb check reports (generated/ is what kb build writes), with the entry to edit.
  return edits.map((e) =>
    createDiagnostic({
      file: e.file,
      severity: "error",
      rule: "kb/generated-up-to-date",
      message: e.message,
      hint: `make the change in ${e.editInstead}, run npx kb build (it rewrites generated/ from the entries) and commit both`,
    }),
  );
}
