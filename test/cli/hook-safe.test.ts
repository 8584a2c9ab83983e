// The pre-commit hook's safe() (awk, for what the hook prints) escapes exactly what kb's own output
// escapes: every control, bidi and invisible character of model/hidden-characters.ts, and every byte
// that is not UTF-8; every other character is printed as it is (pass AK: kb fix's → and an entry named
// café were shown as octal escapes).
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PRE_COMMIT } from "../../scripts/cli/commands/hooks.ts";
import { CONTROL_OR_HIDDEN, codePointRanges } from "../../scripts/model/hidden-characters.ts";

const SAFE = /^safe\(\) \{\n[\s\S]*?\n\}\n/m.exec(PRE_COMMIT)![0];
const safe = (input: Buffer, env: NodeJS.ProcessEnv = process.env): Buffer => execFileSync("sh", ["-c", `${SAFE}safe`], { input, env });
/** The awk implementations this machine has: the hook runs whichever is first on the PATH. */
const AWKS = ["mawk", "gawk", "original-awk", "busybox"].filter((name) => spawnSync("sh", ["-c", `command -v ${name}`]).status === 0);
const UNSAFE = new RegExp(`[${CONTROL_OR_HIDDEN}]`, "u");

describe("the hook's safe()", () => {
  it("reads the same ranges as kb's escaping", () => {
    const ranges = codePointRanges(CONTROL_OR_HIDDEN);
    for (const [lo, hi] of ranges) {
      expect(UNSAFE.test(String.fromCodePoint(lo)), lo.toString(16)).toBe(true);
      expect(UNSAFE.test(String.fromCodePoint(hi)), hi.toString(16)).toBe(true);
    }
    expect(() => codePointRanges(`${CONTROL_OR_HIDDEN}x`)).toThrow(/cannot read/);
  });

  it("escapes a character exactly when kb's own output does, tab too, and keeps the rest as written", () => {
    // Every code point next to a range's border, and a sample of the rest of each plane.
    const points = new Set<number>();
    for (const [lo, hi] of codePointRanges(CONTROL_OR_HIDDEN)) for (const c of [lo - 1, lo, hi, hi + 1]) points.add(c);
    for (let c = 1; c < 0x3000; c++) points.add(c);
    for (let c = 0x3000; c <= 0x10ffff; c += 251) points.add(c);
    const chars = [...points].filter((c) => c > 0 && c <= 0x10ffff && c !== 10 && (c < 0xd800 || c > 0xdfff)).sort((a, b) => a - b);
    const lines = safe(Buffer.from(chars.map((c) => `a${String.fromCodePoint(c)}b\n`).join(""))).toString("latin1").split("\n");
    const wrong = chars.filter((c, i) => {
      const shown = Buffer.from(lines[i]!, "latin1");
      const escaped = /^a(\\[0-7]{3})+b$/.test(lines[i]!);
      const expected = UNSAFE.test(String.fromCodePoint(c)) || c === 9;
      return escaped !== expected || (!escaped && shown.toString("utf8") !== `a${String.fromCodePoint(c)}b`);
    });
    expect(wrong.map((c) => c.toString(16))).toEqual([]);
    expect(chars.length).toBeGreaterThan(16_000);
  });

  it("shows every byte that is not UTF-8 as an octal escape: stray, overlong, surrogate, past U+10FFFF, cut short", () => {
    const input = Buffer.from([0x78, 0x80, 0x79, 0xc0, 0xaf, 0x7a, 0xed, 0xa0, 0x80, 0x77, 0xf4, 0x90, 0x80, 0x80, 0x76, 0xe2, 0x86, 0x0a]);
    expect(safe(input).toString("latin1")).toBe("x\\200y\\300\\257z\\355\\240\\200w\\364\\220\\200\\200v\\342\\206\n");
    expect(safe(Buffer.from("kb fix: entries/api/café.json: confidence: \"0.5\" → 0.5\n")).toString("utf8")).toBe("kb fix: entries/api/café.json: confidence: \"0.5\" → 0.5\n");
    expect(safe(Buffer.from("\u202egnp.exe \u001b[2J\n")).toString("latin1")).toBe("\\342\\200\\256gnp.exe \\033[2J\n");
  });

  it("breaks a workflow command as kb does: :: where a line starts, after blanks, and ##[ anywhere (pass AL)", () => {
    const input = ":: x\n  ::error::x\nok ##[error] y\n\u00a0::z\na::b\n\u202e::c\n";
    expect(safe(Buffer.from(input)).toString("utf8")).toBe("\\072: x\n  \\072:error::x\nok #\\043[error] y\n\u00a0\\072:z\na::b\n\\342\\200\\256::c\n");
  });

  it("gives the same output under every awk this machine has, a long line included (pass AL: busybox's awk took a minute on 400 KB)", () => {
    const line = Buffer.from(`${"a".repeat(50_000)}${"\u200b".repeat(5_000)}é::x\u0085\n`);
    const outputs = AWKS.map((name) => {
      const bin = mkdtempSync(path.join(os.tmpdir(), "kb-awk-"));
      try {
        writeFileSync(path.join(bin, "awk"), `#!/bin/sh\nexec ${name === "busybox" ? "busybox awk" : name} "$@"\n`);
        chmodSync(path.join(bin, "awk"), 0o755);
        return safe(line, { ...process.env, PATH: `${bin}:${process.env.PATH}` }).toString("latin1");
      } finally {
        rmSync(bin, { recursive: true, force: true });
      }
    });
    expect(AWKS).toContain("mawk");
    expect(new Set(outputs).size).toBe(1);
    expect(outputs[0]).toBe(`${"a".repeat(50_000)}${"\\342\\200\\213".repeat(5_000)}\xc3\xa9::x\\302\\205\n`);
  });
});
