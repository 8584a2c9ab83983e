// The cache decorator of lintCollection: when every file's verdict is the one of the last run (same
// paths, same bytes, same tool, limits, date and Python), the collection rules' diagnostics are too,
// so they come back from node_modules/.cache/error-kb/ without finding collisions again (the largest
// part of a warm check). Same signature, same results; a run whose diagnostics depend on timing (a
// regex timeout) is never stored.
import { existsSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../model/diagnostic.ts";
import { digest } from "../model/digest.ts";
import type { LintCollection } from "../lint/engine.ts";
import { COLLISIONS_STOPPED } from "../lint/rules/regex-collision.ts";
import type { RunSettings } from "../model/run-settings.ts";
import { openCache } from "./cache-file.ts";
import { toolFingerprint } from "./fingerprint.ts";
import { pythonIdentity } from "./python-identity.ts";

const KEY = "collection";

export function withCollectionCache(inner: LintCollection, settings: RunSettings): LintCollection {
  return async (verdicts, options, budget, locator) => {
    if (!existsSync(path.join(settings.root, "node_modules"))) return inner(verdicts, options, budget, locator);
    const context = digest("collection", toolFingerprint(), JSON.stringify(settings.limits), settings.today, settings.python ? await pythonIdentity() : "python off");
    const store = openCache(settings.root, "collection", context, isDiagnostics);
    const corpus = digest(...verdicts.map((v) => `${v.file}\0${v.pathId ?? ""}\0${v.contentDigest}`));
    const known = store.get(`${KEY}:${corpus}`);
    if (known) return known;
    const fresh = await inner(verdicts, options, budget, locator);
    // A collision check stopped by the budget is reported under kb/regex-collision: stored, it came
    // back on a run that had time to finish (pass AN).
    if (!fresh.some((d) => d.rule === "kb/regex-timeout" || (d.rule === "kb/regex-collision" && d.message.startsWith(COLLISIONS_STOPPED)))) {
      store.set(`${KEY}:${corpus}`, fresh);
      await store.save();
    }
    return fresh;
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function isDiagnostics(v: unknown): v is Diagnostic[] {
  return Array.isArray(v) && v.every((d) => isObject(d) && typeof d.file === "string" && typeof d.line === "number" && typeof d.column === "number" && typeof d.rule === "string" && typeof d.message === "string" && typeof d.severity === "string");
}
