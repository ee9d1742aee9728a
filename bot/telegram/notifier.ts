// Lets scheduled jobs (weekly summaries, reminders) post through the bot, in Telegram HTML.
import type { Api } from "grammy";
import type { Announcement, Notifier } from "../platform.ts";
import { announcementImage, announcementText } from "../replies/announcements.ts";
import { telegramHtml } from "../replies/markup.ts";
import { isUnreachable } from "./errors.ts";
import { sendWithImage } from "./send.ts";
import { isTopicGone } from "./topics.ts";

export function createNotifier(api: Api): Notifier {
  const post = async (
    chatId: string,
    announcement: Announcement,
    topics: readonly string[] = [],
  ): Promise<"sent" | "unreachable"> => {
    const text = announcementText(announcement, telegramHtml);
    const image = announcementImage(announcement);
    try {
      // the topic an admin chose with /settings topic; a topic deleted since then falls back to General
      for (const topic of topics) {
        try {
          await sendWithImage(api, chatId, text, image, { message_thread_id: Number(topic) });
          return "sent";
        } catch (error) {
          if (!isTopicGone(error)) throw error;
        }
      }
      await sendWithImage(api, chatId, text, image);
      return "sent";
    } catch (error) {
      if (isUnreachable(error)) return "unreachable";
      throw error;
    }
  };
  return { platform: "telegram", postToGroup: post, postToUser: (userId, a) => post(userId, a) };
}
