// Scan conditions on Discord: the optional question after /scan (only the member sees it), its buttons,
// and /conditions.
import {
  ActionRowBuilder,
  ButtonBuilder,
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
} from "discord.js";
import { CONDITION_ANSWERS, parseConditionAnswer } from "../../src/use-cases/answer-conditions.ts";
import type { Actor } from "../../src/use-cases/ports.ts";
import {
  CONDITIONS_BUTTONS,
  CONDITIONS_QUESTION,
  conditionsAnswerText,
  conditionsSettingText,
} from "../replies/conditions.ts";
import { actorOf, type DiscordContext } from "./context.ts";
import { answer, deferPrivately, followUp } from "./respond.ts";

const CONDITIONS_ID = /^cond:(scan_[0-9a-f]+):(\w+)$/;

/** Follows up privately under a /scan reply, unless the member switched it off or already answered. */
export async function askConditions(
  ctx: DiscordContext,
  i: ChatInputCommandInteraction,
  scan: { memberId: number; scanId: string },
): Promise<void> {
  const { scanId } = scan;
  if (!(await ctx.services.askConditions(scan))) return;
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    CONDITION_ANSWERS.map((a) =>
      new ButtonBuilder()
        .setCustomId(`cond:${scanId}:${a}`)
        .setLabel(CONDITIONS_BUTTONS[a])
        .setStyle(ButtonStyle.Secondary),
    ),
  );
  await followUp(i, CONDITIONS_QUESTION, true, { components: [row] });
}

export async function conditionsCommand(
  ctx: DiscordContext,
  i: ChatInputCommandInteraction,
  actor: Actor,
  state: string | undefined,
): Promise<void> {
  await deferPrivately(i);
  return answer(
    i,
    conditionsSettingText(await ctx.services.setConditions({ actor, stateWord: state })),
    {},
    true,
  );
}

/** A conditions button; false when the button is not one of these. */
export async function runConditionsButton(ctx: DiscordContext, b: ButtonInteraction): Promise<boolean> {
  const match = CONDITIONS_ID.exec(b.customId);
  const choice = match ? parseConditionAnswer(match[2]!) : null;
  if (!match || !choice) return false;
  await b.deferUpdate();
  const r = await ctx.services.answerConditions({
    actor: actorOf(b.user),
    scanId: match[1]!,
    answer: choice,
  });
  await b.editReply({ content: conditionsAnswerText(r), components: [] });
  return true;
}
