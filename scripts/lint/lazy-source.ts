// The parsed source of an entry whose result came from the cache: nothing is parsed, and no text is
// kept, until a diagnostic has to be placed in the file. Keeps a 100,000-entry run from holding every
// file's text and syntax tree at once.
import { readFileSync } from "node:fs";
import type { Node } from "jsonc-parser";
import type { Diagnostic } from "../core/diagnostic.ts";
import type { Limits } from "../core/limits.ts";
import type { LineIndex } from "../core/location.ts";
import { parseEntryText, type ParsedSource } from "../load/parse.ts";

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

export class LazySource implements ParsedSource {
  private parsed: ParsedSource | undefined;

  constructor(
    readonly file: string,
    private readonly absolute: string,
    private readonly limits: Limits,
  ) {}

  private load(): ParsedSource {
    if (!this.parsed) {
      let text = "";
      try {
        text = decoder.decode(readFileSync(this.absolute));
      } catch {
        // Deleted since it was read: diagnostics fall back to the top of the file.
      }
      this.parsed = parseEntryText(this.file, text, this.limits);
    }
    return this.parsed;
  }

  get text(): string {
    return this.load().text;
  }
  get lines(): LineIndex {
    return this.load().lines;
  }
  get tree(): Node | undefined {
    return this.load().tree;
  }
  get value(): unknown {
    return this.load().value;
  }
  get diagnostics(): readonly Diagnostic[] {
    return this.load().diagnostics;
  }
}
