// Slash commands and buttons, behind one error boundary: every failure is logged (codes only) and ends in
// an answer — never a stuck "thinking…".
import type { Interaction } from "discord.js";
import { runButton } from "./buttons.ts";
import type { DiscordContext } from "./context.ts";
import { errorInfo } from "./errors.ts";
import { answerFailure } from "./respond.ts";
import { runCommand } from "./slash-commands.ts";

export async function handleInteraction(ctx: DiscordContext, interaction: Interaction): Promise<void> {
  if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
  if (interaction.guildId && interaction.channelId)
    ctx.rememberChannel(interaction.guildId, interaction.channelId);
  const what = interaction.isChatInputCommand() ? `/${interaction.commandName}` : interaction.customId;
  try {
    if (interaction.isChatInputCommand()) await runCommand(ctx, interaction);
    else await runButton(ctx, interaction);
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
