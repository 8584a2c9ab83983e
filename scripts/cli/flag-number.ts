// Numbers given as command-line flags are written in decimal digits: Number() would also take "",
// " ", "0x2" and "1e3", so a typo became 0 or a surprise instead of a usage error.

/** The whole number a flag's text spells in decimal digits (a leading minus allowed), or NaN. */
export function flagNumber(text: string): number {
  return /^-?[0-9]+$/.test(text) ? Number(text) : Number.NaN;
}
