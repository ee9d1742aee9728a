// Composition root: config → db → core (use-cases, pipeline, jobs) → bots. The only file that wires bot/.

import { errorInfo as discordErrorInfo } from "../bot/discord/errors.ts";
import { createDiscordBot } from "../bot/discord/index.ts";
import type { RunningBot } from "../bot/platform.ts";
import { safeError } from "../bot/telegram/errors.ts";
import { createTelegramBot } from "../bot/telegram/index.ts";
import { buildCore } from "./compose-core.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { startJobs } from "./jobs/index.ts";
import { createLogger } from "./log.ts";

const NO_TOKEN_MESSAGE =
  "Ronald Pump has no chat platform to serve: set TELEGRAM_BOT_TOKEN (Telegram) and/or DISCORD_BOT_TOKEN " +
  "with DISCORD_APPLICATION_ID (Discord), in the environment or in a .env file. See README.md → Quick start.";

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
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log);
  const running: Running[] = [];

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    for (const part of running.reverse()) {
      await part.stop().catch((error) => log.error({ err: error, part: part.name }, "stop failed"));
    }
    await database.close();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  const core = await buildCore(database, config, log);

  // --- Telegram ---
  if (config.telegram) {
    const telegram = createTelegramBot({
      services: core.services,
      log,
      defaultTimeZone: config.defaultTimeZone,
      ...config.telegram,
    });
    running.push(telegram);
    try {
      await telegram.start();
    } catch (error) {
      log.error({ err: safeError(error) }, "the Telegram bot could not start (check TELEGRAM_BOT_TOKEN)");
      await telegram.stop().catch(() => undefined);
      await database.close();
      process.exit(1);
    }
  }
  // --- end Telegram ---

  // --- Discord ---
  if (config.discord) {
    const discord = createDiscordBot({
      services: core.services,
      log,
      defaultTimeZone: config.defaultTimeZone,
      ...config.discord,
    });
    running.push(discord);
    try {
      await discord.start();
    } catch (error) {
      log.error(
        { err: discordErrorInfo(error) },
        "the Discord bot could not start (check DISCORD_BOT_TOKEN, DISCORD_APPLICATION_ID and, with DISCORD_MESSAGE_CONTENT=true, that the Message Content intent is enabled)",
      );
      for (const part of running.reverse()) await part.stop().catch(() => undefined);
      await database.close();
      process.exit(1);
    }
  }
  // --- end Discord ---

  // Jobs (Sheet mirror, model refresh, weekly summaries, reminders) post through the running bots.
  const notifiers = running.flatMap((part) => ("notifier" in part ? [(part as RunningBot).notifier] : []));
  const jobs = await startJobs(core, notifiers);
  running.push({ name: "jobs", stop: jobs.stop });

  log.info("ready");
}

await main();
