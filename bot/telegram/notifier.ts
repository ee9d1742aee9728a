// Lets scheduled jobs (weekly summaries, reminders) post through the bot.
import type { Api } from "grammy";
import type { Notifier, OutgoingMessage } from "../platform.ts";
import { telegramHtml } from "../replies/markup.ts";
import { isUnreachable } from "./errors.ts";
import { sendWithImage } from "./send.ts";

export function createNotifier(api: Api): Notifier {
  const post = async (chatId: string, message: OutgoingMessage): Promise<"sent" | "unreachable"> => {
    try {
      await sendWithImage(api, chatId, message.text(telegramHtml), message.image ?? null);
      return "sent";
    } catch (error) {
      if (isUnreachable(error)) return "unreachable";
      throw error;
    }
  };
  return { platform: "telegram", postToGroup: post, postToUser: post };
}
