// The characters no text kb handles should carry unseen: controls a terminal would act on, bidi
// controls that reorder what a reader sees, and characters that show as nothing or as a blank. One
// list, so the lint rule that keeps them out of entries and the escaping of everything kb prints
// cannot drift apart.

/**
 * C0 controls but tab and line feed, DEL, C1 controls, the bidi controls; and characters that show as
 * nothing or as a blank: the soft hyphen, the combining grapheme joiner, the Hangul fillers, the
 * zero-width space, the invisible operators, the word joiner, U+FEFF, the separators U+2028, U+2029,
 * the Mongolian vowel separator and free variation selectors, the Khmer inherent vowels, the
 * deprecated format characters U+206A-206F, the Braille blank, the interlinear annotation marks,
 * the Egyptian and shorthand format controls, the musical null notehead (U+1D159, no glyph) and
 * formatting controls, the tag characters
 * (which can carry a whole hidden sentence) and the variation selectors but U+FE0F; and the code
 * points Unicode reserves as default-ignorable, which show as nothing once assigned (U+2065,
 * U+FFF0-FFF8, the rest of U+E0000-E0FFF; pass O put them raw in views and index.json). (The zero-width
 * joiners U+200C and U+200D and the emoji selector U+FE0F stay: scripts and emoji need them.) For
 * regular expressions with the u flag.
 */
export const CONTROL_OR_HIDDEN =
  "\\0-\\x08\\x0B-\\x1F\\x7F-\\x9F\\xAD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B\\u200E\\u200F\\u2028\\u2029\\u202A-\\u202E\\u2060-\\u2065\\u206A-\\u206F\\u2800\\u2066-\\u2069\\u3164\\uFE00-\\uFE0E\\uFEFF\\uFFA0\\uFFF0-\\uFFF8\\uFFF9-\\uFFFB\\u{13430}-\\u{1343F}\\u{1BCA0}-\\u{1BCA3}\\u{1D159}\\u{1D173}-\\u{1D17A}\\u{E0000}-\\u{E0FFF}";
/** Of those, the ones that are not controls but unseen: `https\u200B://` looks like a link and is not. */
export const HIDDEN = "\\xAD\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B\\u2028\\u2029\\u2060-\\u2065\\u206A-\\u206F\\u2800\\u3164\\uFE00-\\uFE0E\\uFEFF\\uFFA0\\uFFF0-\\uFFF8\\uFFF9-\\uFFFB\\u{13430}-\\u{1343F}\\u{1BCA0}-\\u{1BCA3}\\u{1D159}\\u{1D173}-\\u{1D17A}\\u{E0000}-\\u{E0FFF}";

/** The code point ranges a character class body written as above stands for: \0, \xHH, \uHHHH and \u{H…}, alone or as lo-hi (for tools that cannot run the regex, such as the pre-commit hook's awk). */
export function codePointRanges(classBody: string): [number, number][] {
  const one = String.raw`\\(?:0|x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|u\{([0-9A-Fa-f]+)\})`;
  const token = new RegExp(`${one}(?:-${one})?`, "gy");
  const value = (m: RegExpExecArray, at: number) => parseInt(m[at] ?? m[at + 1] ?? m[at + 2] ?? "0", 16);
  const ranges: [number, number][] = [];
  let read = 0;
  for (let m = token.exec(classBody); m; m = token.exec(classBody)) {
    ranges.push([value(m, 1), m[0].includes("-") ? value(m, 4) : value(m, 1)]);
    read = token.lastIndex;
  }
  if (read !== classBody.length) throw new Error(`cannot read the character class at ${read}`);
  return ranges;
}
