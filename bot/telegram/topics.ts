// Forum supergroups: everything the bot sends while handling a message posted in a topic — every part of a
// split reply, charts, "typing…" — goes to that topic, not to General. A per-update API transformer adds the
// topic to each send into that chat that names none (grammY gives every update its own Api instance).
import type { Context, MiddlewareFn } from "grammy";

/** Bot API methods that take message_thread_id. */
const TOPIC_METHODS = new Set([
  "sendMessage",
  "sendPhoto",
  "sendDocument",
  "sendChatAction",
  "sendMediaGroup",
  "sendAnimation",
  "sendVideo",
  "sendAudio",
  "sendVoice",
  "sendSticker",
  "sendPoll",
  "copyMessage",
  "forwardMessage",
]);

export const stayInTopic: MiddlewareFn<Context> = (ctx, next) => {
  const msg = ctx.msg;
  if (msg?.is_topic_message && msg.message_thread_id !== undefined) {
    const chatId = String(msg.chat.id);
    const thread = msg.message_thread_id;
    ctx.api.config.use((prev, method, payload, signal) => {
      const fields = payload as { chat_id?: unknown; message_thread_id?: unknown } | undefined;
      if (
        TOPIC_METHODS.has(method) &&
        fields &&
        String(fields.chat_id) === chatId &&
        fields.message_thread_id === undefined
      )
        return prev(method, { ...payload, message_thread_id: thread } as typeof payload, signal);
      return prev(method, payload, signal);
    });
  }
  return next();
};

/** Bot API 400 for a topic that was deleted (or closed to the bot). */
export function isTopicGone(error: unknown): boolean {
  const e = error as { error_code?: unknown; description?: unknown };
  return (
    e?.error_code === 400 &&
    typeof e.description === "string" &&
    /message thread not found|TOPIC_(DELETED|CLOSED)/i.test(e.description)
  );
}
