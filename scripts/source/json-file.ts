// Reads a JSON file that is not an entry (kb.config.json, lint-exceptions.json, an index handed to
// lookup) through the same guards as entries: bounded size, regular files only, no blocking on a FIFO
// or device, strict UTF-8, bounded nesting. A guard failure is a located kb/json-syntax diagnostic.
import { lstatSync } from "node:fs";
import { createDiagnostic } from "../model/diagnostic.ts";
import { LineIndex } from "../model/location.ts";
import type { Limits } from "../model/limits.ts";
import { invalidUtf8Diagnostic, parseJsonText, type JsonText } from "./json-text.ts";
import { decodeUtf8, readBoundedFile } from "./read-file.ts";
import { isWithin } from "./entry-path.ts";

const isLink = (file: string): boolean => {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
};

/**
 * The file parsed, or undefined when it does not exist. `shown` is the path as messages print it.
 * With `within`, a link is followed only to a file inside that folder: a committed
 * lint-exceptions.json linking to a credentials file had its keys and values printed by a PR's lint
 * (pass AN).
 */
export function readJsonFile(absolute: string, shown: string, limits: Pick<Limits, "maxFileBytes" | "maxDepth" | "maxDiagnosticsPerFile">, maxBytes = limits.maxFileBytes, within?: string): JsonText | undefined {
  const failed = (message: string, hint: string): JsonText => ({
    file: shown,
    text: "",
    lines: new LineIndex(""),
    diagnostics: [createDiagnostic({ file: shown, severity: "error", rule: "kb/json-syntax", message, hint })],
  });
  if (within !== undefined && isLink(absolute) && !isWithin(absolute, within)) return failed("is a symbolic link to a file outside the repository; kb does not read it", "commit the file itself, not a link");
  const read = readBoundedFile(absolute, maxBytes, true);
  if (!read.ok) {
    if (read.reason === "missing") return undefined;
    if (read.reason === "too-large") return failed(`the file is ${read.detail}, more than the limit of ${maxBytes} bytes`, "check that this is the file you meant; limits.maxFileBytes in kb.config.json sets the limit, and kb.config.json itself is held to the default");
    if (read.reason === "not-a-file") return failed(`is ${read.detail}, not a regular file`, "replace it with a plain JSON file");
    return failed(`cannot be read (${read.detail})`, "check the file's permissions");
  }
  const decoded = decodeUtf8(read.bytes);
  if (!decoded.ok) return { file: shown, text: "", lines: new LineIndex(""), diagnostics: [invalidUtf8Diagnostic(shown, decoded)] };
  return parseJsonText(shown, decoded.text, { maxDepth: limits.maxDepth, maxProblems: limits.maxDiagnosticsPerFile });
}
