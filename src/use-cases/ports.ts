// What use-cases need from the outside world, as plain functions the composition root provides.
import type {
  LeaderboardChartInput,
  ProgressChartInput,
  SegmentChartInput,
  WeeklySummaryChartInput,
} from "../charts/types.ts";

export interface ChartRenderer {
  progress(input: ProgressChartInput): Promise<Buffer>;
  leaderboard(input: LeaderboardChartInput): Promise<Buffer>;
  segments(input: SegmentChartInput): Promise<Buffer>;
  weeklySummary(input: WeeklySummaryChartInput): Promise<Buffer>;
}

/** Who did something, as a chat platform knows them. */
export interface Actor {
  platform: string;
  userId: string;
  displayName: string;
  username?: string | null;
}

/** Where it happened: a private chat with the bot, or a group (Telegram group, Discord server). */
export type Place =
  | { kind: "private"; platform: string; chatId: string }
  | { kind: "group"; platform: string; chatId: string; title: string };

/** How a platform formats text: builders take one and each platform supplies its own (HTML or Markdown). */
export interface Markup {
  bold(text: string): string;
  italic(text: string): string;
  /** escapes text that comes from users or sheets */
  escape(text: string): string;
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
