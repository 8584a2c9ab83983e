// Picks the line that names the error from pasted output: the last line that reads like an error
// message (a traceback ends with it), never the "Traceback (most recent call last):" header nor a stack
// frame; escape sequences removed first.
import { stripEscapes } from "../match/normalise-input.ts";

const ERRORISH = /(?:^|[^A-Za-z])(?:[A-Za-z_.]*(?:Error|Exception|Warning)\b|error|fatal|failed|denied|refused|not found|cannot|can't|unable|invalid|ERR!|E[A-Z]{3,})/;
const NOT_THE_ERROR = /^(?:Traceback \(most recent call last\):|\s+File "|\s+at\s|\s*\^+\s*$|During handling of the above exception)/;

export function pickErrorLine(text: string): string | undefined {
  const lines = stripEscapes(text)
    .split(/\r\n|\r|\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "");
  const errors = lines.filter((l) => !NOT_THE_ERROR.test(l) && ERRORISH.test(l));
  return (errors[errors.length - 1] ?? lines.find((l) => !NOT_THE_ERROR.test(l)) ?? lines[0])?.trim();
}
