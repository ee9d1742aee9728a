// Photos of a sheet on Discord: the read goes to the member privately (a DM, or the /scan reply only they
// see) with Save and Fix buttons; Fix takes corrections as DM messages; Save records the scan and answers
// like a PDF does — details privately, the relative summary in the channel the photo came from.
import {
  ActionRowBuilder,
  ButtonBuilder,
  type ButtonInteraction,
  ButtonStyle,
  type Message,
  MessageFlags,
} from "discord.js";
import type { ScanReply } from "../../src/use-cases/receive-scan.ts";
import { detailsWhere } from "../replies/messages.ts";
import {
  correctionReply,
  FIX_IN_DMS,
  FIX_NEEDS_DMS,
  fixPrompt,
  PHOTO_READ_BUTTONS,
  PHOTO_READ_NOT_YOURS,
  PHOTO_READ_SAVED,
  photoReadGone,
  photoReadInServer,
  photoReadText,
  saveNeedsText,
} from "../replies/photo-read.ts";
import { rejectedText } from "../replies/rejections.ts";
import { duplicateText, nameMismatchQuestion, scanDetails, scanGroupSummary } from "../replies/scan.ts";
import { actorOf, type DiscordContext } from "./context.ts";
import { dmPrivately } from "./dm-privately.ts";
import { md, splitMessage } from "./respond.ts";
import { ownershipButtons, pngFile } from "./scan.ts";

export type PhotoReadReply = Extract<ScanReply, { kind: "needs_confirmation" }>;

export function photoReadButtons(readId: number): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`pr:${readId}:s`)
      .setLabel(PHOTO_READ_BUTTONS.save)
      .setStyle(ButtonStyle.Success),
    new ButtonBuilder()
      .setCustomId(`pr:${readId}:f`)
      .setLabel(PHOTO_READ_BUTTONS.fix)
      .setStyle(ButtonStyle.Secondary),
  );
}

/** The read as a message payload: its text and its buttons. */
export function photoReadMessage(reply: PhotoReadReply) {
  return {
    content: photoReadText(reply.read!, md, reply.again ? "again" : "new"),
    components: [photoReadButtons(reply.read!.id)],
  };
}

/**
 * A photo's read, live or owed: it goes privately with Save and Fix (`privately`: a DM, or the answer in the
 * DM it came from); a server hears only where it went (`inServer`). "unreachable" when nothing could be shown.
 */
export async function showPhotoRead(
  reply: PhotoReadReply,
  send: {
    privately: (message: ReturnType<typeof photoReadMessage>) => Promise<"sent" | "unreachable">;
    inServer: ((text: string) => Promise<"sent" | "unreachable">) | null;
  },
): Promise<"sent" | "unreachable"> {
  if (!reply.read) return "unreachable";
  const privately = await send.privately(photoReadMessage(reply));
  if (!send.inServer) return privately;
  return send.inServer(photoReadInServer(md, privately === "sent" ? "dm" : "dms_closed"));
}

export function parsePhotoReadId(customId: string): { readId: number; action: "save" | "fix" } | null {
  const match = /^pr:(\d+):(s|f)$/.exec(customId);
  return match ? { readId: Number(match[1]), action: match[2] === "s" ? "save" : "fix" } : null;
}

export async function runPhotoReadButton(
  ctx: DiscordContext,
  b: ButtonInteraction,
  pressed: { readId: number; action: "save" | "fix" },
): Promise<void> {
  const actor = actorOf(b.user);
  const privately = b.inGuild() ? { flags: MessageFlags.Ephemeral as const } : {};
  if (pressed.action === "fix") {
    const r = await ctx.services.askToFixPhotoRead({ actor, readId: pressed.readId });
    if (r.kind === "not_yours")
      return void (await b.reply({ content: PHOTO_READ_NOT_YOURS, flags: MessageFlags.Ephemeral }));
    if (r.kind === "gone") return void (await b.update({ content: photoReadGone(), components: [] }));
    if (!b.inGuild()) return void (await b.reply({ content: fixPrompt(r.read, md) }));
    // corrections are typed in DMs, where exact numbers may be
    const privately = await dmPrivately(ctx, b.user, [{ content: fixPrompt(r.read, md) }]);
    await b.reply({
      content: privately === "sent" ? FIX_IN_DMS : FIX_NEEDS_DMS,
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  await b.deferUpdate();
  const r = await ctx.services.savePhotoRead({ actor, readId: pressed.readId });
  if (r.kind === "not_yours")
    return void (await b.followUp({ content: PHOTO_READ_NOT_YOURS, flags: MessageFlags.Ephemeral }));
  if (r.kind === "gone") return void (await b.editReply({ content: photoReadGone(), components: [] }));
  if (r.kind === "incomplete")
    return void (await b.followUp({ content: saveNeedsText(r.missing, md), ...privately }));
  await b.editReply({ content: PHOTO_READ_SAVED, components: [] });
  ctx.log.info({ guildId: b.guildId, userId: b.user.id, outcome: r.scan.kind }, "discord photo read saved");
  const scan = r.scan;
  if (scan.kind === "duplicate")
    return void (await b.followUp({ content: duplicateText(scan), ...privately }));
  if (scan.kind === "rejected")
    return void (await b.followUp({ content: rejectedText(scan.code, md), ...privately }));
  if (scan.kind !== "accepted") return;
  const details = b.inGuild()
    ? `${scanDetails(scan, md)}\n\n${detailsWhere(md, "only_you")}`
    : scanDetails(scan, md);
  const parts = splitMessage(details);
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    await b.followUp({
      content: part,
      ...privately,
      ...(last ? { files: [pngFile(scan.chart, "progress.png")] } : {}),
    });
  }
  if (scan.nameMismatch)
    await b.followUp({
      content: nameMismatchQuestion(scan, md),
      components: [ownershipButtons(scan.scanReportId)],
      ...privately,
    });
  if (r.group) await tellChannel(b, r.group, scanGroupSummary(scan, md, scan.memberName));
}

/** The channel the photo came from hears about the scan (relative words only), quoting the photo when it can. */
async function tellChannel(
  b: ButtonInteraction,
  group: { chatId: string; messageId: string | null },
  text: string,
): Promise<void> {
  const channel = await b.client.channels.fetch(group.chatId);
  if (!channel?.isSendable()) return;
  const quote = group.messageId && /^\d+$/.test(group.messageId) ? group.messageId : null;
  for (const [i, part] of splitMessage(text).entries())
    await channel.send({
      content: part,
      allowedMentions: { repliedUser: false },
      ...(i === 0 && quote ? { reply: { messageReference: quote, failIfNotExists: false } } : {}),
    });
}

/** A DM that may be corrections to a photo read; false when no read waits for them (the caller answers). */
export async function correctionFromDm(ctx: DiscordContext, message: Message): Promise<boolean> {
  if (!message.content || message.content.startsWith("/")) return false;
  const r = await ctx.services.correctPhotoRead({ actor: actorOf(message.author), text: message.content });
  if (r.kind === "no_open_read") return false;
  if (r.kind === "corrected")
    await message.reply({
      content: photoReadText(r.read, md, "corrected"),
      components: [photoReadButtons(r.read.id)],
    });
  else await message.reply({ content: correctionReply(r, md) });
  return true;
}
