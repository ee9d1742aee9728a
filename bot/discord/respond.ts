// Answers to an interaction: every handler acknowledges within Discord's 3-second window (a reply or a
// defer before any database work), and text beyond 2000 characters continues in followups.
import {
  type ActionRowBuilder,
  type AttachmentBuilder,
  type ButtonBuilder,
  MessageFlags,
  type RepliableInteraction,
} from "discord.js";
import { discordMarkdown } from "../replies/markup.ts";
import { SORRY } from "../replies/messages.ts";
import { splitText } from "../replies/split.ts";

export const md = discordMarkdown;

/** Discord's limit for one message. */
export const MAX_MESSAGE = 2000;

export const splitMessage = (text: string): string[] => splitText(text, MAX_MESSAGE);

export interface Answer {
  files?: AttachmentBuilder[];
  components?: ActionRowBuilder<ButtonBuilder>[];
}

/** Fills the deferred reply; text beyond 2000 characters continues in followups with the same visibility. */
export async function answer(
  interaction: RepliableInteraction,
  text: string,
  extra: Answer = {},
  ephemeral = false,
): Promise<void> {
  const [first, ...rest] = splitMessage(text);
  await interaction.editReply({
    content: first ?? "",
    files: extra.files ?? [],
    components: rest.length === 0 ? (extra.components ?? []) : [],
  });
  for (const [i, part] of rest.entries()) {
    await interaction.followUp({
      content: part,
      ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
      ...(i === rest.length - 1 && extra.components ? { components: extra.components } : {}),
    });
  }
}

export async function followUp(
  interaction: RepliableInteraction,
  text: string,
  ephemeral: boolean,
  extra: Answer = {},
): Promise<void> {
  const parts = splitMessage(text);
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    await interaction.followUp({
      content: part,
      ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
      ...(last && extra.files ? { files: extra.files } : {}),
      ...(last && extra.components ? { components: extra.components } : {}),
    });
  }
}

/** An immediate answer only the member sees (no defer needed: nothing slow comes first). */
export async function ephemeralReply(interaction: RepliableInteraction, content: string): Promise<void> {
  const [first, ...rest] = splitMessage(content);
  await interaction.reply({ content: first!, flags: MessageFlags.Ephemeral });
  for (const part of rest) await interaction.followUp({ content: part, flags: MessageFlags.Ephemeral });
}

/** Private in a server (only the member sees it); in a DM everything is private anyway. */
export async function deferPrivately(interaction: RepliableInteraction): Promise<void> {
  await interaction.deferReply(interaction.inGuild() ? { flags: MessageFlags.Ephemeral } : {});
}

/** Whatever failed, the member hears it: never a stuck "thinking…". */
export async function answerFailure(interaction: RepliableInteraction): Promise<void> {
  if (interaction.replied) await interaction.followUp({ content: SORRY, flags: MessageFlags.Ephemeral });
  else if (interaction.deferred) await interaction.editReply({ content: SORRY, files: [], components: [] });
  else await interaction.reply({ content: SORRY, flags: MessageFlags.Ephemeral });
}
