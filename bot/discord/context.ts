// Who and where, as the use-cases know them: a Discord user is a member identity on platform "discord"
// (linkable to the same person's Telegram identity later); a Discord server is a group.
import type { Guild, User } from "discord.js";
import type { Logger } from "../../src/log.ts";
import type { Actor, Place } from "../../src/use-cases/ports.ts";
import type { Services } from "../../src/use-cases/services.ts";

export const PLATFORM = "discord";

export interface DiscordContext {
  services: Services;
  log: Logger;
  defaultTimeZone: string;
  /** the gateway sends the content of every server post (false: only posts addressed to the bot) */
  messageContent: boolean;
  /** true once per server: its first reply says that posting needs an @mention or /scan */
  contentNoteDue(guildId: string): boolean;
}

export function actorOf(user: User): Actor {
  return {
    platform: PLATFORM,
    userId: user.id,
    // the global name, not a per-server nickname: one member is the same person in every server
    displayName: user.globalName ?? user.username,
    username: user.username,
  };
}

export function placeOf(guild: Guild | null, guildId: string | null, channelId: string): Place {
  if (guildId)
    return { kind: "group", platform: PLATFORM, chatId: guildId, title: guild?.name ?? "Discord server" };
  return { kind: "private", platform: PLATFORM, chatId: channelId };
}
