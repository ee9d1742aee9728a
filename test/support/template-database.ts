// The run's migrated template: migrated once by the global setup, then every test file's database is a copy
// of it (`create database … template …`, a fraction of a second) instead of running every migration again.
import { randomBytes } from "node:crypto";
import type { Sql } from "postgres";
import { connect } from "../../src/db/client.ts";
import { withDatabase } from "../../src/db/connection-url.ts";
import { migrate } from "../../src/db/migrate.ts";

export interface TemplateDatabase {
  name: string;
  drop(): Promise<void>;
}

export async function createTemplateDatabase(adminUrl: string): Promise<TemplateDatabase> {
  // one per run: several runs may share an external server
  const name = `pump_template_${randomBytes(6).toString("hex")}`;
  await onAdmin(adminUrl, async (admin) => {
    await admin.unsafe(`create database ${name}`);
  });
  const { sql } = connect(withDatabase(adminUrl, name));
  try {
    await migrate(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
  // a copy needs its template free of sessions: from now on nobody can connect to it
  await onAdmin(adminUrl, async (admin) => {
    await admin.unsafe(`alter database ${name} with allow_connections false`);
  });
  return {
    name,
    drop: () =>
      onAdmin(adminUrl, async (admin) => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
      }),
  };
}

async function onAdmin(adminUrl: string, action: (admin: Sql) => Promise<void>): Promise<void> {
  const { sql } = connect(adminUrl, 1);
  try {
    await action(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
