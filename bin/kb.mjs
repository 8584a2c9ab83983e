#!/usr/bin/env node
// The `kb` command: registers tsx so the TypeScript sources run as they are, then hands over.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../scripts/cli/main.ts");
process.exitCode = await main(process.argv);
