// Each test file gets its own fresh, migrated database (a copy of the run's migrated template, see
// template-database.ts); it is dropped afterwards. `{ migrate: false }` gives an empty database instead.
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Sql } from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { connect } from "../../src/db/client.ts";
import { withDatabase } from "../../src/db/connection-url.ts";

export interface TestDatabase {
  url: string;
  name: string;
  sql: Sql;
  drop(): Promise<void>;
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject("adminDatabaseUrl");
  const name = `pump_test_${randomBytes(6).toString("hex")}`;
  const admin = connect(adminUrl, 1);
  try {
    await createDatabase(admin.sql, name, options.migrate === false ? null : inject("templateDatabase"));
  } finally {
    await admin.sql.end();
  }
  const url = withDatabase(adminUrl, name);
  const { sql } = connect(url);
  return {
    url,
    name,
    sql,
    drop: async () => {
      await sql.end({ timeout: 5 });
      const cleanup = connect(adminUrl, 1);
      await cleanup.sql.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.sql.end();
    },
  };
}

/** SQLSTATE object_in_use: the template had a session when the copy began */
const TEMPLATE_BUSY = "55006";

async function createDatabase(admin: Sql, name: string, template: string | null): Promise<void> {
  if (!template) {
    await admin.unsafe(`create database ${name}`);
    return;
  }
  // nobody may connect to the template and parallel copies of it do not block each other, so this is only
  // a safety net: PostgreSQL itself already waits 5 s for a session on the template to end
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.unsafe(`create database ${name} template ${template}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== TEMPLATE_BUSY || attempt === 5) throw error;
      await sleep(200 * attempt);
    }
  }
}

/** beforeAll/afterAll wiring: `const t = useTestDatabase(); … t.current.sql` */
export function useTestDatabase(options: { migrate?: boolean } = {}): { current: TestDatabase } {
  const holder = {} as { current: TestDatabase };
  beforeAll(async () => {
    holder.current = await createTestDatabase(options);
  });
  afterAll(async () => {
    await holder.current?.drop();
  });
  return holder;
}
