// What every chat transport provides to the composition root, and what it is given.
import type { Logger } from "../src/log.ts";
import type { Services } from "../src/use-cases/services.ts";
import type { Markup } from "./replies/markup.ts";

export interface BotDeps {
  services: Services;
  log: Logger;
  defaultTimeZone: string;
}

/** A message the core wants delivered (weekly summary, reminder); the text is built per platform. */
export interface OutgoingMessage {
  text(m: Markup): string;
  image?: { bytes: Buffer; fileName: string };
}

/** Lets scheduled jobs post through a running bot. */
export interface Notifier {
  platform: "telegram" | "discord";
  /** posts in a group (Telegram chat id / Discord guild id — the bot picks the guild's channel) */
  postToGroup(chatId: string, message: OutgoingMessage): Promise<"sent" | "unreachable">;
  /** private message; "unreachable" when the person never opened a private chat or blocks DMs */
  postToUser(userId: string, message: OutgoingMessage): Promise<"sent" | "unreachable">;
}

export interface RunningBot {
  name: string;
  notifier: Notifier;
  start(): Promise<void>;
  stop(): Promise<void>;
}
