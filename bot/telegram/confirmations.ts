// Questions answered with buttons: /forget (confirm) and "is this scan yours?". Only the person asked may
// answer; everyone else gets a small alert and nothing changes.
import { Composer, type Context, InlineKeyboard } from "grammy";
import { forgetLinkedNote } from "../replies/link.ts";
import { telegramHtml as m } from "../replies/markup.ts";
import {
  BUTTON_EXPIRED,
  FORGET_BUTTONS,
  FORGET_CANCELLED,
  FORGET_CONFIRM,
  FORGET_IN_PROGRESS,
  forgottenText,
  ONLY_FOR_THE_ASKER,
} from "../replies/messages.ts";
import { ownershipAnswer } from "../replies/scan.ts";
import { actorOf, type Features, replyTo } from "./context.ts";
import type { CommandHandler } from "./handlers.ts";
import { OWNER_CALLBACK } from "./scan.ts";
import { sendHtml } from "./send.ts";

const FORGET_CALLBACK = /^forget:(\d+):(y|n)$/;

/**
 * Asked where it was typed: the question holds no personal data, and the buttons only work for the asker.
 * It says so when the member's accounts are linked (they are forgotten on every platform).
 */
export const forgetCommand =
  (f: Features): CommandHandler =>
  async (ctx) => {
    if (!ctx.from) return;
    const { linkedPlatforms } = await f.services.forgetReach({ actor: actorOf(ctx.from) });
    const keyboard = new InlineKeyboard()
      .text(FORGET_BUTTONS.confirm, `forget:${ctx.from.id}:y`)
      .text(FORGET_BUTTONS.cancel, `forget:${ctx.from.id}:n`);
    const question = FORGET_CONFIRM + forgetLinkedNote(linkedPlatforms, m);
    await sendHtml(ctx.api, ctx.chat.id, question, { ...replyTo(ctx), reply_markup: keyboard });
  };

export function confirmationsFeature(f: Features): Composer<Context> {
  const c = new Composer<Context>();

  c.callbackQuery(FORGET_CALLBACK, async (ctx) => {
    const [, userId, answer] = ctx.match as RegExpMatchArray;
    if (String(ctx.from.id) !== userId) {
      await ctx.answerCallbackQuery({ text: ONLY_FOR_THE_ASKER, show_alert: true });
      return;
    }
    if (answer === "n") {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(FORGET_CANCELLED, { parse_mode: "HTML" });
      return;
    }
    await ctx.answerCallbackQuery({ text: FORGET_IN_PROGRESS });
    const result = await f.services.forget({ actor: actorOf(ctx.from) });
    f.log.info({ chatId: ctx.chat?.id, outcome: "forgotten" }, "forget");
    await ctx.editMessageText(forgottenText(result), { parse_mode: "HTML" });
  });

  c.callbackQuery(OWNER_CALLBACK, async (ctx) => {
    const [, reportId, answer] = ctx.match as RegExpMatchArray;
    const outcome = await f.services.confirmScanOwner({
      actor: actorOf(ctx.from),
      scanReportId: Number(reportId),
      mine: answer === "y",
    });
    if (outcome === "not_yours_to_answer") {
      await ctx.answerCallbackQuery({ text: ownershipAnswer(outcome), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ownershipAnswer(outcome), { parse_mode: "HTML" });
  });

  // buttons of messages from an older version, or pressed twice after the message changed
  c.on("callback_query:data", async (ctx) => {
    await ctx.answerCallbackQuery({ text: BUTTON_EXPIRED });
  });

  return c;
}
