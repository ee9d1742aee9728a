// A scratch database for a benchmark: on an admin URL (DATABASE_URL unless given) when there is one, else on
// an embedded Postgres in a temp dir; `cleanup` drops it (and stops the embedded server).
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { connect } from "../src/db/client.ts";
import { withDatabase } from "../src/db/connection-url.ts";
import { startEmbeddedServer } from "../src/db/embedded-server.ts";

export interface ScratchOptions {
  /** the server to make it on (an admin URL); default DATABASE_URL, none → embedded */
  adminUrl?: string | undefined;
  /** a fixed name, dropped first when an interrupted run left it behind; default a fresh random name */
  name?: string;
}

export async function scratchDatabase(
  options: ScratchOptions = {},
): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const name = options.name ?? `pump_bench_${randomBytes(4).toString("hex")}`;
  let adminUrl = "adminUrl" in options ? options.adminUrl : process.env.DATABASE_URL;
  let stopServer = async () => {};
  let dir: string | null = null;
  if (!adminUrl) {
    dir = await mkdtemp(path.join(os.tmpdir(), "pump-bench-"));
    const server = await startEmbeddedServer(dir, () => {});
    adminUrl = server.urlFor("postgres");
    stopServer = server.stop;
  }
  const admin = connect(adminUrl, 1);
  if (options.name) await admin.sql.unsafe(`drop database if exists ${name} with (force)`);
  await admin.sql.unsafe(`create database ${name}`);
  await admin.sql.end();
  return {
    url: withDatabase(adminUrl, name),
    cleanup: async () => {
      const again = connect(adminUrl!, 1);
      await again.sql.unsafe(`drop database if exists ${name} with (force)`);
      await again.sql.end();
      await stopServer();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
