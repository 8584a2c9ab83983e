// JSON pointers (RFC 6901) and the friendly paths used in messages (`dead_ends[1].action`).
export type PathSegment = string | number;

export function toPointer(path: readonly PathSegment[]): string {
  return path.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

export function fromPointer(pointer: string): PathSegment[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => {
      const s = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      return /^(?:0|[1-9][0-9]*)$/.test(s) ? Number(s) : s;
    });
}

/** `/dead_ends/1/action` → `dead_ends[1].action`, the way contributors read JSON. */
export function describePointer(pointer: string): string {
  const path = fromPointer(pointer);
  if (path.length === 0) return "the entry";
  let out = "";
  for (const s of path) {
    if (typeof s === "number") out += `[${s}]`;
    else out += out === "" ? s : `.${s}`;
  }
  return out;
}
