// `kb lint --watch`: lint once, then again after every change under entries/ (debounced), printing
// a fresh report each time. Runs until interrupted, or until a run fails (the entries folder went
// away, say): then the watch ends with that run's error, which kb reports as it would for one lint.
// Unhandled, it was a stack trace and exit 3 (pass T).
import { watch } from "node:fs";

export function watchFolder(folder: string, onChange: () => Promise<void>, debounceMs = 150): Promise<never> {
  return new Promise<never>((_, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    let again = false;
    let failed = false;
    const watcher = watch(folder, { recursive: true }, () => {
      clearTimeout(timer);
      if (!failed) timer = setTimeout(() => void run(), debounceMs);
    });
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      clearTimeout(timer);
      watcher.close();
      reject(e);
    };
    watcher.on("error", fail);
    const run = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        await onChange();
      } catch (e) {
        fail(e);
        return;
      } finally {
        running = false;
      }
      if (again && !failed) {
        again = false;
        void run();
      }
    };
  });
}
