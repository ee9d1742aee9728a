// Each test file gets its own fresh, migrated database; it is dropped afterwards.
import { randomBytes } from "node:crypto";
import type { Sql } from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { connect } from "../../src/db/client.ts";
import { withDatabase } from "../../src/db/connection-url.ts";
import { migrate } from "../../src/db/migrate.ts";

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
  await admin.sql.unsafe(`create database ${name}`);
  await admin.sql.end();
  const url = withDatabase(adminUrl, name);
  const { sql } = connect(url);
  if (options.migrate !== false) await migrate(sql);
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
