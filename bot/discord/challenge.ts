// /challenge (status, new, end, cancel, history), /join, and the Join button under the announcement.
// Starting, ending and cancelling need Manage Server (as /settings). Answers are public: the board is
// the group's, and entering is public consent to be on it.
import {
  ActionRowBuilder,
  ButtonBuilder,
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
  MessageFlags,
  PermissionFlagsBits,
} from "discord.js";
import type { Actor, Place } from "../../src/use-cases/ports.ts";
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
import { GROUP_ONLY_DISCORD } from "../replies/messages.ts";
import { actorOf, type DiscordContext, placeOf } from "./context.ts";
import { answer, ephemeralReply, md } from "./respond.ts";

const JOIN_ID = /^challenge:join:(\d+)$/;

function joinRow(challengeId: number): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`challenge:join:${challengeId}`)
      .setLabel(JOIN_BUTTON)
      .setStyle(ButtonStyle.Primary),
  );
}

export async function challengeCommand(
  ctx: DiscordContext,
  i: ChatInputCommandInteraction,
  place: Place,
  actionWord: string | undefined,
  details: string | undefined,
): Promise<void> {
  if (!i.inGuild()) return ephemeralReply(i, GROUP_ONLY_DISCORD);
  const word = (actionWord ?? "status").toLowerCase();
  if (!(CHALLENGE_ACTIONS as readonly string[]).includes(word))
    return ephemeralReply(i, `Try: ${md.escape(CHALLENGE_USAGE)}`);
  const action = word as ChallengeAction;
  if (CHALLENGE_ADMIN_ACTIONS.includes(action) && !i.memberPermissions.has(PermissionFlagsBits.ManageGuild))
    return ephemeralReply(i, `${CHALLENGE_ADMINS_ONLY} (Manage Server permission)`);
  await i.deferReply();
  switch (action) {
    case "status":
      return answer(i, challengeStatusText(await ctx.services.challengeStatus({ place }), md));
    case "history":
      return answer(i, historyText(await ctx.services.challengeHistory({ place }), md));
    case "end":
    case "cancel":
      return answer(i, stopText(await ctx.services.stopChallenge({ place, how: action }), md));
    case "new": {
      const r = await ctx.services.startChallenge({ place, words: details ?? "" });
      ctx.log.info({ guildId: i.guildId, outcome: r.kind }, "challenge new");
      const components = r.kind === "started" ? [joinRow(r.view.id)] : [];
      return answer(i, challengeStartedText(r, md), { components });
    }
  }
}

export async function joinCommand(
  ctx: DiscordContext,
  i: ChatInputCommandInteraction,
  actor: Actor,
  place: Place,
): Promise<void> {
  if (!i.inGuild()) return ephemeralReply(i, GROUP_ONLY_DISCORD);
  await i.deferReply();
  return answer(i, joinText(await ctx.services.joinChallenge({ actor, place }), md));
}

/** The Join button; false when the button is not one of ours. */
export async function runJoinButton(ctx: DiscordContext, b: ButtonInteraction): Promise<boolean> {
  const match = JOIN_ID.exec(b.customId);
  if (!match) return false;
  const r = await ctx.services.joinChallenge({
    actor: actorOf(b.user),
    place: placeOf(b.guild, b.guildId, b.channelId),
    challengeId: Number(match[1]),
  });
  if (r.kind === "joined") await b.reply({ content: joinText(r, md) });
  else await b.reply({ content: joinText(r, md), flags: MessageFlags.Ephemeral });
  return true;
}
