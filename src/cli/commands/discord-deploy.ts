import type { Command } from "commander";

/** `pump discord:deploy`: registers the slash commands without starting the bot (the bot does it at start too). */
export function registerDiscordDeployCommand(program: Command): void {
  program
    .command("discord:deploy")
    .description(
      "register the Discord slash commands: in DISCORD_GUILD_ID (instant) or globally (may take up to an hour to show)",
    )
    .option("--guild <id>", "register in this server instead of DISCORD_GUILD_ID / globally")
    .option("--global", "register globally even when DISCORD_GUILD_ID is set")
    .option("--dry-run", "print the command JSON instead of sending it")
    .action(async (options: { guild?: string; global?: boolean; dryRun?: boolean }) => {
      // discord.js alone takes about half a second to import: only for this command, not for `pump --help`
      const [{ REST }, { discordCommandDefinitions }, { errorInfo }, { registerDiscordCommands }] =
        await Promise.all([
          import("discord.js"),
          import("../../../bot/discord/command-definitions.ts"),
          import("../../../bot/discord/errors.ts"),
          import("../../../bot/discord/register.ts"),
        ]);
      const [{ ConfigError }, { cliContext }] = await Promise.all([
        import("../../config.ts"),
        import("../context.ts"),
      ]);
      if (options.dryRun) {
        console.log(JSON.stringify(discordCommandDefinitions(), null, 2));
        return;
      }
      const { config } = cliContext();
      if (!config.discord)
        throw new ConfigError("DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID must be set to deploy commands");
      const guildId = options.global ? undefined : (options.guild ?? config.discord.guildId);
      const rest = new REST({ version: "10", api: config.discord.apiRoot }).setToken(config.discord.token);
      try {
        const result = await registerDiscordCommands(rest, config.discord.applicationId, guildId);
        console.log(
          `registered ${result.names.length} commands ${result.scope === "guild" ? `in server ${guildId}` : "globally"}: ${result.names.map((n) => `/${n}`).join(" ")}`,
        );
      } catch (error) {
        const info = errorInfo(error);
        throw new Error(
          `Discord refused the commands: ${String(info.message)}${info.code ? ` (code ${info.code})` : ""}`,
        );
      }
    });
}
