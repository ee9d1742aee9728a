// PDFs attached to ordinary messages: in a server (needs the MessageContent intent) and in DMs with the bot.
// The server gets the relative summary as a reply; the exact numbers go by DM — or, if the member's DMs are
// closed, the reply points to /progress, which answers privately.
import type { Attachment, Client, Message } from "discord.js";
import type { ScanReply } from "../../src/use-cases/receive-scan.ts";
import { READ_LATER } from "../replies/later.ts";
import {
  detailsWhere,
  HOW_TO_SCAN_DISCORD,
  NOT_A_PDF_IN_PRIVATE,
  SORRY,
  TOO_BIG,
  unknownTextInPrivate,
} from "../replies/messages.ts";
import { answerRejectionInGroup, rejectedText } from "../replies/rejections.ts";
import { duplicateText, nameMismatchQuestion, scanDetails, scanGroupSummary } from "../replies/scan.ts";
import { actorOf, type DiscordContext, PLATFORM, placeOf } from "./context.ts";
import { errorInfo, isDmClosed } from "./errors.ts";
import { md, splitMessage } from "./respond.ts";
import { download, looksLikePdf, MAX_SCAN_BYTES, ownershipButtons, pngFile } from "./scan.ts";

export async function handleMessage(
  ctx: DiscordContext,
  client: Client,
  message: Message,
  options: { messageContent: boolean },
): Promise<void> {
  if (message.author.bot || message.system) return; // includes the bot's own messages
  const inGuild = message.inGuild();
  if (inGuild && !options.messageContent) return;
  const me = client.user;
  const mentioned =
    inGuild && me !== null && message.mentions.has(me, { ignoreEveryone: true, ignoreRoles: true });
  const pdfs = [...message.attachments.values()].filter(looksLikePdf);
  if (pdfs.length === 0) {
    if (!inGuild && message.attachments.size > 0) await safeReply(ctx, message, NOT_A_PDF_IN_PRIVATE);
    else if (!inGuild) await safeReply(ctx, message, unknownTextInPrivate());
    else if (mentioned) await safeReply(ctx, message, HOW_TO_SCAN_DISCORD);
    return;
  }
  if (inGuild) ctx.rememberChannel(message.guildId, message.channelId);
  if (!(await ctx.services.firstDelivery(PLATFORM, `message:${message.id}`))) return;
  for (const file of pdfs) {
    try {
      await scanAttachment(ctx, message, file, { inGuild, mentioned });
    } catch (error) {
      ctx.log.error(
        { err: errorInfo(error), guildId: message.guildId, userId: message.author.id },
        "discord attachment scan failed",
      );
      await safeReply(ctx, message, SORRY);
    }
  }
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
  });
  ctx.log.info({ guildId: message.guildId, userId: message.author.id, outcome: r.kind }, "discord scan");
  if (r.kind === "rejected") {
    if (where.inGuild && !answerRejectionInGroup(r.code, where.mentioned)) return;
    await safeReply(ctx, message, rejectedText(r.code, md));
    return;
  }
  if (r.kind === "duplicate") {
    await reply(message, duplicateText(r));
    return;
  }
  if (r.kind === "busy") {
    await safeReply(ctx, message, READ_LATER);
    return;
  }
  if (!where.inGuild) {
    await sendDetails(message, r, (payload) => message.reply(payload));
    return;
  }
  let reached = true;
  try {
    await sendDetails(message, r, (payload) => message.author.send(payload));
  } catch (error) {
    if (!isDmClosed(error)) throw error;
    reached = false;
    await ctx.services.cannotMessagePrivately({ actor: actorOf(message.author) });
  }
  const summary = `${scanGroupSummary(r, md, r.memberName)}\n\n${detailsWhere(md, reached ? "dm" : "dms_closed")}`;
  await reply(message, summary);
  // the question needs an answer even when DMs are closed: ask in the server (only the sender may answer)
  if (r.nameMismatch && !reached)
    await message.reply({
      content: nameMismatchQuestion(r, md),
      components: [ownershipButtons(r.scanReportId)],
      allowedMentions: { repliedUser: false },
    });
}

type Payload = {
  content: string;
  files?: ReturnType<typeof pngFile>[];
  components?: ReturnType<typeof ownershipButtons>[];
};

async function sendDetails(
  _message: Message,
  r: Extract<ScanReply, { kind: "accepted" }>,
  send: (payload: Payload) => Promise<unknown>,
): Promise<void> {
  const parts = splitMessage(scanDetails(r, md));
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    await send({ content: part, ...(last ? { files: [pngFile(r.chart, "progress.png")] } : {}) });
  }
  if (r.nameMismatch)
    await send({ content: nameMismatchQuestion(r, md), components: [ownershipButtons(r.scanReportId)] });
}

async function reply(message: Message, text: string): Promise<void> {
  for (const part of splitMessage(text))
    await message.reply({ content: part, allowedMentions: { repliedUser: false } });
}

async function safeReply(ctx: DiscordContext, message: Message, text: string): Promise<void> {
  try {
    await reply(message, text);
  } catch (error) {
    ctx.log.warn({ err: errorInfo(error), channelId: message.channelId }, "could not reply to a message");
  }
}
