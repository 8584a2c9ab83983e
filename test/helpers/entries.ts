// Entries for tests: a complete, lint-clean entry to start from, and its canonical text, so a test
// says only what it changes.
import { canonicalText } from "../../scripts/model/canonical.ts";
import type { Entry } from "../../scripts/model/entry.ts";

export function validEntry(id = "demo/sample-error", overrides: Record<string, unknown> = {}): Entry {
  const [domain, slug] = id.split("/") as [string, string];
  const token = slug.replace(/-/g, " ");
  const base: Entry = {
    id,
    signature: `SampleError: the ${token} widget refused to start`,
    regex: `SampleError: the ${token} widget refused to start`,
    domain,
    category: "sample_error",
    root_cause: "The widget reads its settings before they are written.",
    dead_ends: [{ action: "Restart the widget", why_fails: "The settings are still missing after a restart.", fail_rate: 0.7, condition: "", sources: [] }],
    workarounds: [{ action: "Write the settings first", success_rate: 0.7, how: "Run `widget init --write-settings` before `widget start`.", condition: "", sources: [] }],
    verification_tier: "ai_generated",
    confidence: 0.6,
    fix_success_rate: 0.7,
    rate_basis: "estimate",
    resolvable: "true",
    last_updated: "2026-01-01",
    locale: "en",
    examples: { match: [`[widget] SampleError: the ${token} widget refused to start (code 3)`], no_match: [`SampleError: the ${token} gadget refused to start`] },
  };
  return { ...base, ...overrides } as Entry;
}

export function entryText(entry: unknown): string {
  return canonicalText(entry);
}
