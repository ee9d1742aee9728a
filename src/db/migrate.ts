import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate as drizzleMigrate } from "drizzle-orm/postgres-js/migrator";
import type { Sql } from "postgres";

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
const MIGRATION_LOCK = 7710001;

/** Applies pending migrations; an advisory lock keeps two instances from migrating at once. */
export async function migrate(sql: Sql): Promise<void> {
  const conn = await sql.reserve();
  try {
    await conn`select pg_advisory_lock(${MIGRATION_LOCK})`;
    // the lock lives on this reserved connection; the migrator runs on the pool
    await drizzleMigrate(drizzle(sql), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await conn`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    conn.release();
  }
}
