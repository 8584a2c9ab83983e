// `kb lint --watch`: lint once, then again after every change under entries/ (debounced), printing
// a fresh report each time. Runs until interrupted.
import { watch } from "node:fs";

export function watchFolder(folder: string, onChange: () => Promise<void>, debounceMs = 150): Promise<never> {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await onChange();
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };
  watch(folder, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  });
  return new Promise<never>(() => undefined);
}
