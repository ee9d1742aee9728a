import { type Config, loadConfig } from "../config.ts";
import { createLogger, type Logger } from "../log.ts";

/** Config and a quiet logger for CLI commands (logs go to stderr-friendly levels only). */
export function cliContext(): { config: Config; log: Logger } {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? "warn");
  return { config, log };
}
