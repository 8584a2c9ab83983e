// A progress bar for long runs: on an interactive terminal only (stderr is a TTY and CI is not set),
// drawn on stderr once a run has taken a second, and erased before anything else is printed. Piped
// output and CI logs never see it.
export interface Progress {
  /** Phase (e.g. "lint"), items done and the total. */
  update(phase: string, done: number, total: number): void;
  /** Erases the bar; call before printing anything else. */
  done(): void;
}

const SHOW_AFTER_MS = 1_000;
const REDRAW_EVERY_MS = 100;
const WIDTH = 24;

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Progress {
  if (!stream.isTTY || env.CI) return { update: () => undefined, done: () => undefined };
  const startedAt = Date.now();
  let drawnAt = 0;
  let shown = false;
  return {
    update(phase, done, total) {
      const now = Date.now();
      if (now - startedAt < SHOW_AFTER_MS || now - drawnAt < REDRAW_EVERY_MS) return;
      drawnAt = now;
      shown = true;
      stream.write(`\r\x1b[2K${formatBar(phase, done, total)}`);
    },
    done() {
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}

export function formatBar(phase: string, done: number, total: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(share * WIDTH);
  const n = (x: number) => x.toLocaleString("en-US");
  return `kb ${phase} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${n(done)}/${n(total)}`;
}
