// A document arrives: a scan PDF (group or private chat) → typing… → reply with what changed and the chart.
// Groups get relative changes only; exact values and the chart go to the member privately.
import { Composer, type Context } from "grammy";
import type { Document, Message, PhotoSize } from "grammy/types";
import { namedLikeImage } from "../../src/domain/image-bytes.ts";
import type { ScanReply } from "../../src/use-cases/receive-scan.ts";
import { NOT_A_PDF_IN_PRIVATE, POST_AS_YOURSELF, TOO_BIG } from "../replies/messages.ts";
import { askConditionsPrivately } from "./conditions.ts";
import {
  actorOf,
  addressesBot,
  type Features,
  isGroupChat,
  placeOf,
  postedAnonymously,
  replyTo,
} from "./context.ts";
import { downloadFile, MAX_DOWNLOAD_BYTES } from "./files.ts";
import { answerScan } from "./scan-answer.ts";
import { keepTyping, replyHtml } from "./send.ts";

export const OWNER_CALLBACK = /^own:(\d+):(y|n)$/;

export function isPdf(document: Document): boolean {
  return document.mime_type === "application/pdf" || /\.pdf$/i.test(document.file_name ?? "");
}

export function scanFeature(f: Features): Composer<Context> {
  const composer = new Composer<Context>();

  composer.on("message:document", async (ctx) => {
    const document = ctx.message.document;
    const inGroup = isGroupChat(ctx.chat);
    // a picture sent as a file (PNG, JPEG, WebP, HEIC) is read like a photo
    if (!isPdf(document) && !namedLikeImage(document.mime_type, document.file_name)) {
      // people share all sorts of files in a gym group; only a private chat is clearly talking to us
      if (!inGroup || addressesBot(ctx)) await replyHtml(ctx, NOT_A_PDF_IN_PRIVATE);
      return;
    }
    if ((document.file_size ?? 0) > MAX_DOWNLOAD_BYTES) {
      if (!inGroup || addressesBot(ctx)) await replyHtml(ctx, TOO_BIG);
      return;
    }
    if (postedAnonymously(ctx.message)) {
      await replyHtml(ctx, POST_AS_YOURSELF);
      return;
    }
    await handleScan(f, ctx, ctx.message, document);
  });

  // a photo of the sheet: read, then shown to the member to Save or Fix (photo-reads.ts)
  composer.on("message:photo", async (ctx) => {
    if (postedAnonymously(ctx.message)) {
      await replyHtml(ctx, POST_AS_YOURSELF);
      return;
    }
    const photo = largest(ctx.message.photo);
    const asFile: Document = {
      file_id: photo.file_id,
      file_unique_id: photo.file_unique_id,
      file_name: "photo.jpg",
      mime_type: "image/jpeg",
    };
    await handleScan(f, ctx, ctx.message, asFile);
  });

  return composer;
}

/** Telegram sends a photo in several sizes; the largest reads best. */
function largest(sizes: PhotoSize[]): PhotoSize {
  return sizes.reduce((best, size) => (size.width * size.height > best.width * best.height ? size : best));
}

async function handleScan(f: Features, ctx: Context, message: Message, document: Document): Promise<void> {
  const chat = message.chat;
  const from = message.from!;
  const actor = actorOf(from);
  const place = placeOf(chat);
  const inGroup = isGroupChat(chat);
  const stopTyping = keepTyping(ctx.api, chat.id);
  let reply: ScanReply;
  try {
    const bytes = await downloadFile(ctx.api, f.apiRoot, f.token, document.file_id);
    reply = await f.services.ingestScan({
      actor,
      place,
      bytes,
      fileName: document.file_name ?? null,
      mimeType: document.mime_type ?? null,
      messageId: String(message.message_id),
    });
  } finally {
    stopTyping();
  }
  f.log.info(
    {
      updateId: ctx.update.update_id,
      chatId: chat.id,
      outcome: reply.kind,
      ...(reply.kind === "rejected" ? { code: reply.code } : {}),
    },
    "scan handled",
  );
  if (!inGroup) await f.services.startedPrivateChat({ actor });
  const privately = await answerScan(
    ctx.api,
    f.services,
    {
      chatId: chat.id,
      inGroup,
      sender: actor,
      botUsername: ctx.me.username,
      replyTo: replyTo(ctx),
      addressed: addressesBot(ctx),
    },
    reply,
  );
  // the optional "scan conditions" tap goes where the exact values went
  if (reply.kind === "accepted" && privately === "sent")
    await askConditionsPrivately(f, ctx.api, actor, reply);
}
