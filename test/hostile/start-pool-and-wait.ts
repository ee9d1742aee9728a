// For cage.test.ts: starts a warm pool, prints its workers' process ids, and waits to be killed.
import { ExtractorPool } from "../../src/extract/cage/pool.ts";

const pool = new ExtractorPool({ size: 2 });
await pool.warmUp();
process.stdout.write(JSON.stringify(pool.stats().pids));
setInterval(() => {}, 60_000);
