// Lets scheduled jobs post through a running bot. What they post is data (an announcement); each bot puts
// it into its platform's words with bot/replies/announcements.ts.
import type { BoardRow, ChallengeView } from "./challenge-view.ts";
import type { ScanReply } from "./receive-scan.ts";
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
  | { kind: "rescan_reminder"; name: string; daysSinceLastScan: number }
  /** the group's final podium (image) and board */
  | { kind: "challenge_final"; view: ChallengeView; chart: Buffer | null }
  /** one entrant's own result, privately (their row; null = not on the board any more) */
  | { kind: "challenge_result"; view: ChallengeView; row: BoardRow | null }
  /** privately, before the entry window closes: no baseline scan yet */
  | { kind: "challenge_no_baseline"; view: ChallengeView; name: string }
  /** privately, a week before the end: the final scan is still to come */
  | { kind: "challenge_final_nudge"; view: ChallengeView; name: string };

/**
 * A scan reply owed after its update was handled (src/use-cases/pending-replies.ts): given in the chat the
 * file was sent in, with the privacy rules of the normal reply (a group sees relative changes only).
 */
export interface ScanDelivery {
  /** read later because the cage was busy; or read after a parser update (`pump reprocess`) */
  reason: "read_later" | "reprocessed";
  chatId: string;
  inGroup: boolean;
  /** the sender's platform user id, for the private details */
  userId: string | null;
  /** the message that carried the file, to reply to */
  messageId: string | null;
  /** in a group: where to post, best first (Discord: the channel scans were last posted in) */
  places?: readonly string[];
  reply: Exclude<ScanReply, { kind: "busy" }>;
}

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
  /** a scan reply owed (see ScanDelivery); "unreachable" when the chat is gone */
  deliverScan(delivery: ScanDelivery): Promise<"sent" | "unreachable">;
}
