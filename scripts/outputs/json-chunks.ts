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
  ) {}

  at(index: number): T {
    return this.item(index);
  }

  toJSON(): T[] {
    return Array.from({ length: this.length }, (_, i) => this.item(i));
  }
}

/** The pieces of `JSON.stringify(value, null, 2) + "\n"`; containers down to `depth` are split per item. */
export function* jsonChunks(value: unknown, depth = 2): Generator<string> {
  yield* chunksOf(value, "", depth, true);
  yield "\n";
}

function* chunksOf(value: unknown, indent: string, depth: number, inArray: boolean): Generator<string> {
  if (value instanceof LazyArray && depth > 0) {
    const inner = indent + INDENT;
    if (value.length === 0) return yield "[]";
    yield "[";
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? "" : ","}\n${inner}`;
      yield* chunksOf(value.at(i), inner, depth - 1, true);
    }
    return yield `\n${indent}]`;
  }
  const v = serialisable(value);
  if (depth <= 0 || v === null || typeof v !== "object") {
    const text = JSON.stringify(v, null, 2) ?? (inArray ? "null" : undefined);
    if (text !== undefined) yield indent === "" ? text : text.replaceAll("\n", `\n${indent}`);
    return;
  }
  const inner = indent + INDENT;
  if (Array.isArray(v)) {
    if (v.length === 0) return yield "[]";
    yield "[";
    for (let i = 0; i < v.length; i++) {
      yield `${i === 0 ? "" : ","}\n${inner}`;
      yield* chunksOf(v[i], inner, depth - 1, true);
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
    yield* chunksOf((v as Record<string, unknown>)[keys[i]!], inner, depth - 1, false);
  }
  yield `\n${indent}}`;
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
