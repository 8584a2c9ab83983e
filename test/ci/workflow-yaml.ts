// A reader for the block-style YAML our workflow files use (mappings, sequences, plain and quoted
// scalars, `|`/`>` block scalars, `[a, b]`, `{}`), so tests can assert on their structure without a
// YAML dependency. Anything else throws: a test must never pass on a file this reader misread.
export type Yaml = string | null | Yaml[] | { [key: string]: Yaml };

interface Line {
  readonly no: number;
  readonly indent: number;
  /** Content without indentation and trailing comment. */
  readonly text: string;
}

export class YamlSubsetError extends Error {}

export function parseWorkflowYaml(source: string): Yaml {
  const raw = source.replace(/\r\n/g, "\n").split("\n");
  const reader = new Reader(raw);
  const value = reader.block(0);
  const rest = reader.peek();
  if (rest) throw new YamlSubsetError(`line ${rest.no}: unexpected indentation`);
  return value;
}

class Reader {
  private index = 0;
  constructor(private readonly raw: string[]) {}

  /** The next line with content, skipping blank and comment-only lines. */
  peek(): Line | undefined {
    while (this.index < this.raw.length) {
      const line = this.raw[this.index]!;
      if (/\t/.test(line.match(/^\s*/)![0])) throw new YamlSubsetError(`line ${this.index + 1}: tab in indentation`);
      const text = stripComment(line.trim());
      if (text !== "") return { no: this.index + 1, indent: line.length - line.trimStart().length, text };
      this.index++;
    }
    return undefined;
  }

  block(indent: number): Yaml {
    const first = this.peek();
    if (!first || first.indent < indent) return null;
    return isSequenceItem(first.text) ? this.sequence(first.indent) : this.mapping(first.indent);
  }

  private mapping(indent: number, firstText?: string): { [key: string]: Yaml } {
    const out: { [key: string]: Yaml } = {};
    let text = firstText;
    while (true) {
      let no: number;
      if (text === undefined) {
        const line = this.peek();
        if (!line || line.indent < indent) break;
        if (line.indent > indent || isSequenceItem(line.text)) throw new YamlSubsetError(`line ${line.no}: expected a key at indentation ${indent}`);
        text = line.text;
        no = line.no;
      } else no = this.index + 1;
      this.index++;
      const m = /^("[^"]*"|'[^']*'|[^\s"'{[\]#][^:]*?):(?:\s+(.*))?$/.exec(text);
      if (!m) throw new YamlSubsetError(`line ${no}: not a "key: value" line: ${text}`);
      const key = scalar(m[1]!, no) as string;
      if (Object.hasOwn(out, key)) throw new YamlSubsetError(`line ${no}: duplicate key ${key}`);
      out[key] = this.value(m[2] ?? "", indent, no);
      text = undefined;
    }
    return out;
  }

  private sequence(indent: number): Yaml[] {
    const out: Yaml[] = [];
    while (true) {
      const line = this.peek();
      if (!line || line.indent < indent) break;
      if (line.indent > indent || !isSequenceItem(line.text)) throw new YamlSubsetError(`line ${line.no}: expected "- " at indentation ${indent}`);
      const item = line.text.slice(1).trimStart();
      if (item === "") {
        this.index++;
        out.push(this.block(indent + 1));
      } else if (/^("[^"]*"|'[^']*'|[^\s"'{[\]#][^:]*?):(\s|$)/.test(item)) {
        // "- key: value" starts a mapping whose keys sit where "key" does.
        out.push(this.mapping(indent + (line.text.length - item.length), item));
      } else {
        this.index++;
        out.push(this.value(item, indent, line.no) as Yaml);
      }
    }
    return out;
  }

  private value(text: string, indent: number, no: number): Yaml {
    if (text === "") {
      const next = this.peek();
      if (next && next.indent > indent) return this.block(next.indent);
      if (next && next.indent === indent && isSequenceItem(next.text)) return this.sequence(indent);
      return null;
    }
    const blockScalar = /^([|>])([+-]?)$/.exec(text);
    if (blockScalar) return this.blockScalar(blockScalar[1] === ">", blockScalar[2]!, indent);
    if (text.startsWith("[")) {
      if (!text.endsWith("]")) throw new YamlSubsetError(`line ${no}: multi-line flow sequence`);
      const inner = text.slice(1, -1).trim();
      return inner === "" ? [] : inner.split(",").map((s) => scalar(s.trim(), no));
    }
    if (text === "{}") return {};
    if (text.startsWith("{")) throw new YamlSubsetError(`line ${no}: flow mapping`);
    return scalar(text, no);
  }

  /** Lines more indented than the key, verbatim (comments included: they are content here). */
  private blockScalar(folded: boolean, chomp: string, indent: number): string {
    const lines: string[] = [];
    let blockIndent: number | undefined;
    while (this.index < this.raw.length) {
      const line = this.raw[this.index]!;
      const lineIndent = line.length - line.trimStart().length;
      if (line.trim() !== "") {
        if (lineIndent <= indent) break;
        blockIndent ??= lineIndent;
        if (lineIndent < blockIndent) throw new YamlSubsetError(`line ${this.index + 1}: block scalar dedents`);
      }
      lines.push(line.trim() === "" ? "" : line.slice(blockIndent));
      this.index++;
    }
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    const body = folded ? lines.join("\n").replace(/([^\n])\n(?=[^\n])/g, "$1 ") : lines.join("\n");
    return chomp === "-" ? body : `${body}\n`;
  }
}

const isSequenceItem = (text: string) => text === "-" || text.startsWith("- ");

/** Drops a `#` comment that starts the text or follows white space outside quotes. */
function stripComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) return text.slice(0, i).trimEnd();
  }
  return text;
}

function scalar(text: string, no: number): string | null {
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) throw new YamlSubsetError(`line ${no}: unterminated string`);
    return JSON.parse(text) as string;
  }
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw new YamlSubsetError(`line ${no}: unterminated string`);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (/^[&*!%@`|>]/.test(text)) throw new YamlSubsetError(`line ${no}: unsupported YAML: ${text}`);
  return text === "null" || text === "~" ? null : text;
}
