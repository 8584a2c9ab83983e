// Where generated files live and how they link to each other: the one place that turns ids into
// paths, and the one vetting of URLs before they become links.
export type Locale = "en" | "zh";

export function viewPath(id: string, locale: Locale = "en"): string {
  return locale === "en" ? `${id}.md` : `${id}.zh.md`;
}

/** Relative link from one entry view to another entry's view (both are <domain>/<slug>.md). */
export function relativeViewLink(fromId: string, toId: string, locale: Locale = "en"): string {
  const [fromDomain] = fromId.split("/");
  const [toDomain, toSlug] = toId.split("/");
  const file = locale === "en" ? `${toSlug}.md` : `${toSlug}.zh.md`;
  return fromDomain === toDomain ? file : `../${toDomain}/${file}`;
}

/** Only absolute http(s) URLs become links; anything else is shown as text. */
export function isSafeUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "" && !/[\s<>"`]/u.test(url);
  } catch {
    return false;
  }
}

/** Short readable label for a URL: host and path, without the protocol. */
export function urlLabel(url: string): string {
  try {
    const u = new URL(url);
    const label = `${u.hostname}${u.pathname === "/" ? "" : u.pathname}${u.hash}`;
    return label.length > 80 ? `${label.slice(0, 79)}…` : label;
  } catch {
    return url;
  }
}

export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}
