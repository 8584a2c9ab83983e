// kb's version, read once from package.json (two folders up from scripts/cli/ and dist/cli/).
import { readFileSync } from "node:fs";

export const KB_VERSION: string = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
