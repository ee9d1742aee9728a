// pino: pretty in a terminal, JSON otherwise. Never log body values, names with values, tokens or keys.
import pino, { type Logger } from "pino";

export type { Logger };

export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger {
  const pretty = (options.pretty ?? false) && process.stdout.isTTY;
  return pino({
    level,
    redact: { paths: ["token", "*.token", "key", "*.key", "password", "*.password"], censor: "****" },
    ...(pretty
      ? { transport: { target: "pino-pretty", options: { colorize: true, translateTime: "HH:MM:ss" } } }
      : {}),
  });
}
