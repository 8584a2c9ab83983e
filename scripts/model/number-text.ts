// Numbers as written in text: what a JSON number literal denotes exactly, so kb can tell whether
// writing a value back (JSON.stringify of the double) would change it. Used for number literals in
// entries (a literal a double cannot hold is refused) and for numbers written as strings, which kb
// fix turns into numbers only when that loses nothing ("0x55", "1e-400" and "0.900…01" are left).

const JSON_NUMBER = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;

/** A JSON number's exact decimal value as text ("-9e-1" for -0.90), the same for every spelling of it; undefined when it is not a JSON number. */
export function decimalValue(literal: string): string | undefined {
  const m = JSON_NUMBER.exec(literal);
  if (!m) return undefined;
  let digits = `${m[2]}${m[3] ?? ""}`.replace(/^0+/, ""); // anchored at the start: one pass
  if (digits === "") return "0";
  let exponent = BigInt(m[4] ?? "0") - BigInt((m[3] ?? "").length);
  // Counted by a scan: /0*$/ retries from every zero of a run, quadratic (100,000 zeros then a 1: 70 s, pass O).
  let trailing = 0;
  while (trailing < digits.length && digits.charCodeAt(digits.length - 1 - trailing) === 48) trailing++;
  digits = digits.slice(0, digits.length - trailing);
  exponent += BigInt(trailing);
  return `${m[1]}${digits}e${exponent}`;
}

/** Whether a double written back as JSON is the number the literal says. */
export function holdsExactly(literal: string, value: number): boolean {
  return decimalValue(literal) !== undefined && decimalValue(literal) === decimalValue(JSON.stringify(value));
}

/** The number a string holds when it is a JSON number literal a double holds exactly (surrounding spaces allowed); else undefined. */
export function exactNumberIn(text: string): number | undefined {
  const literal = text.trim();
  const value = Number(literal);
  return holdsExactly(literal, value) ? value : undefined;
}
