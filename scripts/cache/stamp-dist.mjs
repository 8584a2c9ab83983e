// @ts-check
// The last step of `npm run prepare`: records in dist/ which sources it was compiled from, so that
// bin/kb.mjs runs dist/ only while it matches them (see source-digest.mjs).
import { writeFileSync } from "node:fs";
import { DIST_STAMP, sourceDigest } from "./source-digest.mjs";

writeFileSync(DIST_STAMP, `${sourceDigest()}\n`);
