// The job summary sections a CI run writes for people: what happened to generated/, and what the change
// does to the knowledge base. Built as mdast trees; user text enters only as text and inline code.
import type { List, PhrasingContent, Root, RootContent } from "mdast";
import { code, heading, paragraph, table, text } from "../markdown/build.ts";
import { truncate } from "../lint/regex-misses.ts";
import type { IndexDiff, IndexedRecord } from "./index-diff.ts";
import type { RegenerationOutcome } from "./regeneration.ts";

/** The artifact holding the regenerated generated/ folder (the workflow uploads it under this name). */
export const GENERATED_ARTIFACT = "kb-generated";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Most rows or list items a section shows, and the longest signature it quotes: GitHub drops a step
 * summary past 1 MiB, and 12,000 changed entries wrote 2.5 MB (pass AM). 500 rows of an id and 200
 * characters stay near 150 KB.
 */
export const MAX_SUMMARY_ROWS = 500;
const MAX_SUMMARY_TEXT = 200;
const shorten = (s: string) => truncate(s, MAX_SUMMARY_TEXT);
/** The first MAX_SUMMARY_ROWS items, and a paragraph saying how many more there are, where any are. */
function capped<T>(items: readonly T[], where: string): { shown: readonly T[]; more: RootContent[] } {
  const rest = items.length - MAX_SUMMARY_ROWS;
  return { shown: items.slice(0, MAX_SUMMARY_ROWS), more: rest > 0 ? [paragraph(text(`${rest} more not shown; ${where}.`))] : [] };
}

const bulletList = (items: PhrasingContent[][]): List => ({
  type: "list",
  ordered: false,
  spread: false,
  children: items.map((children) => ({ type: "listItem", spread: false, children: [{ type: "paragraph", children }] })),
});

/** `a`, `b` and `c` as inline code separated by commas. */
function codeList(values: readonly string[]): PhrasingContent[] {
  return values.flatMap((v, i) => (i === 0 ? [code(v)] : [text(", "), code(v)]));
}

export function regenerationSummary(outcome: RegenerationOutcome, outDisplay: string): Root {
  const children: RootContent[] = [heading(2, text("Generated files"))];
  const fileList = (files: readonly string[]): RootContent[] => {
    const { shown, more } = capped(files, `see the ${GENERATED_ARTIFACT} artifact of this run`);
    return [bulletList(shown.map((f) => [code(f)])), ...more];
  };
  switch (outcome.kind) {
    case "up-to-date":
      children.push(paragraph(code(`${outDisplay}/`), text(" is up to date with the entries: nothing to commit.")));
      break;
    case "commit":
      children.push(
        paragraph(text(`${plural(outcome.files.length, "file")} in `), code(`${outDisplay}/`), text(` ${outcome.files.length === 1 ? "was" : "were"} out of date. The bot commits the rebuilt files to branch `), code(outcome.branch), text(" (job “Commit regenerated files”); pull before you push again.")),
        ...fileList(outcome.files),
      );
      break;
    case "cannot-push":
      children.push(
        paragraph(text(`${plural(outcome.files.length, "file")} in `), code(`${outDisplay}/`), text(` ${outcome.files.length === 1 ? "is" : "are"} out of date, and this run cannot commit the rebuilt files: ${outcome.reason}.`)),
        paragraph(text("To fix it, run "), code("npx kb build"), text(" in your clone and commit "), code(`${outDisplay}/`), text(", or download the "), code(GENERATED_ARTIFACT), text(" artifact of this run and copy its files into "), code(`${outDisplay}/`), text(".")),
        ...fileList(outcome.files),
      );
      break;
    case "fork-stale":
      children.push(
        paragraph(text(`${plural(outcome.files.length, "file")} in `), code(`${outDisplay}/`), text(` ${outcome.files.length === 1 ? "is" : "are"} not regenerated in this pull request (${outcome.reason}). Nothing to do: after the merge, the run on the default branch regenerates and commits ${outcome.files.length === 1 ? "it" : "them"}. Reviewers can see the rebuilt files in the `), code(GENERATED_ARTIFACT), text(" artifact of this run.")),
        ...fileList(outcome.files),
      );
      break;
    case "hand-edited": {
      const edits = capped(outcome.edits, "see the annotations of this run");
      children.push(
        paragraph(text("These files under "), code(`${outDisplay}/`), text(" were changed by hand. kb build rewrites them from the entries, so the change would be lost:")),
        table(
          ["File", "Edit instead", "Problem"],
          edits.shown.map((e) => [[code(e.file)], [code(e.editInstead)], [text(shorten(e.message))]]),
        ),
        ...edits.more,
        paragraph(text("Make the change in the entry, run "), code("npx kb build"), text(" (it also restores the generated files) and commit both.")),
      );
      break;
    }
  }
  return { type: "root", children };
}

/** Short description of an entry for the table: its signature when it has one. */
const describe = (e: IndexedRecord): PhrasingContent[] => (typeof e.signature === "string" ? [text(shorten(e.signature))] : []);

export function changeSummary(diff: IndexDiff, note?: string): Root {
  const { added, changed, removed } = diff;
  const children: RootContent[] = [heading(2, text("Knowledge base changes"))];
  if (note) children.push(paragraph(text(note)));
  if (added.length + changed.length + removed.length === 0) {
    children.push(paragraph(text("No entry is added, changed or removed.")));
    return { type: "root", children };
  }
  children.push(paragraph(text(`${plural(added.length, "entry", "entries")} added, ${changed.length} changed, ${removed.length} removed.`)));
  const rows = capped(
    [
      ...added.map((e) => [[text("added")], [code(e.id)], describe(e)]),
      ...changed.map((c) => [[text("changed")], [code(c.id)], codeList(c.fields.slice(0, 20))]),
      ...removed.map((e) => [[text("removed")], [code(e.id)], describe(e)]),
    ],
    "the diff of generated/index.json has them all",
  );
  children.push(table(["Change", "Entry", "Details"], [...rows.shown]), ...rows.more);
  return { type: "root", children };
}
