// For cage.test.ts: starts a pool of two busy workers, prints their process ids, and waits to be killed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ExtractorPool } from "../../src/extract/cage/pool.ts";
import { SCANS_DIR } from "../fixtures/generate.ts";

const pool = new ExtractorPool({ size: 2 });
const sheet = new Uint8Array(readFileSync(join(SCANS_DIR, "example-alex-metric.pdf")));
await Promise.all([pool.extract(sheet, { key: "a" }), pool.extract(sheet, { key: "b" })]);
process.stdout.write(JSON.stringify(pool.stats().pids));
setInterval(() => {}, 60_000);
