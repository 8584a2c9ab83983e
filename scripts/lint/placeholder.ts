// Placeholder text that means "nothing written yet". Shared by the empty-text rule and `kb new`,
// which writes exactly these placeholders so a half-written entry cannot pass lint.
const PLACEHOLDER = /^(?:todo|tbd|tbc|fixme|xxx|n\/?a|none|null|placeholder|-+|_+|\.{3}|…|\?+)(?:$|[\s:.!-])/iu;

export function isPlaceholder(text: string): boolean {
  const t = text.trim();
  return t === "" || PLACEHOLDER.test(t);
}

/** What `kb new` writes where a contributor must write real text. */
export function placeholderFor(what: string): string {
  return `TODO: ${what}`;
}
