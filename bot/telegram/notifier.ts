// Lets scheduled jobs (weekly summaries, reminders) post through the bot, in Telegram HTML.
import type { Api } from "grammy";
import type { Announcement, Notifier } from "../platform.ts";
import { announcementImage, announcementText } from "../replies/announcements.ts";
import { telegramHtml } from "../replies/markup.ts";
import { isUnreachable } from "./errors.ts";
import { sendWithImage } from "./send.ts";

export function createNotifier(api: Api): Notifier {
  const post = async (chatId: string, announcement: Announcement): Promise<"sent" | "unreachable"> => {
    try {
      await sendWithImage(
        api,
        chatId,
        announcementText(announcement, telegramHtml),
        announcementImage(announcement),
      );
      return "sent";
    } catch (error) {
      if (isUnreachable(error)) return "unreachable";
      throw error;
    }
  };
  return { platform: "telegram", postToGroup: post, postToUser: post };
}
