// Posts for scheduled jobs (weekly summary, reminders): in a server's channel, or by DM.
import { ChannelType, type Client, type Guild, type SendableChannels } from "discord.js";
import type { Logger } from "../../src/log.ts";
import type { Announcement, Notifier } from "../platform.ts";
import { announcementImage, announcementText } from "../replies/announcements.ts";
import { errorInfo, isCannotPost, isDmClosed } from "./errors.ts";
import { md, splitMessage } from "./respond.ts";

export function createNotifier(
  currentClient: () => Client,
  log: Logger,
  onDmClosed: (userId: string) => Promise<void>,
): Notifier {
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

  return {
    platform: "discord",

    async postToGroup(guildId, message, places = []) {
      const client = currentClient();
      const guild =
        client.guilds.cache.get(guildId) ?? (await client.guilds.fetch(guildId).catch(() => null));
      if (!guild) return "unreachable";
      for (const channel of await candidateChannels(guild, places)) {
        try {
          for (const payload of payloads(message)) await channel.send(payload);
          return "sent";
        } catch (error) {
          if (!isCannotPost(error)) throw error;
          log.debug({ guildId, channelId: channel.id }, "cannot post in this channel, trying the next");
        }
      }
      log.warn({ guildId }, "no channel in this server where the bot may post");
      return "unreachable";
    },

    async postToUser(userId, message) {
      try {
        const user = await currentClient().users.fetch(userId);
        for (const payload of payloads(message)) await user.send(payload);
        return "sent";
      } catch (error) {
        if (!isDmClosed(error)) {
          log.warn({ err: errorInfo(error), userId }, "direct message failed");
          throw error;
        }
        await onDmClosed(userId).catch(() => undefined);
        return "unreachable";
      }
    },
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
