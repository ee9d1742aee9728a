// The Discord bot: one discord.js client, slash commands registered from the shared catalogue, PDF
// attachments in messages when the MessageContent intent is enabled.
import { Client, Events, GatewayIntentBits, Partials } from "discord.js";
import type { BotDeps, RunningBot } from "../platform.ts";
import { handleMessage } from "./attachments.ts";
import { type DiscordContext, PLATFORM } from "./context.ts";
import { errorInfo } from "./errors.ts";
import { handleInteraction } from "./interactions.ts";
import { createNotifier } from "./notifier.ts";
import { registerDiscordCommands } from "./register.ts";

export { discordCommandDefinitions } from "./command-definitions.ts";
export { registerDiscordCommands } from "./register.ts";

export interface DiscordBotOptions {
  token: string;
  applicationId: string;
  /** REST base, e.g. https://discord.com/api (discord.js appends /v10) */
  apiRoot: string;
  /** register commands in this server only (instant; for development) instead of globally */
  guildId: string | undefined;
  /** the privileged MessageContent intent is enabled in the Developer Portal */
  messageContent: boolean;
}

export function createDiscordBot(deps: BotDeps & DiscordBotOptions): RunningBot {
  const { log } = deps;
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages];
  if (deps.messageContent) intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent);
  // Partials.Channel: DM channels are not cached, and without it discord.js drops DM messages.
  const client = new Client({ intents, partials: [Partials.Channel], rest: { api: deps.apiRoot } });

  // only kept in memory: after a restart the system channel / first writable channel is used
  const lastChannel = new Map<string, string>();
  const ctx: DiscordContext = {
    services: deps.services,
    log,
    defaultTimeZone: deps.defaultTimeZone,
    rememberChannel: (guildId, channelId) => void lastChannel.set(guildId, channelId),
  };

  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(ctx, interaction));
  client.on(Events.MessageCreate, (message) => {
    handleMessage(ctx, client, message, { messageContent: deps.messageContent }).catch((error) =>
      log.error({ err: errorInfo(error), channelId: message.channelId }, "discord message handler failed"),
    );
  });
  client.on(Events.Error, (error) => log.error({ err: errorInfo(error) }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn({ message }, "discord client warning"));

  const notifier = createNotifier(client, log, lastChannel, (userId) =>
    deps.services.cannotMessagePrivately({
      actor: { platform: PLATFORM, userId },
    }),
  );

  return {
    name: "discord",
    notifier,
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(deps.token);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error("Discord gateway did not become ready within 60 s")),
          60_000,
        );
      });
      try {
        await Promise.race([ready, timeout]);
      } finally {
        clearTimeout(timer);
      }
      try {
        const registered = await registerDiscordCommands(client.rest, deps.applicationId, deps.guildId);
        log.info(
          { scope: registered.scope, commands: registered.names.length, guildId: deps.guildId },
          "discord commands registered",
        );
      } catch (error) {
        // the bot still answers with the commands registered earlier (or by `pump discord:deploy`)
        log.error({ err: errorInfo(error) }, "could not register discord slash commands");
      }
      log.info(
        { user: client.user?.tag, guilds: client.guilds.cache.size, messageContent: deps.messageContent },
        "discord bot ready",
      );
    },
    async stop() {
      await client.destroy();
    },
  };
}
