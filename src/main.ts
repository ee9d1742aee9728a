// Composition root: config → db → job layer → core (use-cases, pipeline) → bots → jobs start. The only file
// that wires bot/.

import { errorInfo as discordErrorInfo } from "../bot/discord/errors.ts";
import { createDiscordBot } from "../bot/discord/index.ts";
import type { RunningBot } from "../bot/platform.ts";
import { safeError } from "../bot/telegram/errors.ts";
import { createTelegramBot } from "../bot/telegram/index.ts";
import { buildCore } from "./compose-core.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { cagedScanExtractor } from "./extract/scan-extractor.ts";
import { openJobs } from "./jobs/index.ts";
import { createLogger } from "./log.ts";

const NO_TOKEN_MESSAGE =
  "Ronald Pump has no chat platform to serve: set TELEGRAM_BOT_TOKEN (Telegram) and/or DISCORD_BOT_TOKEN " +
  "with DISCORD_APPLICATION_ID (Discord), in the environment or in a .env file. See README.md → Quick start " +
  "(or watch it work first, without a token: npx pump demo).";

interface Running {
  name: string;
  stop(): Promise<void>;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  if (!config.telegram && !config.discord) {
    console.error(NO_TOKEN_MESSAGE);
    process.exit(1);
  }
  const log = createLogger(config.logLevel, { pretty: config.logPretty });
  const running: Running[] = [];
  let database: Database | null = null;

  // Stops what started, in reverse order, within a deadline: a stuck platform call must not keep a
  // deploy waiting until it is killed (and the embedded database must still be stopped cleanly).
  let stopping = false;
  const shutdown = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, "shutting down");
    const deadline = setTimeout(() => {
      log.error("shutdown took longer than 30 s; stopping the database anyway");
      void database?.close().finally(() => process.exit(exitCode || 1));
    }, 30_000);
    deadline.unref();
    for (const part of running.reverse()) {
      await part.stop().catch((error) => log.error({ err: error, part: part.name }, "stop failed"));
    }
    await database?.close();
    clearTimeout(deadline);
    log.info("stopped");
    process.exit(exitCode);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  const onFatal = () => void shutdown("a chat transport stopped working", 1);

  try {
    database = await openDatabase(config, log);
    // files are read in child processes; a chat is told "busy" instead of queueing without bound
    const extractor = cagedScanExtractor({ log, whenFull: "reject", size: config.extractWorkers });
    running.push({ name: "extractor", stop: () => extractor.close() });
    // the job layer first: the core is built with the Sheet mirror's queue as its published port
    const jobs = await openJobs(database, config, log);
    running.push({ name: "jobs", stop: jobs.stop });
    const core = await buildCore(
      database,
      config,
      log,
      { extractor, now: () => new Date(), published: jobs.published },
      // start-up never waits for the models: a rebuild of changed models runs beside the live tables
      { catchUpInBackground: true },
    );

    const botDeps = { services: core.services, log, defaultTimeZone: config.defaultTimeZone, onFatal };
    const bots: RunningBot[] = [];
    /** A bot that cannot start stops the whole start, with what to check (its error logged safely). */
    const startBot = async (bot: RunningBot, safely: (error: unknown) => unknown, check: string) => {
      running.push(bot);
      bots.push(bot);
      try {
        await bot.start();
      } catch (error) {
        const platform = `${bot.name.charAt(0).toUpperCase()}${bot.name.slice(1)}`;
        log.error({ err: safely(error) }, `the ${platform} bot could not start (check ${check})`);
        throw new StartFailed();
      }
    };
    if (config.telegram) {
      await startBot(createTelegramBot({ ...botDeps, ...config.telegram }), safeError, "TELEGRAM_BOT_TOKEN");
    }
    if (config.discord) {
      await startBot(
        createDiscordBot({ ...botDeps, ...config.discord }),
        discordErrorInfo,
        "DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID",
      );
    }

    // Jobs (model refresh, Sheet mirror, weekly summaries, reminders) post through the running bots.
    await jobs.start(
      core,
      bots.map((bot) => bot.notifier),
    );
    // the OCR worker loads its recogniser now, not when the first member's photo is waiting for it
    void extractor.ocrPool.warmUp();
  } catch (error) {
    if (!(error instanceof StartFailed)) log.error({ err: error }, "start failed");
    await shutdown("start failed", 1);
    return;
  }

  log.info("ready");
}

class StartFailed extends Error {}

await main();
