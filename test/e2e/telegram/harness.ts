// Shared set-up for the Telegram end-to-end tests: the real core on this file's own database, the stand-in
// Bot API server, and the real bot (grammY, auto-retry) between them; plus scan PDFs for made-up members.
import type { Chat, User } from "grammy/types";
import type { Sql } from "postgres";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { RunningBot } from "../../../bot/platform.ts";
import { createTelegramBot, type TelegramBotOptions } from "../../../bot/telegram/index.ts";
import type { Core } from "../../../src/compose-core.ts";
import { createLogger } from "../../../src/log.ts";
import type { Services } from "../../../src/use-cases/services.ts";
import { FakeTelegram } from "../../fakes/telegram/fake-telegram.ts";
import { handledInDatabase } from "../../fakes/telegram/handled-in-database.ts";
import { renderScanPdf } from "../../fixtures/evolt-sheet.ts";
import { followUp, makeScanSheet, type PersonInput } from "../../fixtures/person.ts";
import { type TestCoreOptions, useTestCore } from "../../support/core.ts";

export const PDF = "application/pdf";

/** A member's first scan and a second one four weeks later with 1.5 kg less fat and 0.4 kg more lean. */
export function person(name: string, overrides: Partial<PersonInput> = {}): PersonInput {
  return {
    sex: "male",
    age: 34,
    heightCm: 180,
    weightKg: 84,
    bodyFatPct: 22,
    scannedAt: "2026-03-02T07:30",
    name,
    seed: name.length,
    ...overrides,
  };
}

export async function scanPdf(input: PersonInput): Promise<Uint8Array> {
  return renderScanPdf(makeScanSheet(input));
}

export async function scanSeries(
  input: PersonInput,
  changes: { fat: number; lean: number }[],
): Promise<Uint8Array[]> {
  const inputs = [input];
  for (const change of changes)
    inputs.push(followUp(inputs.at(-1)!, { days: 28, fatKgChange: change.fat, leanKgChange: change.lean }));
  return Promise.all(inputs.map(scanPdf));
}

export interface TelegramWorld {
  tg: FakeTelegram;
  sql: Sql;
  /** this file's test database (for a second core over the same data) */
  databaseUrl: string;
  bot: RunningBot;
  services: Services;
  /** starts another bot (same core unless `services` is given) on the same stand-in */
  startBot(options?: Partial<TelegramBotOptions>): Promise<RunningBot>;
  /** the core under the bot (its jobs' parts: owed replies, reprocess) */
  core: Core;
}

/** One core per test file; a fresh stand-in server and bot per test file (tests use their own users/groups). */
export function useTelegramWorld(
  options: { botOptions?: Partial<TelegramBotOptions>; core?: TestCoreOptions } = {},
): TelegramWorld {
  const core = useTestCore(options.core ?? { realExtractor: true });
  const world = {} as TelegramWorld;
  const bots: RunningBot[] = [];
  beforeAll(async () => {
    world.tg = new FakeTelegram({ defaultTimeoutMs: 15_000 });
    await world.tg.start();
    handledInDatabase(world.tg, core.current.sql);
    world.services = core.current.services;
    world.sql = core.current.sql;
    world.databaseUrl = core.db.url;
    world.core = core.current;
    world.startBot = async (extra = {}) => {
      const bot = createTelegramBot({
        services: core.current.services,
        log: createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
        defaultTimeZone: "UTC",
        token: world.tg.token,
        apiRoot: world.tg.apiRoot,
        webhook: null,
        throttle: false,
        ...options.botOptions,
        ...extra,
      });
      bots.push(bot);
      await bot.start();
      return bot;
    };
    world.bot = await world.startBot();
  });
  afterEach(() => world.tg?.clearFaults());
  afterAll(async () => {
    for (const bot of bots.reverse()) await bot.stop().catch(() => undefined);
    await world.tg?.stop();
  });
  return world;
}

/** Sends a scan and waits until the bot is done with it; returns what it sent meanwhile. */
export async function sendScan(
  tg: FakeTelegram,
  input: { chat?: Chat; from: User; bytes: Uint8Array; fileName?: string; mimeType?: string },
): Promise<FakeTelegram["sent"]> {
  const before = tg.sent.length;
  const sent = tg.sendDocument({ fileName: "scan.pdf", mimeType: PDF, ...input });
  await tg.waitUntilHandled(sent.update);
  return tg.sent.slice(before);
}

export function actor(user: User) {
  return { platform: "telegram", userId: String(user.id), displayName: user.first_name };
}
