// The progress bar is for people at a terminal: it never writes to a pipe or in CI.
import { describe, expect, it } from "vitest";
import { formatBar, terminalProgress } from "../../scripts/cli/progress.ts";

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream, written };
}

describe("progress bar", () => {
  it("shows the phase, a bar and entries done out of total", () => {
    expect(formatBar("lint", 2_500, 10_000)).toBe("kb lint [######------------------] 2,500/10,000");
    expect(formatBar("build", 0, 0)).toBe("kb build [------------------------] 0/0");
  });

  it("writes nothing when stderr is not a terminal, or in CI", () => {
    for (const [isTTY, env] of [[false, {}], [true, { CI: "true" }]] as const) {
      const { stream, written } = fakeStream(isTTY);
      const p = terminalProgress(stream, env);
      for (let i = 0; i <= 100; i++) p.update("lint", i, 100);
      p.done();
      expect(written).toEqual([]);
    }
  });
});
