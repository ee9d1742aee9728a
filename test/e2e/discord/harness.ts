// One stand-in Discord, one real core on a fresh database, and the real Discord bot between them.

import { Writable } from "node:stream";
import pino from "pino";
import { createDiscordBot } from "../../../bot/discord/index.ts";
import type { RunningBot } from "../../../bot/platform.ts";
import { buildCore, type Core } from "../../../src/compose-core.ts";
import { connect } from "../../../src/db/client.ts";
import { cagedScanExtractor } from "../../../src/extract/scan-extractor.ts";
import type { Logger } from "../../../src/log.ts";
import type { ScanExtractor } from "../../../src/use-cases/ports.ts";
import {
  FakeDiscord,
  type FakeDiscordOptions,
  type FakeGuild,
  type FakeUser,
} from "../../fakes/discord/index.ts";
import { renderScanPdf } from "../../fixtures/evolt-sheet.ts";
import { followUp, makeScanSheet, type PersonInput } from "../../fixtures/person.ts";
import { createTestDatabase, type TestDatabase } from "../../support/test-db.ts";

export const NOW = new Date("2026-06-01T12:00:00Z");

export interface WorldOptions {
  messageContent?: boolean;
  guildId?: string;
  /** the core's extractor (default: the real one, in the cage) and clock */
  extractor?: ScanExtractor;
  now?: () => Date;
}

export interface Running {
  core: Core;
  bot: RunningBot;
  /** what the bot and the core logged, one parsed JSON line each */
  logs: { level: number; msg: string }[];
  stop(): Promise<void>;
}

function capturingLogger(): { log: Logger; logs: Running["logs"] } {
  const logs: Running["logs"] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: "info" }, sink) as Logger, logs };
}

/** Builds the core on `dbUrl` (a new connection, as a fresh process would) and starts the bot. */
export async function startBot(
  fake: FakeDiscord,
  db: TestDatabase,
  options: WorldOptions = {},
): Promise<Running> {
  const { sql } = connect(db.url);
  const database = { sql, url: db.url, close: () => sql.end({ timeout: 5 }) };
  const { log, logs } = capturingLogger();
  const core = await buildCore(database, { defaultTimeZone: "UTC" }, log, {
    extractor: options.extractor ?? cagedScanExtractor({ size: 1 }),
    now: options.now ?? (() => NOW),
  });
  const bot = createDiscordBot({
    services: core.services,
    log,
    defaultTimeZone: "UTC",
    token: fake.token,
    applicationId: fake.applicationId,
    apiRoot: fake.apiRoot,
    guildId: options.guildId,
    messageContent: options.messageContent ?? true,
  });
  await bot.start();
  return {
    core,
    bot,
    logs,
    stop: async () => {
      await bot.stop();
      await core.close();
    },
  };
}

export async function newWorld(options: WorldOptions & { fake?: FakeDiscordOptions } = {}) {
  const fake = await new FakeDiscord(options.fake).start();
  const db = await createTestDatabase();
  const { fake: _fakeOptions, ...botOptions } = options;
  const running = { current: await startBot(fake, db, botOptions) };
  return {
    fake,
    db,
    running,
    async close() {
      await running.current.stop();
      await fake.stop();
      await db.drop();
    },
  };
}

export function person(name: string, overrides: Partial<PersonInput> = {}): PersonInput {
  return {
    sex: "male",
    age: 34,
    heightCm: 180,
    weightKg: 88,
    bodyFatPct: 24,
    scannedAt: "2026-03-02T08:15",
    name,
    seed: name.length,
    ...overrides,
  };
}

export async function scanPdf(input: PersonInput): Promise<Uint8Array> {
  return renderScanPdf(makeScanSheet(input));
}

/** The same person four weeks later with less fat and a little more muscle. */
export function fourWeeksLater(input: PersonInput): PersonInput {
  return followUp(input, { days: 28, fatKgChange: -2.5, leanKgChange: 0.8 });
}

export const pdfFile = (bytes: Uint8Array, filename = "evolt-scan.pdf") => ({
  filename,
  contentType: "application/pdf",
  bytes,
});

/** A new user who is a member of the server. */
export function serverMember(
  fake: FakeDiscord,
  guild: FakeGuild,
  username: string,
  globalName: string,
): FakeUser {
  const user = fake.addUser({ username, globalName });
  fake.addMember(guild, user);
  return user;
}
