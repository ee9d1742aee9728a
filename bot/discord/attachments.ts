// Scans attached to ordinary messages: in DMs always; in a server every post when the Message Content intent
// is granted, else the posts addressed to the bot (an @mention, or a reply to one of its messages), which
// Discord delivers with their attachments anyway. The server gets the relative summary as a reply; the
// exact numbers go by DM — or, if the member's DMs are closed, the reply points to /progress.
import type { Attachment, Client, Message } from "discord.js";
import type { ScanReply } from "../../src/use-cases/receive-scan.ts";
import { READ_LATER } from "../replies/later.ts";
import {
  detailsWhere,
  HOW_TO_SCAN_DISCORD,
  NOT_A_PDF_IN_PRIVATE,
  postingNeedsMention,
  SORRY,
  TOO_BIG,
  unknownTextInPrivate,
} from "../replies/messages.ts";
import { answerRejectionInGroup, rejectedText } from "../replies/rejections.ts";
import { duplicateText, nameMismatchQuestion, scanDetails, scanGroupSummary } from "../replies/scan.ts";
import { actorOf, type DiscordContext, PLATFORM, placeOf } from "./context.ts";
import { dmPrivately } from "./dm-privately.ts";
import { errorInfo } from "./errors.ts";
import { correctionFromDm, showPhotoRead } from "./photo-reads.ts";
import { md, splitMessage } from "./respond.ts";
import { download, looksLikeImage, looksLikePdf, MAX_SCAN_BYTES, ownershipButtons, pngFile } from "./scan.ts";

export async function handleMessage(ctx: DiscordContext, client: Client, message: Message): Promise<void> {
  if (message.author.bot || message.system) return; // includes the bot's own messages
  const inGuild = message.inGuild();
  const addressed = inGuild && addressesBot(client, message);
  // PDFs, and photos or screenshots of the sheet, as on Telegram: a picture with no sheet on it stays quiet
  // in a server unless the bot was addressed (the core's one rule), and is not kept
  const files = [...message.attachments.values()].filter((a) => looksLikePdf(a) || looksLikeImage(a));
  if (files.length === 0) {
    if (!inGuild && message.attachments.size === 0 && (await correctionFromDm(ctx, message))) return;
    if (!inGuild && message.attachments.size > 0) await safeReply(ctx, message, NOT_A_PDF_IN_PRIVATE);
    else if (!inGuild) await safeReply(ctx, message, unknownTextInPrivate());
    else if (addressed) await safeReply(ctx, message, HOW_TO_SCAN_DISCORD);
    return;
  }
  if (!(await ctx.services.firstDelivery(PLATFORM, `message:${message.id}`))) return;
  for (const file of files) {
    try {
      await scanAttachment(ctx, message, file, { inGuild, mentioned: addressed });
    } catch (error) {
      ctx.log.error(
        { err: errorInfo(error), guildId: message.guildId, userId: message.author.id },
        "discord attachment scan failed",
      );
      await safeReply(ctx, message, SORRY);
    }
  }
}

/** An @mention of the bot (not @everyone or a role), or a reply to one of the bot's messages. */
export function addressesBot(client: Client, message: Message): boolean {
  const me = client.user;
  if (!me) return false;
  return (
    message.mentions.has(me, { ignoreEveryone: true, ignoreRoles: true }) ||
    message.mentions.repliedUser?.id === me.id
  );
}

async function scanAttachment(
  ctx: DiscordContext,
  message: Message,
  file: Attachment,
  where: { inGuild: boolean; mentioned: boolean },
): Promise<void> {
  if (file.size > MAX_SCAN_BYTES) {
    if (!where.inGuild || where.mentioned) await safeReply(ctx, message, TOO_BIG);
    return;
  }
  // "typing…" while the scan is read: the message equivalent of a deferred reply
  if ("sendTyping" in message.channel) await message.channel.sendTyping().catch(() => undefined);
  const bytes = await download(file.url);
  const r = await ctx.services.ingestScan({
    actor: actorOf(message.author),
    place: placeOf(message.guild, message.guildId, message.channelId),
    bytes,
    fileName: file.name,
    mimeType: file.contentType,
    messageId: message.id,
    replyChatId: message.channelId,
  });
  ctx.log.info({ guildId: message.guildId, userId: message.author.id, outcome: r.kind }, "discord scan");
  if (r.kind !== "rejected" && message.inGuild()) await rememberChannel(ctx, message);
  if (r.kind === "rejected") {
    if (where.inGuild && !answerRejectionInGroup(r.code, where.mentioned)) return;
    await safeReply(ctx, message, rejectedText(r.code, md));
    return;
  }
  if (r.kind === "duplicate") {
    await reply(ctx, message, duplicateText(r));
    return;
  }
  if (r.kind === "needs_confirmation") {
    await showPhotoRead(r, {
      privately: where.inGuild
        ? (read) => dmPrivately(ctx, message.author, [read])
        : (read) => message.reply(read).then(() => "sent" as const),
      inServer: where.inGuild ? (text) => reply(ctx, message, text).then(() => "sent" as const) : null,
    });
    return;
  }
  if (r.kind === "busy") {
    await safeReply(ctx, message, READ_LATER);
    return;
  }
  if (!where.inGuild) {
    for (const payload of detailsMessages(r)) await message.reply(payload);
    return;
  }
  const privately = await dmPrivately(ctx, message.author, detailsMessages(r));
  const reached = privately === "sent";
  const summary = `${scanGroupSummary(r, md, r.memberName)}\n\n${detailsWhere(md, reached ? "dm" : "dms_closed")}`;
  await reply(ctx, message, summary);
  // the question needs an answer even when DMs are closed: ask in the server (only the sender may answer)
  if (r.nameMismatch && !reached)
    await message.reply({
      content: nameMismatchQuestion(r, md),
      components: [ownershipButtons(r.scanReportId)],
      allowedMentions: { repliedUser: false },
    });
}

/** The exact numbers and the chart; a printed name that is not the member's is asked about after them. */
function detailsMessages(r: Extract<ScanReply, { kind: "accepted" }>) {
  const parts = splitMessage(scanDetails(r, md));
  const messages = parts.map((content, i) => ({
    content,
    ...(i === parts.length - 1 ? { files: [pngFile(r.chart, "progress.png")] } : {}),
  }));
  if (!r.nameMismatch) return messages;
  return [
    ...messages,
    { content: nameMismatchQuestion(r, md), components: [ownershipButtons(r.scanReportId)] },
  ];
}

/** Where scans are posted is where the weekly summary goes (unless an admin chose a channel). */
async function rememberChannel(ctx: DiscordContext, message: Message<true>): Promise<void> {
  const place = placeOf(message.guild, message.guildId, message.channelId);
  await ctx.services
    .rememberScanPlace({ place, channelId: message.channelId })
    .catch((error) => ctx.log.warn({ err: errorInfo(error) }, "could not remember the scan channel"));
}

async function reply(ctx: DiscordContext, message: Message, text: string): Promise<void> {
  const note =
    message.inGuild() && !ctx.messageContent && ctx.contentNoteDue(message.guildId)
      ? `\n\n${postingNeedsMention(md)}`
      : "";
  for (const part of splitMessage(text + note))
    await message.reply({ content: part, allowedMentions: { repliedUser: false } });
}

async function safeReply(ctx: DiscordContext, message: Message, text: string): Promise<void> {
  try {
    await reply(ctx, message, text);
  } catch (error) {
    ctx.log.warn({ err: errorInfo(error), channelId: message.channelId }, "could not reply to a message");
  }
}
