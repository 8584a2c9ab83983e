// Every Markdown file kb generates passes markdownlint (markdownlint-cli2, its committed config at the
// repository root says which rules are off and why), so a reader's linter or editor finds nothing to fix.
// In the system tier: linting all 160 outputs takes 7 s, and the contributor tier must stay under 2 minutes.
import { readdirSync } from "node:fs";
import path from "node:path";
import { main as markdownlint } from "markdownlint-cli2";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/repo.ts";

function markdownFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, d) => n + (d.isDirectory() ? markdownFiles(path.join(dir, d.name)) : d.name.endsWith(".md") ? 1 : 0), 0);
}

describe("markdownlint", () => {
  it("passes on every generated Markdown file with the committed config", async () => {
    const messages: string[] = [];
    const errors: string[] = [];
    const code = await markdownlint({ directory: ROOT, argv: [], logMessage: (m: string) => messages.push(m), logError: (m: string) => errors.push(m) });
    expect(errors).toEqual([]);
    expect(messages).toContain(`Linting: ${markdownFiles(path.join(ROOT, "generated"))} file(s)`);
    expect(code).toBe(0);
  });
});
