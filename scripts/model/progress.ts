// How long runs report progress: a plain callback (phase, items done, total) passed down from the CLI,
// which draws a bar on a terminal; nothing below the CLI prints.
export type OnProgress = (phase: string, done: number, total: number) => void;
