// Registers the slash commands: per guild when a development guild is configured (visible at once),
// otherwise globally. Shared by the bot's start and `pump discord:deploy`.
import { type REST, Routes } from "discord.js";
import { discordCommandDefinitions } from "./command-definitions.ts";

export interface RegisteredCommands {
  scope: "guild" | "global";
  names: string[];
}

export async function registerDiscordCommands(
  rest: REST,
  applicationId: string,
  guildId: string | undefined,
): Promise<RegisteredCommands> {
  const body = discordCommandDefinitions();
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const result = (await rest.put(route, { body })) as { name: string }[];
  return { scope: guildId ? "guild" : "global", names: result.map((c) => c.name) };
}
