// Lets scheduled jobs post through a running bot. What they post is data (an announcement); each bot puts
// it into its platform's words with bot/replies/announcements.ts.
import type { WeeklySummary } from "./weekly-summary.ts";

export type Announcement =
  | {
      kind: "weekly_summary";
      summary: WeeklySummary;
      /** the summary goes out after its scheduled time (the bot was offline) */
      late: boolean;
      /** the summary card (PNG); none for a quiet week or when drawing it failed */
      chart: Buffer | null;
    }
  | { kind: "rescan_reminder"; name: string; daysSinceLastScan: number };

export interface Notifier {
  platform: "telegram" | "discord";
  /**
   * posts in a group (Telegram chat id / Discord guild id). `places` are tried first, best first: Discord
   * channel ids or Telegram forum topic ids (summary-destination.ts); then the platform's default place.
   */
  postToGroup(
    chatId: string,
    announcement: Announcement,
    places?: readonly string[],
  ): Promise<"sent" | "unreachable">;
  /** private message; "unreachable" when the person never opened a private chat or blocks DMs */
  postToUser(userId: string, announcement: Announcement): Promise<"sent" | "unreachable">;
}
