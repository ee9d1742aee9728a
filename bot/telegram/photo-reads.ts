// Photos of a sheet on Telegram: what was read goes to the member privately with Save and Fix buttons (the
// group only hears that it was sent); Fix makes their next private messages corrections; Save records the
// scan and answers like a PDF does — details privately, relative words in the group it came from.
import { Composer, type Context, InlineKeyboard } from "grammy";
import type { ScanReply } from "../../src/use-cases/receive-scan.ts";
import { telegramHtml as m } from "../replies/markup.ts";
import {
  correctionReply,
  fixPrompt,
  PHOTO_READ_BUTTONS,
  PHOTO_READ_NOT_YOURS,
  PHOTO_READ_SAVED,
  photoReadGone,
  photoReadText,
  saveNeedsText,
} from "../replies/photo-read.ts";
import { rejectedText } from "../replies/rejections.ts";
import {
  duplicateText,
  nameMismatchQuestion,
  privateHint,
  scanDetails,
  scanGroupSummary,
} from "../replies/scan.ts";
import { actorOf, type Features, isGroupChat, replyTo } from "./context.ts";
import { ownershipKeyboard } from "./ownership-keyboard.ts";
import { sendHtml, sendWithImage } from "./send.ts";

const PHOTO_READ_CALLBACK = /^pr:(\d+):(s|f)$/;

export function readButtons(readId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(PHOTO_READ_BUTTONS.save, `pr:${readId}:s`)
    .text(PHOTO_READ_BUTTONS.fix, `pr:${readId}:f`);
}

export function photoReadsFeature(f: Features): Composer<Context> {
  const c = new Composer<Context>();

  c.callbackQuery(PHOTO_READ_CALLBACK, async (ctx) => {
    const [, id, action] = ctx.match as RegExpMatchArray;
    const actor = actorOf(ctx.from);
    const readId = Number(id);
    if (action === "f") {
      const r = await f.services.askToFixPhotoRead({ actor, readId });
      if (r.kind === "not_yours")
        return void (await ctx.answerCallbackQuery({ text: PHOTO_READ_NOT_YOURS, show_alert: true }));
      if (r.kind === "gone") {
        await ctx.answerCallbackQuery();
        await ctx.editMessageText(photoReadGone(), { parse_mode: "HTML" });
        return;
      }
      await ctx.answerCallbackQuery();
      await sendHtml(ctx.api, ctx.chat!.id, fixPrompt(r.read, m));
      return;
    }
    const r = await f.services.savePhotoRead({ actor, readId });
    if (r.kind === "not_yours")
      return void (await ctx.answerCallbackQuery({ text: PHOTO_READ_NOT_YOURS, show_alert: true }));
    await ctx.answerCallbackQuery();
    if (r.kind === "gone") {
      await ctx.editMessageText(photoReadGone(), { parse_mode: "HTML" });
      return;
    }
    if (r.kind === "incomplete") {
      await sendHtml(ctx.api, ctx.chat!.id, saveNeedsText(r.missing, m));
      return;
    }
    await ctx.editMessageText(PHOTO_READ_SAVED, { parse_mode: "HTML" });
    f.log.info({ chatId: ctx.chat?.id, outcome: r.scan.kind }, "photo read saved");
    await answerSaved(ctx, r.scan, r.group);
  });

  // corrections, typed privately after Fix ("fat 18.2, weight 81.4"); anything else goes on to the commands
  c.on("message:text", async (ctx, next) => {
    if (isGroupChat(ctx.chat) || ctx.message.text.startsWith("/")) return next();
    const r = await f.services.correctPhotoRead({ actor: actorOf(ctx.from), text: ctx.message.text });
    if (r.kind === "no_open_read") return next();
    if (r.kind === "corrected") {
      await sendHtml(ctx.api, ctx.chat.id, photoReadText(r.read, m, "corrected"), {
        ...replyTo(ctx),
        reply_markup: readButtons(r.read.id),
      });
      return;
    }
    await sendHtml(ctx.api, ctx.chat.id, correctionReply(r, m), replyTo(ctx));
  });

  return c;
}

/** The normal scan reply, from the private chat where Save was tapped; the group gets relative words. */
async function answerSaved(
  ctx: Context,
  scan: ScanReply,
  group: { chatId: string; messageId: string | null } | null,
): Promise<void> {
  const chatId = ctx.chat!.id;
  if (scan.kind === "duplicate") return void (await sendHtml(ctx.api, chatId, duplicateText(scan)));
  if (scan.kind === "rejected") return void (await sendHtml(ctx.api, chatId, rejectedText(scan.code, m)));
  if (scan.kind !== "accepted") return;
  await sendWithImage(ctx.api, chatId, scanDetails(scan, m), { bytes: scan.chart, fileName: "progress.png" });
  if (scan.nameMismatch)
    await sendHtml(ctx.api, chatId, nameMismatchQuestion(scan, m), {
      reply_markup: ownershipKeyboard(scan.scanReportId),
    });
  if (group) {
    const text = `${scanGroupSummary(scan, m, scan.memberName)}\n\n${privateHint(m, ctx.me.username, true)}`;
    const quote = group.messageId
      ? {
          reply_parameters: {
            message_id: Number(group.messageId),
            allow_sending_without_reply: true as const,
          },
        }
      : {};
    await sendHtml(ctx.api, group.chatId, text, quote);
  }
}
