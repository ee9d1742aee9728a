// A core (database + pipeline + use-cases) on this test file's own database, fed canonical records.
import { afterAll, beforeAll } from "vitest";
import { buildCore, type Core } from "../../src/compose-core.ts";
import { createLogger } from "../../src/log.ts";
import { extractFromRecordBytes } from "./records.ts";
import { createTestDatabase, type TestDatabase } from "./test-db.ts";

export const FIXED_NOW = new Date("2026-06-01T12:00:00Z");

export function useTestCore(options: { realExtractor?: boolean; now?: () => Date } = {}): {
  current: Core;
  db: TestDatabase;
} {
  const holder = {} as { current: Core; db: TestDatabase };
  beforeAll(async () => {
    holder.db = await createTestDatabase();
    const database = { sql: holder.db.sql, db: holder.db.db, url: holder.db.url, close: async () => {} };
    holder.current = await buildCore(database, { defaultTimeZone: "UTC" }, createLogger("silent"), {
      ...(options.realExtractor ? {} : { extract: extractFromRecordBytes }),
      now: options.now ?? (() => FIXED_NOW),
    });
  });
  afterAll(async () => {
    await holder.db?.drop();
  });
  return holder;
}
