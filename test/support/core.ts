// A core (database + pipeline + use-cases) on this test file's own database, fed canonical records through
// the same extractor port production fills with the PDF reader.
import { afterAll, beforeAll } from "vitest";
import { buildCore, type Core } from "../../src/compose-core.ts";
import { cagedScanExtractor } from "../../src/extract/scan-extractor.ts";
import { createLogger } from "../../src/log.ts";
import type { PublishedPort, ScanExtractor } from "../../src/use-cases/ports.ts";
import { recordExtractor } from "./records.ts";
import { createTestDatabase, type TestDatabase } from "./test-db.ts";

export const FIXED_NOW = new Date("2026-06-01T12:00:00Z");

export interface TestCore {
  current: Core;
  db: TestDatabase;
  /** where the core's published port leads: nowhere, until a test starts a Sheet mirror and points it there */
  published: PublishedPort;
}

export function useTestCore(
  options: { realExtractor?: boolean; extractor?: ScanExtractor; now?: () => Date } = {},
): TestCore {
  const holder = { published: async () => {} } as unknown as TestCore;
  beforeAll(async () => {
    holder.db = await createTestDatabase();
    const database = { sql: holder.db.sql, url: holder.db.url, close: async () => {} };
    holder.current = await buildCore(database, { defaultTimeZone: "UTC" }, createLogger("silent"), {
      extractor:
        options.extractor ?? (options.realExtractor ? cagedScanExtractor({ size: 1 }) : recordExtractor()),
      now: options.now ?? (() => FIXED_NOW),
      published: (memberIds) => holder.published(memberIds),
    });
  });
  afterAll(async () => {
    await holder.current?.close();
    await holder.db?.drop();
  });
  return holder;
}
