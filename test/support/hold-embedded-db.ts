// Test helper process: opens the embedded database in DATA_DIR (argv[2]), writes a row, says "ready",
// then waits to be killed — like the bot would.
import { openDatabase } from "../../src/db/client.ts";
import { createLogger } from "../../src/log.ts";

const database = await openDatabase(
  { database: { embedded: { dataDir: process.argv[2]! } } },
  createLogger("silent"),
);
await database.sql`insert into app.members (display_name) values (${process.argv[3] ?? "someone"})`;
process.stdout.write("ready\n");
setInterval(() => {}, 1000);
