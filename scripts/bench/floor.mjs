// @ts-check
// The benchmark's floor: the least any pipeline must do with a corpus, measured on the same machine
// in the same run: read and JSON.parse every entry, then write the same bytes back out, one file each.
// Plain JavaScript, so no loader start-up is counted. Usage: node floor.mjs <entriesDir> <scratchDir>
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [entriesDir, scratchDir] = process.argv.slice(2);
if (!entriesDir || !scratchDir) throw new Error("usage: node floor.mjs <entriesDir> <scratchDir>");

/** @type {{ rel: string; text: string }[]} */
const read = [];
for (const domain of readdirSync(entriesDir).sort()) {
  for (const name of readdirSync(path.join(entriesDir, domain)).sort()) {
    const text = readFileSync(path.join(entriesDir, domain, name), "utf8");
    JSON.parse(text);
    read.push({ rel: path.join(domain, name), text });
  }
}
const made = new Set();
for (const { rel, text } of read) {
  const dir = path.dirname(path.join(scratchDir, rel));
  if (!made.has(dir)) mkdirSync(dir, { recursive: true });
  made.add(dir);
  writeFileSync(path.join(scratchDir, rel), text);
}
