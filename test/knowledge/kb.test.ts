// The shipped knowledge base itself: at least 100 entries in at least 12 domains, lint-clean with no
// exceptions file, every signature, alias and match example looked up to its own entry first, honest
// tiers (nothing claims a review), every rate with a stated basis, every risky fix flagged.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Entry } from "../../scripts/model/entry.ts";
import { riskyConstructs } from "../../scripts/lint/risky-patterns.ts";
import { ROOT, runKb } from "../helpers/repo.ts";

const entries: Entry[] = readdirSync(path.join(ROOT, "entries")).flatMap((d) =>
  readdirSync(path.join(ROOT, "entries", d)).map((f) => JSON.parse(readFileSync(path.join(ROOT, "entries", d, f), "utf8")) as Entry),
);

describe("the shipped knowledge base", () => {
  it("has at least 100 entries in at least 12 domains", () => {
    expect(entries.length).toBeGreaterThanOrEqual(100);
    expect(new Set(entries.map((e) => e.domain)).size).toBeGreaterThanOrEqual(12);
  });

  it("lints clean (no warnings either) with no exceptions file", async () => {
    expect(existsSync(path.join(ROOT, "lint-exceptions.json"))).toBe(false);
    const res = await runKb(["lint", "--format", "json", "--no-cache"], { cwd: ROOT });
    expect(JSON.parse(res.stdout)).toEqual([]);
    expect(res.code).toBe(0);
  });

  it("looks up every own text of every entry to that entry first (kb stats: 100%)", async () => {
    const res = await runKb(["stats", "--format", "json", "--no-cache"], { cwd: ROOT });
    const stats = JSON.parse(res.stdout) as { self_resolution: { share: number; total: number }; unresolved: unknown[] };
    expect(stats.unresolved).toEqual([]);
    expect(stats.self_resolution.share).toBe(1);
    expect(stats.self_resolution.total).toBeGreaterThan(400);
  });

  it("claims no review that did not happen, and says where its rates come from", () => {
    for (const e of entries) {
      expect(e.verification_tier, e.id).toBe("ai_generated");
      expect(e.rate_basis, e.id).toBe("estimate");
      expect(e.evidence_count, e.id).toBeUndefined();
    }
  });

  it("shows its work: at least two real example lines and a near miss per entry", () => {
    for (const e of entries) {
      expect(e.examples?.match?.length ?? 0, e.id).toBeGreaterThanOrEqual(2);
      expect(e.examples?.no_match?.length ?? 0, e.id).toBeGreaterThanOrEqual(1);
    }
  });

  it("flags every risky workaround, and never puts a risky one first when a safe one exists", () => {
    for (const e of entries) {
      e.workarounds.forEach((w, i) => {
        if (riskyConstructs(`${w.action}\n${w.how}`).length > 0) expect(w.risk, `${e.id} workarounds[${i}]`).toBeDefined();
      });
      const safe = e.workarounds.findIndex((w) => !w.risk || w.risk.level === "low");
      if (safe >= 0) expect(e.workarounds[0]!.risk?.level ?? "low", e.id).not.toBe("high");
    }
  });

  it("fixes what the expert review found", () => {
    const byId = new Map(entries.map((e) => [e.id, e]));
    const unrelated = byId.get("git/refusing-to-merge-unrelated-histories")!;
    expect(unrelated.dead_ends.map((d) => d.action).join(" ")).not.toMatch(/pull\.rebase/);
    expect(unrelated.workarounds.map((w) => `${w.action} ${w.how}`).join(" ")).toMatch(/--rebase/);
    const oauth = byId.get("api/oauth2-invalid-grant-refresh-token-expired")!;
    for (const cause of ["Testing", "six months", "password", "AADSTS700082"]) expect(oauth.root_cause).toContain(cause);
    const eresolve = byId.get("npm/eresolve-unable-to-resolve-dependency-tree")!;
    const legacy = eresolve.workarounds.findIndex((w) => w.how.includes("--legacy-peer-deps"));
    expect(eresolve.workarounds[legacy]!.risk).toBeDefined();
    expect(legacy).toBeGreaterThan(0);
    expect(byId.get("api/openai-insufficient-quota")?.transition_graph?.frequently_confused_with.map((c) => c.error_id)).toContain("api/http-429-too-many-requests");
    expect(byId.get("python/externally-managed-environment")!.first_seen?.startsWith("2023")).toBe(true);
    for (const id of ["python/no-module-named-distutils", "python/cannot-import-name-from-collections", "node/err-require-async-module", "node/listen-eacces-permission-denied", "docker/cannot-connect-to-docker-daemon", "git/need-to-specify-how-to-reconcile-divergent-branches"]) expect(byId.has(id), id).toBe(true);
  });
});
