// The canonical text of an entry: keys in the schema's order, 2-space indent, LF, a final newline,
// trimmed strings (except the regex, where white space is meaning), sorted unique tags. Lint and fix
// both use this one function, so they cannot disagree about what "canonical" means.
import { entrySchema } from "./entry-schema.ts";

type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode; additionalProperties?: unknown };

/** Top-level fields whose leading or trailing white space is meaningful and must be kept. */
const VERBATIM = new Set(["regex"]);

export function canonicalValue(value: unknown): unknown {
  return normalise(value, entrySchema as unknown as SchemaNode, undefined, true);
}

export function canonicalText(value: unknown): string {
  return JSON.stringify(canonicalValue(value), null, 2) + "\n";
}

/** Each schema node's own property names, in order: computed once, not per value. */
const propertyNames = new WeakMap<Record<string, SchemaNode>, string[]>();

/**
 * `field` is the top-level key the value sits under (tags and regex are treated specially there);
 * `top` marks the entry object itself. Runs for every entry of the bundled index, so it avoids
 * building pointers and re-reading the schema per value.
 */
function normalise(value: unknown, schema: SchemaNode | undefined, field: string | undefined, top = false): unknown {
  if (typeof value === "string") return field !== undefined && VERBATIM.has(field) ? value : value.trim();
  if (Array.isArray(value)) {
    const items = value.map((v) => normalise(v, schema?.items, undefined));
    if (field === "tags" && items.every((t) => typeof t === "string")) return [...new Set(items as string[])].sort();
    return items;
  }
  if (value !== null && typeof value === "object") {
    const source = value as Record<string, unknown>;
    const props = schema?.properties ?? {};
    let names = propertyNames.get(props);
    if (!names) propertyNames.set(props, (names = Object.keys(props)));
    const out: Record<string, unknown> = {};
    const put = (key: string, child: SchemaNode | undefined) => {
      const normalised = normalise(source[key], child, top ? key : undefined);
      // A key named __proto__ must become an own property, not the object's prototype.
      if (key === "__proto__") Object.defineProperty(out, key, { value: normalised, enumerable: true, writable: true, configurable: true });
      else out[key] = normalised;
    };
    for (const key of names) if (Object.hasOwn(source, key)) put(key, props[key]);
    const extra = typeof schema?.additionalProperties === "object" ? (schema.additionalProperties as SchemaNode) : undefined;
    for (const key of Object.keys(source)) if (!Object.hasOwn(props, key)) put(key, extra);
    return out;
  }
  return value;
}

/** Offset of the first difference between two texts, or -1 when equal. */
export function firstDifference(a: string, b: string): number {
  if (a === b) return -1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return i;
  return n;
}
