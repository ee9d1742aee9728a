// Posts for jobs (weekly summary, reminders, scan replies owed after their update): in a server's channel,
// or by DM.
import { ChannelType, type Client, type Guild, type SendableChannels } from "discord.js";
import type { Logger } from "../../src/log.ts";
import type { ScanDelivery } from "../../src/use-cases/notifier.ts";
import type { Announcement, Notifier } from "../platform.ts";
import { announcementImage, announcementText } from "../replies/announcements.ts";
import { readNowIntro } from "../replies/later.ts";
import { detailsWhere } from "../replies/messages.ts";
import { rejectedText } from "../replies/rejections.ts";
import { duplicateText, scanDetails, scanGroupSummary } from "../replies/scan.ts";
import { type DmDeps, dmPrivately } from "./dm-privately.ts";
import { errorInfo, isCannotPost } from "./errors.ts";
import { type photoReadMessage, showPhotoRead } from "./photo-reads.ts";
import { md, splitMessage } from "./respond.ts";

export function createNotifier(
  currentClient: () => Client,
  log: Logger,
  services: DmDeps["services"],
): Notifier {
  const dm: DmDeps = { services, log };
  const payloads = (announcement: Announcement) => {
    const parts = splitMessage(announcementText(announcement, md));
    const image = announcementImage(announcement);
    return parts.map((content, i) => ({
      content,
      ...(i === parts.length - 1 && image
        ? { files: [{ attachment: image.bytes, name: image.fileName }] }
        : {}),
    }));
  };

  type Payload = {
    content: string;
    files?: { attachment: Buffer; name: string }[];
    components?: ReturnType<typeof photoReadMessage>["components"];
  };
  const textPayloads = (text: string, image: { bytes: Buffer; fileName: string } | null): Payload[] => {
    const parts = splitMessage(text);
    return parts.map((content, i) => ({
      content,
      ...(i === parts.length - 1 && image
        ? { files: [{ attachment: image.bytes, name: image.fileName }] }
        : {}),
    }));
  };

  async function toGuild(
    guildId: string,
    list: Payload[],
    places: readonly string[] = [],
  ): Promise<"sent" | "unreachable"> {
    const client = currentClient();
    const guild = client.guilds.cache.get(guildId) ?? (await client.guilds.fetch(guildId).catch(() => null));
    if (!guild) return "unreachable";
    for (const channel of await candidateChannels(guild, places)) {
      try {
        for (const payload of list) await channel.send(payload);
        return "sent";
      } catch (error) {
        if (!isCannotPost(error)) throw error;
        log.debug({ guildId, channelId: channel.id }, "cannot post in this channel, trying the next");
      }
    }
    log.warn({ guildId }, "no channel in this server where the bot may post");
    return "unreachable";
  }

  async function toUser(userId: string, list: Payload[]): Promise<"sent" | "unreachable"> {
    try {
      const user = await currentClient().users.fetch(userId);
      return await dmPrivately(dm, user, list);
    } catch (error) {
      log.warn({ err: errorInfo(error), userId }, "direct message failed");
      throw error;
    }
  }

  /** Exact values by DM only; a server sees the relative summary of an accepted scan. */
  async function deliverScan(delivery: ScanDelivery): Promise<"sent" | "unreachable"> {
    const { reply } = delivery;
    if (reply.kind === "needs_confirmation") {
      // a photo read later (the cage was busy) is shown as a live one
      const userId = delivery.userId;
      if (!userId) return "unreachable";
      return showPhotoRead(reply, {
        privately: (read) => toUser(userId, [read]),
        inServer: delivery.inGroup
          ? (text) => toGuild(delivery.chatId, textPayloads(text, null), delivery.places ?? [])
          : null,
      });
    }
    const intro =
      delivery.reason === "reprocessed" && reply.kind === "accepted"
        ? `${readNowIntro(md, reply.current.scannedAt)}\n\n`
        : "";
    const personal =
      reply.kind === "accepted"
        ? `${intro}${scanDetails(reply, md)}`
        : reply.kind === "duplicate"
          ? duplicateText(reply)
          : rejectedText(reply.code, md);
    const image = reply.kind === "accepted" ? { bytes: reply.chart, fileName: "progress.png" } : null;
    const privately = delivery.userId
      ? await toUser(delivery.userId, textPayloads(personal, image))
      : "unreachable";
    if (!delivery.inGroup || reply.kind !== "accepted") return privately;
    const summary = `${intro}${scanGroupSummary(reply, md, reply.memberName)}\n\n${detailsWhere(md, privately === "sent" ? "dm" : "dms_closed")}`;
    return toGuild(delivery.chatId, textPayloads(summary, null), delivery.places ?? []);
  }

  return {
    platform: "discord",
    deliverScan,

    postToGroup: (guildId, message, places = []) => toGuild(guildId, payloads(message), places),
    postToUser: (userId, message) => toUser(userId, payloads(message)),
  };
}

/**
 * The stored places (the channel an admin chose, the one scans were last posted in), the server's system
 * channel, then text channels in their sidebar order.
 */
async function candidateChannels(guild: Guild, places: readonly string[]): Promise<SendableChannels[]> {
  const channels = guild.channels.cache.size > 0 ? guild.channels.cache : await guild.channels.fetch();
  const text = [...channels.values()]
    .filter((c) => c !== null && c.type === ChannelType.GuildText)
    .sort(
      (a, b) => (a as { position: number }).position - (b as { position: number }).position,
    ) as SendableChannels[];
  const me = guild.members.me;
  const allowed = (c: SendableChannels) => {
    if (!me || !("permissionsFor" in c)) return true;
    const perms = c.permissionsFor(me);
    return !perms || perms.has(["ViewChannel", "SendMessages"]);
  };
  const ordered: SendableChannels[] = [];
  const add = (c: SendableChannels | null | undefined) => {
    if (c && !ordered.some((o) => o.id === c.id)) ordered.push(c);
  };
  for (const id of places) add(text.find((c) => c.id === id));
  add(guild.systemChannel);
  for (const c of text.filter(allowed)) add(c);
  return ordered.slice(0, 5);
}
