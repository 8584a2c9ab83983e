// Where the bundled data (index.json, match.json, <domain>.json) is: generated/ in the repository. The
// consumer package's builds replace this one file with the package's own root.
import { fileURLToPath } from "node:url";

export const DATA_DIR: string = fileURLToPath(new URL("../../generated/", import.meta.url));
