// The answer to a scan, wherever it comes from: the update that carried the file, or a reply owed later
// (read after the cage was busy, or after a parser update). Groups get relative changes only; exact values
// and the chart go to the member privately.
import type { Api } from "grammy";
import type { Actor } from "../../src/use-cases/ports.ts";
import type { ScanReply } from "../../src/use-cases/receive-scan.ts";
import type { Services } from "../../src/use-cases/services.ts";
import { READ_LATER } from "../replies/later.ts";
import { telegramHtml as m } from "../replies/markup.ts";
import { photoReadInGroup, photoReadText } from "../replies/photo-read.ts";
import { answerRejectionInGroup, rejectedText } from "../replies/rejections.ts";
import {
  duplicateText,
  nameMismatchQuestion,
  privateHint,
  scanDetails,
  scanGroupSummary,
} from "../replies/scan.ts";
import { ownershipKeyboard } from "./ownership-keyboard.ts";
import { readButtons } from "./photo-reads.ts";
import { type SendExtra, sendHtml, sendPrivately, sendWithImage } from "./send.ts";

type Accepted = Extract<ScanReply, { kind: "accepted" }>;

export interface ScanAnswerTarget {
  chatId: number | string;
  inGroup: boolean;
  /** who sent the file: the private details go to them */
  sender: Pick<Actor, "platform" | "userId"> | null;
  botUsername: string;
  replyTo: SendExtra;
  /** in a group, the message was meant for the bot (a refusal is answered, not kept quiet) */
  addressed: boolean;
  /** a line above the reply (e.g. "could be read now") */
  intro?: string;
}

/** Answers the scan; for an accepted one, whether the member's private details reached them. */
export async function answerScan(
  api: Api,
  services: Services,
  target: ScanAnswerTarget,
  reply: ScanReply,
): Promise<"sent" | "unreachable" | null> {
  const { chatId, replyTo } = target;
  const withIntro = (text: string) => (target.intro ? `${target.intro}\n\n${text}` : text);
  switch (reply.kind) {
    case "busy":
      await sendHtml(api, chatId, READ_LATER, replyTo);
      return null;
    case "duplicate":
      await sendHtml(api, chatId, duplicateText(reply), replyTo);
      return null;
    case "rejected":
      if (target.inGroup && !answerRejectionInGroup(reply.code, target.addressed)) return null;
      await sendHtml(api, chatId, rejectedText(reply.code, m), replyTo);
      return null;
    case "needs_confirmation": {
      // a photo's read goes privately with Save and Fix; a group hears only where it went
      if (!reply.read) return null;
      const text = withIntro(photoReadText(reply.read, m, reply.again ? "again" : "new"));
      const keyboard = { reply_markup: readButtons(reply.read.id) };
      if (!target.inGroup) {
        await sendHtml(api, chatId, text, { ...replyTo, ...keyboard });
        return null;
      }
      const privately = target.sender
        ? await sendPrivately(api, target.sender.userId, text, null, keyboard)
        : "unreachable";
      if (privately === "unreachable" && target.sender)
        await services.cannotMessagePrivately({ actor: target.sender });
      await sendHtml(
        api,
        chatId,
        photoReadInGroup(m, privately === "sent" ? "sent" : "unreachable", target.botUsername),
        replyTo,
      );
      return null;
    }
    case "accepted": {
      let privately: "sent" | "unreachable" = "sent";
      if (target.inGroup) privately = await answerInGroup(api, services, target, reply, withIntro);
      else await sendWithImage(api, chatId, withIntro(scanDetails(reply, m)), chartOf(reply), replyTo);
      if (reply.nameMismatch) {
        const keyboard = ownershipKeyboard(reply.scanReportId);
        // the printed name is asked about privately when we can reach the member; the group only as a fallback
        const where = target.inGroup && privately === "sent" && target.sender ? target.sender.userId : chatId;
        await sendHtml(api, where, nameMismatchQuestion(reply, m), {
          ...(where === chatId ? replyTo : {}),
          reply_markup: keyboard,
        });
      }
      return privately;
    }
  }
}

async function answerInGroup(
  api: Api,
  services: Services,
  target: ScanAnswerTarget,
  reply: Accepted,
  withIntro: (text: string) => string,
): Promise<"sent" | "unreachable"> {
  let delivered: "sent" | "unreachable" = "unreachable";
  if (target.sender) {
    delivered = await sendPrivately(
      api,
      target.sender.userId,
      withIntro(scanDetails(reply, m)),
      chartOf(reply),
    );
    if (delivered === "unreachable") await services.cannotMessagePrivately({ actor: target.sender });
  }
  const text = `${scanGroupSummary(reply, m, reply.memberName)}\n\n${privateHint(m, target.botUsername, delivered === "sent")}`;
  await sendHtml(api, target.chatId, withIntro(text), target.replyTo);
  return delivered;
}

function chartOf(reply: Accepted) {
  return { bytes: reply.chart, fileName: "progress.png" };
}
