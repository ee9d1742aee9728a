// Who and where, as the use-cases see them, from a Telegram update; and the bot's shared per-update helpers.
import type { Context } from "grammy";
import type { Chat, Message, User } from "grammy/types";
import type { Logger } from "../../src/log.ts";
import type { Actor, Place } from "../../src/use-cases/ports.ts";
import type { Services } from "../../src/use-cases/services.ts";

export const PLATFORM = "telegram";

/** How an update is known to handleUpdateOnce and the update inbox: update ids are only unique per bot. */
export function updateKey(botId: number, updateId: number): string {
  return `${updateKeyPrefix(botId)}${updateId}`;
}

/** What every update key of this bot starts with. */
export function updateKeyPrefix(botId: number): string {
  return `${botId}:`;
}

/** What every feature Composer needs, fixed when the bot is created. */
export interface Features {
  services: Services;
  log: Logger;
  defaultTimeZone: string;
  token: string;
  apiRoot: string;
}

export function actorOf(user: User): Actor {
  const displayName = [user.first_name, user.last_name].filter(Boolean).join(" ").trim() || "Member";
  return { platform: PLATFORM, userId: String(user.id), displayName, username: user.username ?? null };
}

/** Telegram's stand-ins for anonymous group admins (GroupAnonymousBot) and for posts made as a channel. */
const ANONYMOUS_SENDERS = new Set([1087968824, 136817688]);

/**
 * Posted as the group or a channel (`sender_chat`), not as a person: `from` is then a stand-in shared by
 * every group, so nothing personal may be filed under it.
 */
export function postedAnonymously(message: Pick<Message, "sender_chat" | "from">): boolean {
  return Boolean(message.sender_chat) || ANONYMOUS_SENDERS.has(message.from?.id ?? 0);
}

export function isGroupChat(chat: Chat): boolean {
  return chat.type === "group" || chat.type === "supergroup";
}

export function placeOf(chat: Chat): Place {
  if (chat.type === "group" || chat.type === "supergroup")
    return { kind: "group", platform: PLATFORM, chatId: String(chat.id), title: chat.title };
  return { kind: "private", platform: PLATFORM, chatId: String(chat.id) };
}

/** Reply parameters that quote the triggering message but still send if it was deleted meanwhile. */
export function replyTo(ctx: Context): {
  reply_parameters?: { message_id: number; allow_sending_without_reply: true };
} {
  const id = ctx.msg?.message_id;
  return id === undefined ? {} : { reply_parameters: { message_id: id, allow_sending_without_reply: true } };
}

/** The message mentions the bot or replies to one of its messages: in a group, it is meant for us. */
export function addressesBot(ctx: Context): boolean {
  const msg = ctx.msg;
  if (!msg) return false;
  if (msg.reply_to_message?.from?.id === ctx.me.id) return true;
  const text = msg.text ?? msg.caption ?? "";
  return text.toLowerCase().includes(`@${ctx.me.username.toLowerCase()}`);
}
