// Slash commands and buttons, behind one error boundary: every failure is logged (codes only) and ends in
// an answer — never a stuck "thinking…".
import { type ChatInputCommandInteraction, type Interaction, MessageFlags } from "discord.js";
import { postingNeedsMention } from "../replies/messages.ts";
import { runButton } from "./buttons.ts";
import type { DiscordContext } from "./context.ts";
import { errorInfo } from "./errors.ts";
import { answerFailure, md } from "./respond.ts";
import { runCommand } from "./slash-commands.ts";

export async function handleInteraction(ctx: DiscordContext, interaction: Interaction): Promise<void> {
  if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
  const what = interaction.isChatInputCommand() ? `/${interaction.commandName}` : interaction.customId;
  try {
    if (interaction.isChatInputCommand()) {
      await runCommand(ctx, interaction);
      await noteOnPosting(ctx, interaction);
    } else await runButton(ctx, interaction);
    ctx.log.debug({ what, guildId: interaction.guildId, userId: interaction.user.id }, "discord interaction");
  } catch (error) {
    ctx.log.error(
      { err: errorInfo(error), what, guildId: interaction.guildId, userId: interaction.user.id },
      "discord interaction failed",
    );
    await answerFailure(interaction).catch((replyError) =>
      ctx.log.warn({ err: errorInfo(replyError) }, "could not tell the member about a failure"),
    );
  }
}

/** Without the Message Content intent, the first answer in a server says how to post a scan there. */
async function noteOnPosting(ctx: DiscordContext, i: ChatInputCommandInteraction): Promise<void> {
  if (!i.guildId || ctx.messageContent || !ctx.contentNoteDue(i.guildId)) return;
  if (i.commandName === "help") return; // /help says it itself
  if (!i.replied && !i.deferred) return;
  await i.followUp({ content: postingNeedsMention(md), flags: MessageFlags.Ephemeral });
}
