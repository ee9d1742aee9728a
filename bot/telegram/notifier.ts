// Lets jobs post through the bot, in Telegram HTML: weekly summaries and reminders, and the scan replies
// owed after their update (a file read later, or read after a parser update).
import type { Api } from "grammy";
import type { Services } from "../../src/use-cases/services.ts";
import type { Announcement, Notifier } from "../platform.ts";
import { announcementImage, announcementText } from "../replies/announcements.ts";
import { readNowIntro } from "../replies/later.ts";
import { telegramHtml } from "../replies/markup.ts";
import { isUnreachable } from "./errors.ts";
import { answerScan } from "./scan-answer.ts";
import { sendWithImage } from "./send.ts";
import { isTopicGone } from "./topics.ts";

export function createNotifier(api: Api, services: Services, botUsername: () => string): Notifier {
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
  return {
    platform: "telegram",
    postToGroup: post,
    postToUser: (userId, a) => post(userId, a),
    async deliverScan(delivery) {
      const { reply } = delivery;
      const messageId = delivery.messageId === null ? Number.NaN : Number(delivery.messageId);
      try {
        await answerScan(
          api,
          services,
          {
            chatId: delivery.chatId,
            inGroup: delivery.inGroup,
            sender: delivery.userId ? { platform: "telegram", userId: delivery.userId } : null,
            botUsername: botUsername(),
            replyTo: Number.isInteger(messageId)
              ? { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } }
              : {},
            // we said we would read it: the answer comes even where a refusal is normally kept quiet
            addressed: true,
            ...(delivery.reason === "reprocessed" && reply.kind === "accepted"
              ? { intro: readNowIntro(telegramHtml, reply.current.scannedAt) }
              : {}),
          },
          reply,
        );
        return "sent";
      } catch (error) {
        if (isUnreachable(error)) return "unreachable";
        throw error;
      }
    },
  };
}
