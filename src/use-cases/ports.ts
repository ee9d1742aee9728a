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
