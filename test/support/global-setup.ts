// One database server for the whole run: the embedded one (default), or the server named by
// TEST_DATABASE_URL. Migrations run once, into the run's template; each test file then gets its own copy
// of it (test-db.ts).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { connect } from "../../src/db/client.ts";
import { startEmbeddedServer } from "../../src/db/embedded-server.ts";
import { createTemplateDatabase } from "./template-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    /** the migrated database each test file's database is copied from */
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const template = await createTemplateDatabase(external);
    project.provide("adminDatabaseUrl", external);
    project.provide("templateDatabase", template.name);
    return () => template.drop();
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "pump-test-db-"));
  const server = await startEmbeddedServer(dir, () => {});
  const adminUrl = server.urlFor("postgres");
  await withoutDurability(adminUrl);
  const template = await createTemplateDatabase(adminUrl);
  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("templateDatabase", template.name);
  return async () => {
    await template.drop();
    await server.stop({ force: true });
    await rm(dir, { recursive: true, force: true });
  };
}

/**
 * The run's own throwaway server need not survive a power cut: no flushing to disk. Written into that
 * server's own data folder (deleted at the end), never the product's settings.
 */
async function withoutDurability(adminUrl: string): Promise<void> {
  const { sql } = connect(adminUrl, 1);
  try {
    for (const setting of ["fsync", "synchronous_commit", "full_page_writes"]) {
      await sql.unsafe(`alter system set ${setting} = off`);
    }
    await sql`select pg_reload_conf()`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
