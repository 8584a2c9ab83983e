// One entry file from bytes to Source: decodes UTF-8 strictly, parses once with positions through the
// guarded JSON parser and keeps text, tree and value together. Pure: the listing reads, this parses.
import type { Node } from "jsonc-parser";
import { createDiagnostic, type Diagnostic } from "../model/diagnostic.ts";
import { LineIndex } from "../model/location.ts";
import type { Limits } from "../model/limits.ts";
import { invalidUtf8Diagnostic, parseJsonText } from "./json-text.ts";
import { decodeUtf8 } from "./read-file.ts";

/** A file under entries/ that should be an entry, before it is read. */
export interface EntryRef {
  /** Display path, relative to the working directory, with forward slashes. */
  readonly file: string;
  readonly absolute: string;
  /** The id the path implies, when the path is `<domain>/<slug>.json` with valid names. */
  readonly pathId: string | undefined;
  /** Why the path cannot be an entry id, when it cannot. */
  readonly pathProblem: string | undefined;
}

/** An entry file parsed once: its text, positioned tree and value (tree and value when it is well-formed JSON). */
export interface Source {
  readonly file: string;
  readonly pathId: string | undefined;
  readonly text: string;
  readonly lines: LineIndex;
  readonly tree: Node | undefined;
  readonly value: unknown;
}

export interface ParsedEntryFile {
  /** Present when the bytes decoded (the JSON may still be broken: then tree is undefined). */
  readonly source: Source | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

export function parseEntryFile(ref: Pick<EntryRef, "file" | "pathId" | "pathProblem">, bytes: Uint8Array, limits: Pick<Limits, "maxDepth" | "maxDiagnosticsPerFile">): ParsedEntryFile {
  const pathProblems = ref.pathProblem
    ? [createDiagnostic({ file: ref.file, severity: "error", rule: "kb/stray-file", message: `this path cannot be an entry: ${ref.pathProblem}`, hint: "move or rename the file" })]
    : [];
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return { source: undefined, diagnostics: [...pathProblems, invalidUtf8Diagnostic(ref.file, decoded)] };
  }
  const json = parseJsonText(ref.file, decoded.text, { maxDepth: limits.maxDepth, maxProblems: limits.maxDiagnosticsPerFile, emptyHint: "an entry is one JSON object; run npx kb new <domain>/<slug> to start one", bomFix: "npx kb fix" });
  const diagnostics = [...pathProblems, ...json.diagnostics];
  if (json.tree && json.tree.type !== "object") {
    const article = json.tree.type === "array" ? "an array" : `a ${json.tree.type}`;
    diagnostics.push(createDiagnostic({ file: ref.file, ...json.lines.position(json.tree.offset), severity: "error", rule: "kb/not-an-object", message: `an entry is a JSON object, not ${article}`, hint: "wrap the fields in { }" }));
  }
  return { source: { file: ref.file, pathId: ref.pathId, text: json.text, lines: json.lines, tree: json.tree, value: json.value }, diagnostics };
}
