// Sending helpers: HTML text split at Telegram's limits, a chart with its explanation, private messages
// that may not be allowed yet, and the "typing…" indicator while work goes on.
import { type Api, type Context, InputFile } from "grammy";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import { splitText } from "../replies/split.ts";
import { replyTo } from "./context.ts";
import { isUnreachable } from "./errors.ts";

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;

export interface SendExtra {
  reply_parameters?: { message_id: number; allow_sending_without_reply: true };
  reply_markup?: InlineKeyboardMarkup;
  /** a forum topic (scheduled posts; replies get theirs from topics.ts) */
  message_thread_id?: number;
}

const inTopic = (extra: SendExtra) =>
  extra.message_thread_id === undefined ? {} : { message_thread_id: extra.message_thread_id };

export interface Image {
  bytes: Buffer;
  fileName: string;
}

/** Sends HTML text, in several messages at line breaks if it is longer than Telegram allows. */
export async function sendHtml(
  api: Api,
  chatId: number | string,
  text: string,
  extra: SendExtra = {},
): Promise<Message> {
  const parts = splitText(text, MAX_TEXT);
  let first: Message | undefined;
  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    const sent = await api.sendMessage(chatId, part, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...inTopic(extra),
      ...(index === 0 && extra.reply_parameters ? { reply_parameters: extra.reply_parameters } : {}),
      ...(last && extra.reply_markup ? { reply_markup: extra.reply_markup } : {}),
    });
    first ??= sent;
  }
  return first!;
}

/** Answers the message being handled, in its chat, quoting it. */
export function replyHtml(ctx: Context, text: string): Promise<Message> {
  if (!ctx.chat) throw new Error("no chat to reply in");
  return sendHtml(ctx.api, ctx.chat.id, text, replyTo(ctx));
}

/** A chart with its explanation: one photo with a caption when it fits, else the text and then the photo. */
export async function sendWithImage(
  api: Api,
  chatId: number | string,
  text: string,
  image: Image | null,
  extra: SendExtra = {},
): Promise<void> {
  if (!image) {
    await sendHtml(api, chatId, text, extra);
    return;
  }
  await api.sendChatAction(chatId, "upload_photo", inTopic(extra)).catch(() => undefined);
  const photo = new InputFile(image.bytes, image.fileName);
  if (text.length <= MAX_CAPTION) {
    await api.sendPhoto(chatId, photo, {
      ...inTopic(extra),
      ...(text ? { caption: text, parse_mode: "HTML" as const } : {}),
      ...(extra.reply_parameters ? { reply_parameters: extra.reply_parameters } : {}),
      ...(extra.reply_markup ? { reply_markup: extra.reply_markup } : {}),
    });
    return;
  }
  await sendHtml(api, chatId, text, {
    ...inTopic(extra),
    ...(extra.reply_parameters ? { reply_parameters: extra.reply_parameters } : {}),
  });
  await api.sendPhoto(chatId, photo, {
    ...inTopic(extra),
    ...(extra.reply_markup ? { reply_markup: extra.reply_markup } : {}),
  });
}

/**
 * A private message to a member. "unreachable" when Telegram refuses (they never pressed Start, or blocked
 * the bot); any other error is thrown.
 */
export async function sendPrivately(
  api: Api,
  userId: number | string,
  text: string,
  image: Image | null = null,
): Promise<"sent" | "unreachable"> {
  try {
    await sendWithImage(api, userId, text, image);
    return "sent";
  } catch (error) {
    if (isUnreachable(error)) return "unreachable";
    throw error;
  }
}

/** Shows "typing…" (or "sending photo…") until the returned function is called; Telegram shows it for 5 s. */
export function keepTyping(
  api: Api,
  chatId: number | string,
  action: "typing" | "upload_photo" = "typing",
): () => void {
  const send = () => void api.sendChatAction(chatId, action).catch(() => undefined);
  send();
  const timer = setInterval(send, 4_500);
  timer.unref();
  return () => clearInterval(timer);
}
