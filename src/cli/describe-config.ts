// The effective configuration in words, secrets masked, for `pump doctor`.
import type { Config } from "../config.ts";
import { redactUrl } from "../db/connection-url.ts";

/** One line per part: what is enabled, with which settings. */
export function describeConfig(config: Config): Record<string, string> {
  const mask = (v: string) => (v.length <= 8 ? "****" : `${v.slice(0, 4)}…${v.slice(-2)}`);
  return {
    telegram: config.telegram
      ? `enabled (token ${mask(config.telegram.token)}, api ${config.telegram.apiRoot}, ${config.telegram.webhook ? `webhook ${config.telegram.webhook.url}` : "long polling"})`
      : "disabled (set TELEGRAM_BOT_TOKEN)",
    discord: config.discord
      ? `enabled (token ${mask(config.discord.token)}, application ${config.discord.applicationId}, api ${config.discord.apiRoot}${config.discord.guildId ? `, guild ${config.discord.guildId}` : ""}, message content intent ${config.discord.messageContent ? "on" : "off"})`
      : "disabled (set DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID)",
    database:
      "url" in config.database
        ? `external (${redactUrl(config.database.url)})`
        : `embedded PostgreSQL in ${config.database.embedded.dataDir}`,
    sheet:
      config.sheets.kind === "google"
        ? `Google Sheet ${config.sheets.spreadsheetId} (key ${config.sheets.credentialsFile}, api ${config.sheets.apiRoot})`
        : `CSV files in ${config.sheets.dir} (set GOOGLE_SHEET_ID and GOOGLE_APPLICATION_CREDENTIALS for Google Sheets)`,
    timeZone: config.defaultTimeZone,
    logLevel: config.logLevel,
    extract: `${config.extractWorkers} parse worker${config.extractWorkers === 1 ? "" : "s"}`,
  };
}
