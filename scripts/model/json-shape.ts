// The shape of JSON text counted before JSON.parse sees it: V8's parser costs memory per value more
// than per byte, and time that grows faster than the keys of one object. Every JSON file kb parses
// with JSON.parse from outside (an index given to lookup, the index kb ci summary compares, the
// GitHub event payload) is held to caps on both. (Entries, whose parser recovers from errors and so
// pays for every token, are counted by source/json-text.ts.) JSON.parse stops at the first syntax
// error, so a count of separators bounds what it builds.

/**
 * Why JSON text is too big to give to JSON.parse, counted without parsing; undefined when it is not.
 * Nesting counts too: what reads the value back may recurse (kb ci summary's comparison overflowed
 * the stack at 3,000 levels), and 16 million nested brackets took 2.2 GB (pass O).
 * Every value but the first follows a comma or opens an array or object, so commas and openers
 * outside strings bound the values; colons outside strings count each object's keys.
 */
export function shapeProblem(text: string, max: { readonly values: number; readonly keys: number; readonly depth: number }): string | undefined {
  let values = 1;
  let inString = false;
  /** Per open array or object: -1 for an array, else the object's keys so far. */
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x2c || c === 0x5b || c === 0x7b) {
      if (++values > max.values) return `more than ${max.values} JSON values`;
      if (c !== 0x2c && open.push(c === 0x7b ? 0 : -1) > max.depth) return `nesting deeper than ${max.depth} levels`;
    } else if (c === 0x5d || c === 0x7d) open.pop();
    else if (c === 0x3a && open.length > 0 && open[open.length - 1]! >= 0) {
      if (++open[open.length - 1]! > max.keys) return `an object of more than ${max.keys} keys`;
    }
  }
  return undefined;
}
