// Scan conditions: the optional private question after a scan (one tap), its buttons, and /conditions.
import { type Api, Composer, type Context, InlineKeyboard } from "grammy";
import { CONDITION_ANSWERS, parseConditionAnswer } from "../../src/use-cases/answer-conditions.ts";
import type { Actor } from "../../src/use-cases/ports.ts";
import {
  CONDITIONS_BUTTONS,
  CONDITIONS_QUESTION,
  conditionsAnswerText,
  conditionsSettingText,
} from "../replies/conditions.ts";
import { actorOf, type Features } from "./context.ts";
import { type CommandHandlers, words } from "./handlers.ts";
import { replyHtml, sendHtml } from "./send.ts";

const CONDITIONS_CALLBACK = /^cond:(scan_[0-9a-f]+):(\w+)$/;

/** Asks in the member's private chat (never in a group), unless they switched it off or already answered. */
export async function askConditionsPrivately(
  f: Features,
  api: Api,
  actor: Actor,
  scan: { memberId: number; scanId: string },
): Promise<void> {
  const { scanId } = scan;
  if (!(await f.services.askConditions(scan))) return;
  const keyboard = new InlineKeyboard();
  CONDITION_ANSWERS.forEach((answer, i) => {
    keyboard.text(CONDITIONS_BUTTONS[answer], `cond:${scanId}:${answer}`);
    if (i % 2 === 1) keyboard.row();
  });
  await sendHtml(api, actor.userId, CONDITIONS_QUESTION, { reply_markup: keyboard });
}

export function conditionsCommands(f: Features) {
  return {
    conditions: async (ctx) => {
      if (!ctx.from) return;
      const [word] = words(ctx.match);
      const r = await f.services.setConditions({ actor: actorOf(ctx.from), stateWord: word });
      await replyHtml(ctx, conditionsSettingText(r));
    },
  } satisfies CommandHandlers;
}

export function conditionsFeature(f: Features): Composer<Context> {
  const c = new Composer<Context>();
  c.callbackQuery(CONDITIONS_CALLBACK, async (ctx) => {
    const [, scanId, word] = ctx.match as RegExpMatchArray;
    const answer = parseConditionAnswer(word!);
    if (!answer) return void (await ctx.answerCallbackQuery());
    const r = await f.services.answerConditions({ actor: actorOf(ctx.from), scanId: scanId!, answer });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(conditionsAnswerText(r), { parse_mode: "HTML" });
  });
  return c;
}
