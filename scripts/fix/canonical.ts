// The canonical text of an entry: keys in the schema's order, 2-space indent, LF, a final newline,
// trimmed strings (except the regex, where white space is meaning), sorted unique tags. Lint and fix
// both use this one function, so they cannot disagree about what "canonical" means.
import { entrySchema } from "../schema/entry-schema.ts";

type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode; additionalProperties?: unknown };

/** Fields whose leading or trailing white space is meaningful and must be kept. */
const VERBATIM = new Set(["/regex"]);

export function canonicalValue(value: unknown): unknown {
  return normalise(value, entrySchema as unknown as SchemaNode, "");
}

export function canonicalText(value: unknown): string {
  return JSON.stringify(canonicalValue(value), null, 2) + "\n";
}

function normalise(value: unknown, schema: SchemaNode | undefined, pointer: string): unknown {
  if (typeof value === "string") return VERBATIM.has(pointer) ? value : value.trim();
  if (Array.isArray(value)) {
    const items = value.map((v) => normalise(v, schema?.items, `${pointer}/*`));
    if (pointer === "/tags" && items.every((t) => typeof t === "string")) return [...new Set(items as string[])].sort();
    return items;
  }
  if (value !== null && typeof value === "object") {
    const source = value as Record<string, unknown>;
    const props = schema?.properties ?? {};
    const known = Object.keys(props).filter((k) => Object.hasOwn(source, k));
    const unknown = Object.keys(source).filter((k) => !Object.hasOwn(props, k));
    const out: Record<string, unknown> = {};
    for (const key of [...known, ...unknown]) {
      const child = props[key] ?? (typeof schema?.additionalProperties === "object" ? (schema.additionalProperties as SchemaNode) : undefined);
      Object.defineProperty(out, key, { value: normalise(source[key], child, `${pointer}/${key}`), enumerable: true, writable: true, configurable: true });
    }
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
