// One line describing the machine a benchmark ran on, printed next to its figures.
import os from "node:os";

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node.js ${process.version}, ${os.platform()} ${os.release()}`;
}
