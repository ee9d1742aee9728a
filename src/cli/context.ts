import { type Config, loadConfig } from "../config.ts";
import { createLogger, type Logger } from "../log.ts";

/** Config and a quiet logger for CLI commands: warnings and errors only, unless LOG_LEVEL says otherwise. */
export function cliContext(): { config: Config; log: Logger } {
  const config = loadConfig({ logLevel: "warn" });
  const log = createLogger(config.logLevel, { pretty: config.logPretty });
  return { config, log };
}
