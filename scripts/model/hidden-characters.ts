// The characters no text kb handles should carry unseen: controls a terminal would act on, bidi
// controls that reorder what a reader sees, and characters that show as nothing or as a blank. One
// list, so the lint rule that keeps them out of entries and the escaping of everything kb prints
// cannot drift apart.

/**
 * C0 controls but tab and line feed, DEL, C1 controls, the bidi controls; and characters that show as
 * nothing or as a blank: the soft hyphen, the combining grapheme joiner, the Hangul fillers, the
 * zero-width space, the invisible operators, the word joiner, U+FEFF, and the separators U+2028, U+2029.
 * (The zero-width joiners U+200C and U+200D stay: scripts and emoji need them.)
 */
export const CONTROL_OR_HIDDEN = "\\0-\\x08\\x0B-\\x1F\\x7F-\\x9F\\xAD\\u034F\\u061C\\u115F\\u1160\\u200B\\u200E\\u200F\\u2028\\u2029\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\u3164\\uFEFF\\uFFA0";
/** Of those, the ones that are not controls but unseen: `https\u200B://` looks like a link and is not. */
export const HIDDEN = "\\xAD\\u034F\\u115F\\u1160\\u200B\\u2028\\u2029\\u2060-\\u2064\\u3164\\uFEFF\\uFFA0";
