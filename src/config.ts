// The only reader of process.env. Parsed once at start; an invalid value stops the start with one line
// naming the variable.
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const url = (what: string) =>
  optionalString.refine((v) => v === undefined || URL.canParse(v), { message: `must be a ${what} URL` });

const timeZone = optionalString.refine((v) => v === undefined || isTimeZone(v), {
  message: "must be an IANA time zone such as Europe/Amsterdam",
});

const flag = optionalString.transform((v) => v !== undefined && /^(1|true|yes|on)$/i.test(v));

/** On unless set to false/0/no/off; any other word is a mistake worth stopping for. */
const flagOnByDefault = optionalString
  .refine((v) => v === undefined || /^(1|true|yes|on|0|false|no|off)$/i.test(v), {
    message: "must be true or false",
  })
  .transform((v) => v === undefined || /^(1|true|yes|on)$/i.test(v));

const schema = z.object({
  TELEGRAM_BOT_TOKEN: optionalString.refine((v) => v === undefined || /^\d+:[\w-]+$/.test(v), {
    message: "must look like 123456:ABC-DEF… (the token BotFather gave you)",
  }),
  TELEGRAM_API_ROOT: url("http(s)").default("https://api.telegram.org"),
  WEBHOOK_URL: url("https"),
  WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v), {
    message: "may only hold A-Z, a-z, 0-9, _ and - (1–256 characters)",
  }),
  WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  DISCORD_BOT_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString.refine((v) => v === undefined || /^\d{5,25}$/.test(v), {
    message: "must be the numeric application id from the Discord Developer Portal",
  }),
  DISCORD_API_ROOT: url("http(s)").default("https://discord.com/api"),
  DISCORD_GUILD_ID: optionalString.refine((v) => v === undefined || /^\d{5,25}$/.test(v), {
    message: "must be a numeric server (guild) id",
  }),
  DISCORD_MESSAGE_CONTENT: flagOnByDefault,
  DATABASE_URL: url("postgres://"),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  GOOGLE_SHEET_ID: optionalString,
  GOOGLE_APPLICATION_CREDENTIALS: optionalString.refine((v) => v === undefined || existsSync(v), {
    message: "must be the path of an existing service-account JSON key file",
  }),
  GOOGLE_SHEETS_API_ROOT: url("http(s)").default("https://sheets.googleapis.com/"),
  TZ: timeZone,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /** set by CI systems: logs stay JSON lines even in a terminal */
  CI: flag,
  EXTRACT_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
});

export type LogLevel = NonNullable<z.infer<typeof schema>["LOG_LEVEL"]>;

export interface Config {
  telegram: {
    token: string;
    apiRoot: string;
    webhook: { url: string; secret: string | undefined; port: number } | null;
  } | null;
  discord: {
    token: string;
    applicationId: string;
    apiRoot: string;
    guildId: string | undefined;
    messageContent: boolean;
  } | null;
  database: { url: string } | { embedded: { dataDir: string } };
  dataDir: string;
  sheets:
    | { kind: "google"; spreadsheetId: string; credentialsFile: string; apiRoot: string }
    | { kind: "csv"; dir: string };
  defaultTimeZone: string;
  logLevel: LogLevel;
  /** pretty logs when the process writes to a terminal (off under CI) */
  logPretty: boolean;
  /** parse worker processes (the extraction cage) */
  extractWorkers: number;
}

export interface ConfigDefaults {
  /** the level when LOG_LEVEL is unset: the bot says what it does, the CLI only what went wrong */
  logLevel?: LogLevel;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseConfig(env: Record<string, string | undefined>, defaults: ConfigDefaults = {}): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    throw new ConfigError(`${variable} ${issue.message}`);
  }
  const e = result.data;
  const dataDir = path.resolve(e.DATA_DIR);

  if (e.DISCORD_BOT_TOKEN && !e.DISCORD_APPLICATION_ID) {
    throw new ConfigError("DISCORD_APPLICATION_ID is required when DISCORD_BOT_TOKEN is set");
  }
  if (e.GOOGLE_SHEET_ID && !e.GOOGLE_APPLICATION_CREDENTIALS) {
    throw new ConfigError("GOOGLE_APPLICATION_CREDENTIALS is required when GOOGLE_SHEET_ID is set");
  }
  if (e.WEBHOOK_URL && !e.WEBHOOK_URL.startsWith("https://") && !e.WEBHOOK_URL.startsWith("http://127.")) {
    throw new ConfigError("WEBHOOK_URL must be an https:// URL (Telegram only delivers webhooks over HTTPS)");
  }

  return {
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
          webhook: e.WEBHOOK_URL
            ? { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET, port: e.WEBHOOK_PORT }
            : null,
        }
      : null,
    discord:
      e.DISCORD_BOT_TOKEN && e.DISCORD_APPLICATION_ID
        ? {
            token: e.DISCORD_BOT_TOKEN,
            applicationId: e.DISCORD_APPLICATION_ID,
            apiRoot: e.DISCORD_API_ROOT.replace(/\/+$/, ""),
            guildId: e.DISCORD_GUILD_ID,
            messageContent: e.DISCORD_MESSAGE_CONTENT,
          }
        : null,
    database: e.DATABASE_URL ? { url: e.DATABASE_URL } : { embedded: { dataDir } },
    dataDir,
    sheets:
      e.GOOGLE_SHEET_ID && e.GOOGLE_APPLICATION_CREDENTIALS
        ? {
            kind: "google",
            spreadsheetId: e.GOOGLE_SHEET_ID,
            credentialsFile: path.resolve(e.GOOGLE_APPLICATION_CREDENTIALS),
            apiRoot: e.GOOGLE_SHEETS_API_ROOT,
          }
        : { kind: "csv", dir: path.join(dataDir, "sheets") },
    defaultTimeZone: e.TZ ?? "UTC",
    logLevel: e.LOG_LEVEL ?? defaults.logLevel ?? "info",
    logPretty: !e.CI,
    extractWorkers: e.EXTRACT_WORKERS,
  };
}

/** Reads `.env` (if present) into process.env without overriding what is already set, then parses. */
export function loadConfig(options: ConfigDefaults & { envFile?: string } = {}): Config {
  const envFile = options.envFile ?? ".env";
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env, options);
}

/** The environment a child process (the embedded PostgreSQL) starts with: this one's, plus overrides. */
export function childEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
