// The domain pages (one table of entries per domain) and the catalogue of domains, as mdast trees.
import type { Root } from "mdast";
import { code, heading, link, paragraph, table, text } from "../report/markdown.ts";
import type { Entry } from "../schema/entry-schema.ts";
import { headerComment } from "./entry-view.ts";
import { percent } from "./links.ts";

export function groupByDomain(entries: readonly Entry[]): Map<string, Entry[]> {
  const map = new Map<string, Entry[]>();
  for (const e of entries) {
    const list = map.get(e.domain) ?? [];
    list.push(e);
    map.set(e.domain, list);
  }
  return new Map([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function renderDomainPage(domain: string, entries: readonly Entry[]): Root {
  return {
    type: "root",
    children: [
      headerComment(`entries/${domain}/`),
      heading(1, text(`Domain: ${domain}`)),
      paragraph(text(`${entries.length} entr${entries.length === 1 ? "y" : "ies"}. `), link("../README.md", text("All domains"))),
      table(
        ["Entry", "Signature", "Category", "Fix rate", "Verification"],
        entries.map((e) => [[link(`${e.id.split("/")[1]}.md`, code(e.id))], [text(e.signature)], [text(e.category)], [text(percent(e.fix_success_rate))], [text(e.verification_tier.replace(/_/g, " "))]]),
      ),
    ],
  };
}

export function renderCatalogue(byDomain: ReadonlyMap<string, readonly Entry[]>): Root {
  const total = [...byDomain.values()].reduce((n, l) => n + l.length, 0);
  return {
    type: "root",
    children: [
      headerComment("entries/"),
      heading(1, text("error-kb catalogue")),
      paragraph(text(`${total} entr${total === 1 ? "y" : "ies"} in ${byDomain.size} domain${byDomain.size === 1 ? "" : "s"}. The bundled index is `), link("index.json", code("index.json")), text("; its schema is "), link("entry.schema.json", code("entry.schema.json")), text(".")),
      table(
        ["Domain", "Entries", "Average fix rate", "Human-reviewed"],
        [...byDomain.entries()].map(([domain, list]) => [
          [link(`${domain}/README.md`, text(domain))],
          [text(String(list.length))],
          [text(percent(list.reduce((n, e) => n + e.fix_success_rate, 0) / list.length))],
          [text(percent(list.filter((e) => e.verification_tier !== "ai_generated").length / list.length))],
        ]),
        [null, "right", "right", "right"],
      ),
    ],
  };
}
