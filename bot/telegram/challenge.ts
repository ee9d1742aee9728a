// /challenge (status, new, end, cancel, history), /join, and the Join button under the announcement.
// Starting, ending and cancelling are for group admins (as /settings decides them).
import { Composer, type Context, InlineKeyboard } from "grammy";
import { CHALLENGE_ACTIONS, CHALLENGE_ADMIN_ACTIONS, type ChallengeAction } from "../commands.ts";
import {
  CHALLENGE_ADMINS_ONLY,
  CHALLENGE_USAGE,
  challengeStartedText,
  challengeStatusText,
  historyText,
  JOIN_BUTTON,
  joinText,
  stopText,
} from "../replies/challenges.ts";
import { telegramHtml as m, plainText } from "../replies/markup.ts";
import { GROUP_ONLY } from "../replies/messages.ts";
import { actorOf, type Features, isGroupChat, placeOf, replyTo } from "./context.ts";
import type { CommandHandler, CommandHandlers } from "./handlers.ts";
import { replyHtml, sendHtml } from "./send.ts";
import { isGroupAdmin } from "./settings.ts";

const JOIN_CALLBACK = /^challenge:join:(\d+)$/;

export function challengeCommands(f: Features) {
  const { services } = f;

  const challenge: CommandHandler = async (ctx) => {
    if (!isGroupChat(ctx.chat)) return void (await replyHtml(ctx, GROUP_ONLY));
    const place = placeOf(ctx.chat);
    const text = (ctx.match ?? "").trim();
    const first = text.split(/\s+/)[0]?.toLowerCase() ?? "";
    const action: ChallengeAction | null = first
      ? (CHALLENGE_ACTIONS as readonly string[]).includes(first)
        ? (first as ChallengeAction)
        : null
      : "status";
    if (!action)
      return void (await replyHtml(
        ctx,
        `Try: ${m.escape(CHALLENGE_USAGE)}, /challenge end, /challenge cancel or /challenge history.`,
      ));
    if (CHALLENGE_ADMIN_ACTIONS.includes(action) && !(await isGroupAdmin(ctx)))
      return void (await replyHtml(ctx, CHALLENGE_ADMINS_ONLY));
    switch (action) {
      case "status":
        return void (await replyHtml(ctx, challengeStatusText(await services.challengeStatus({ place }), m)));
      case "history":
        return void (await replyHtml(ctx, historyText(await services.challengeHistory({ place }), m)));
      case "end":
      case "cancel": {
        const r = await services.stopChallenge({ place, how: action });
        f.log.info({ chatId: ctx.chat.id, outcome: r.kind }, "challenge stopped");
        return void (await replyHtml(ctx, stopText(r, m)));
      }
      case "new": {
        const r = await services.startChallenge({ place, words: text.slice(first.length) });
        f.log.info({ chatId: ctx.chat.id, outcome: r.kind }, "challenge new");
        const keyboard =
          r.kind === "started"
            ? { reply_markup: new InlineKeyboard().text(JOIN_BUTTON, `challenge:join:${r.view.id}`) }
            : {};
        await sendHtml(ctx.api, ctx.chat.id, challengeStartedText(r, m), { ...replyTo(ctx), ...keyboard });
      }
    }
  };

  const join: CommandHandler = async (ctx) => {
    if (!ctx.from) return;
    const r = await services.joinChallenge({ actor: actorOf(ctx.from), place: placeOf(ctx.chat) });
    await replyHtml(ctx, joinText(r, m));
  };

  return { challenge, join } satisfies CommandHandlers;
}

/** The Join button: answers in the group (joining is public: the board shows entrants). */
export function challengeButtonsFeature(f: Features): Composer<Context> {
  const c = new Composer<Context>();
  c.callbackQuery(JOIN_CALLBACK, async (ctx) => {
    const chat = ctx.chat;
    if (!chat || !isGroupChat(chat)) return void (await ctx.answerCallbackQuery());
    const [, id] = ctx.match as RegExpMatchArray;
    const r = await f.services.joinChallenge({
      actor: actorOf(ctx.from),
      place: placeOf(chat),
      challengeId: Number(id),
    });
    if (r.kind === "joined") {
      await ctx.answerCallbackQuery({ text: "You're in!" });
      await sendHtml(ctx.api, chat.id, joinText(r, m));
    } else {
      await ctx.answerCallbackQuery({ text: joinText(r, plainText), show_alert: true });
    }
  });
  return c;
}
