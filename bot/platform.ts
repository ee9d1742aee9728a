// What every chat transport provides to the composition root, and what it is given.
import type { Logger } from "../src/log.ts";
import type { Notifier } from "../src/use-cases/notifier.ts";
import type { Services } from "../src/use-cases/services.ts";

export type { Announcement, Notifier } from "../src/use-cases/notifier.ts";

export interface BotDeps {
  services: Services;
  log: Logger;
  defaultTimeZone: string;
  /** the transport died after starting (e.g. its token was revoked); the process should stop */
  onFatal?(error: unknown): void;
}

export interface RunningBot {
  name: string;
  notifier: Notifier;
  start(): Promise<void>;
  stop(): Promise<void>;
}
