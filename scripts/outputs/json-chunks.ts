// JSON.stringify(value, null, 2) + "\n", produced in pieces: a 100,000-entry index is longer than the
// longest string V8 can hold, so it is written and compared piece by piece. Byte-identical to the
// one-string form (a property test proves it on arbitrary JSON values).
const INDENT = "  ";

/**
 * An array whose items are made only as they are written: a 100,000-entry index filled whole would
 * hold every entry twice. jsonChunks writes it as the array it stands for; JSON.stringify sees that
 * array through toJSON.
 */
export class LazyArray<T> {
  constructor(
    readonly length: number,
    private readonly item: (index: number) => T,
    /** A key per item (an entry's id): what lets an item's text written before be reused (ItemReuse). */
    readonly keyOf?: (index: number) => string,
  ) {}

  at(index: number): T {
    return this.item(index);
  }

  toJSON(): T[] {
    return Array.from({ length: this.length }, (_, i) => this.item(i));
  }
}

/**
 * Reuse of the text of keyed LazyArray items that are written as one piece (the entries of an index):
 * the incremental decorator in speed/ hands back the text an unchanged entry had in the file written
 * before, instead of making it again. The output is the same either way; `written` says where each
 * item's text lands, in bytes from the start of the output, so that the next run can find it.
 */
export interface ItemReuse {
  /** The item's text as written before, when its key says it is unchanged; undefined: make it. */
  text(key: string): string | undefined;
  written(key: string, start: number, bytes: number): void;
}

/** The pieces of `JSON.stringify(value, null, 2) + "\n"`; containers down to `depth` are split per item. */
export function* jsonChunks(value: unknown, depth = 2, reuse?: ItemReuse): Generator<string> {
  if (!reuse) {
    yield* chunksOf(value, "", depth, true, undefined);
    return yield "\n";
  }
  // The bytes written so far: read by chunksOf just before it yields a keyed item.
  const at = { reuse, bytes: 0 };
  for (const chunk of chunksOf(value, "", depth, true, at)) {
    at.bytes += Buffer.byteLength(chunk);
    yield chunk;
  }
  yield "\n";
}

interface Position {
  readonly reuse: ItemReuse;
  bytes: number;
}

function* chunksOf(value: unknown, indent: string, depth: number, inArray: boolean, at: Position | undefined): Generator<string> {
  if (value instanceof LazyArray && depth > 0) {
    const inner = indent + INDENT;
    if (value.length === 0) return yield "[]";
    yield "[";
    // Items written as one piece (depth 1) can be reused whole.
    const keyOf = at && depth === 1 ? value.keyOf : undefined;
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? "" : ","}\n${inner}`;
      if (keyOf) {
        const key = keyOf(i);
        const text = at!.reuse.text(key) ?? leaf(serialisable(value.at(i)), inner, true) ?? "null";
        at!.reuse.written(key, at!.bytes, Buffer.byteLength(text));
        yield text;
      } else yield* chunksOf(value.at(i), inner, depth - 1, true, at);
    }
    return yield `\n${indent}]`;
  }
  const v = serialisable(value);
  if (depth <= 0 || v === null || typeof v !== "object") {
    const text = leaf(v, indent, inArray);
    if (text !== undefined) yield text;
    return;
  }
  const inner = indent + INDENT;
  if (Array.isArray(v)) {
    if (v.length === 0) return yield "[]";
    yield "[";
    for (let i = 0; i < v.length; i++) {
      yield `${i === 0 ? "" : ","}\n${inner}`;
      yield* chunksOf(v[i], inner, depth - 1, true, at);
    }
    return yield `\n${indent}]`;
  }
  // A LazyArray is always written; asking it for its JSON here would make every item.
  const keys = Object.keys(v).filter((k) => {
    const item = (v as Record<string, unknown>)[k];
    return item instanceof LazyArray || isSerialised(serialisable(item));
  });
  if (keys.length === 0) return yield "{}";
  yield "{";
  for (let i = 0; i < keys.length; i++) {
    yield `${i === 0 ? "" : ","}\n${inner}${JSON.stringify(keys[i])}: `;
    yield* chunksOf((v as Record<string, unknown>)[keys[i]!], inner, depth - 1, false, at);
  }
  yield `\n${indent}}`;
}

/** A value written whole at this indent, as JSON.stringify writes it there (undefined: left out). */
function leaf(v: unknown, indent: string, inArray: boolean): string | undefined {
  const text = JSON.stringify(v, null, 2) ?? (inArray ? "null" : undefined);
  return text === undefined || indent === "" ? text : text.replaceAll("\n", `\n${indent}`);
}

/** What JSON.stringify serialises in place of a value: the result of toJSON, when there is one. */
function serialisable(value: unknown): unknown {
  const withToJson = value as { toJSON?: unknown } | null;
  if (withToJson !== null && (typeof withToJson === "object" || typeof withToJson === "bigint") && typeof withToJson.toJSON === "function") {
    return (withToJson.toJSON as () => unknown)();
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean) return value.valueOf();
  return value;
}

/** Whether an object property with this value appears in JSON.stringify's output. */
function isSerialised(value: unknown): boolean {
  return value !== undefined && typeof value !== "function" && typeof value !== "symbol";
}
