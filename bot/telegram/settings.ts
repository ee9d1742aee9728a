// /settings for group admins (checked with getChatMember): show them, or change one `key value`.
import type { Context } from "grammy";
import type { GroupSettings } from "../../src/use-cases/group-settings.ts";
import type { Place } from "../../src/use-cases/ports.ts";
import { telegramHtml as m } from "../replies/markup.ts";
import {
  ADMINS_ONLY,
  GROUP_ONLY,
  NO_TOPICS,
  settingChangedText,
  settingInvalidText,
  settingsText,
  summaryPlaceChosenText,
} from "../replies/messages.ts";
import { type Features, isGroupChat, PLATFORM, placeOf } from "./context.ts";
import { type CommandHandler, words } from "./handlers.ts";
import { replyHtml } from "./send.ts";

export async function isGroupAdmin(ctx: Context): Promise<boolean> {
  if (!ctx.chat || !ctx.from) return false;
  // anonymous admins post as the group itself (GroupAnonymousBot)
  if (ctx.msg?.sender_chat?.id === ctx.chat.id) return true;
  const member = await ctx.api.getChatMember(ctx.chat.id, ctx.from.id);
  return member.status === "creator" || member.status === "administrator";
}

export function settingsCommand(f: Features): CommandHandler {
  return async (ctx) => {
    if (!isGroupChat(ctx.chat)) return void (await replyHtml(ctx, GROUP_ONLY));
    if (!(await isGroupAdmin(ctx))) return void (await replyHtml(ctx, ADMINS_ONLY));
    const place = placeOf(ctx.chat);
    const [key, ...rest] = words(ctx.match);
    const show = (group: GroupSettings) => settingsWithPlace(f, place, group);
    if (!key) {
      const group = await f.services.groupSettings({ place });
      if (group) await replyHtml(ctx, await show(group));
      return;
    }
    if (key.toLowerCase() === "topic") return void (await summaryTopic(f, ctx, place, rest.join(" "), show));
    const result = await f.services.changeGroupSetting({
      place,
      key: key.toLowerCase(),
      value: rest.join(" "),
    });
    f.log.info({ chatId: ctx.chat.id, key, outcome: result.kind }, "group setting");
    if (result.kind === "updated") {
      const text = `${settingChangedText(m.escape(key.toLowerCase()))}\n\n${await show(result.group)}`;
      await replyHtml(ctx, text);
    } else if (result.kind === "invalid") {
      await replyHtml(ctx, settingInvalidText(result.key, result.setting, m));
    } else {
      await replyHtml(ctx, GROUP_ONLY);
    }
  };
}

async function settingsWithPlace(f: Features, place: Place, group: GroupSettings): Promise<string> {
  const destination = await f.services.showSummaryPlace({ place });
  return settingsText(group, m, f.defaultTimeZone, { platform: PLATFORM, destination });
}

/**
 * `/settings topic` sent inside a forum topic: the weekly summary goes to that topic; sent in General (or
 * `/settings topic off`): back to General.
 */
async function summaryTopic(
  f: Features,
  ctx: Context,
  place: Place,
  value: string,
  show: (group: GroupSettings) => Promise<string>,
): Promise<void> {
  const chat = ctx.chat;
  if (chat?.type !== "supergroup" || !chat.is_forum) return void (await replyHtml(ctx, NO_TOPICS));
  const thread = ctx.msg?.is_topic_message ? ctx.msg.message_thread_id : undefined;
  const chosen = /^(off|general|none)$/i.test(value) || thread === undefined ? null : String(thread);
  const r = await f.services.chooseSummaryPlace({ place, chosen });
  const group = await f.services.groupSettings({ place });
  if (r.kind === "not_a_group" || !group) return void (await replyHtml(ctx, GROUP_ONLY));
  f.log.info({ chatId: chat.id, key: "topic" }, "group setting");
  await replyHtml(ctx, `${summaryPlaceChosenText(PLATFORM, r.chosen)}\n\n${await show(group)}`);
}
