// Whether to colour output, as people expect: --color/--no-color first, then FORCE_COLOR (0 and false
// mean off, as supports-color reads it), then NO_COLOR (any value means off), then whether the stream
// is a colour terminal (supports-color). Output written to a file is never coloured.
import { createSupportsColor } from "supports-color";

export function useColor(stream: NodeJS.WriteStream, flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag !== undefined) return flag;
  if (env.FORCE_COLOR === undefined && env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return createSupportsColor(stream, { sniffFlags: false }) !== false;
}
