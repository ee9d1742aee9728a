// /settings for group admins (checked with getChatMember): show them, or change one `key value`.
import type { Context } from "grammy";
import { telegramHtml as m } from "../replies/markup.ts";
import {
  ADMINS_ONLY,
  GROUP_ONLY,
  settingChangedText,
  settingInvalidText,
  settingsText,
} from "../replies/messages.ts";
import { type Features, isGroupChat, placeOf } from "./context.ts";
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
    if (!key) {
      const group = await f.services.groupSettings({ place });
      if (group) await replyHtml(ctx, settingsText(group, m, f.defaultTimeZone));
      return;
    }
    const result = await f.services.changeGroupSetting({
      place,
      key: key.toLowerCase(),
      value: rest.join(" "),
    });
    f.log.info({ chatId: ctx.chat.id, key, outcome: result.kind }, "group setting");
    if (result.kind === "updated") {
      const text = `${settingChangedText(m.escape(key.toLowerCase()))}\n\n${settingsText(result.group, m, f.defaultTimeZone)}`;
      await replyHtml(ctx, text);
    } else if (result.kind === "invalid") {
      await replyHtml(ctx, settingInvalidText(result.key, result.setting, m));
    } else {
      await replyHtml(ctx, GROUP_ONLY);
    }
  };
}
