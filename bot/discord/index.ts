// The Discord bot: one discord.js client, slash commands registered from the shared catalogue, scans posted
// in messages (DMs; in a server with the Message Content intent, or addressed to the bot without it).
import { Client, Events, GatewayIntentBits, Partials } from "discord.js";
import type { BotDeps, RunningBot } from "../platform.ts";
import { handleMessage } from "./attachments.ts";
import type { DiscordContext } from "./context.ts";
import { errorInfo } from "./errors.ts";
import { inFlight } from "./in-flight.ts";
import { handleInteraction } from "./interactions.ts";
import { MESSAGE_CONTENT_REFUSED_LOG, oncePerServer } from "./message-content.ts";
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
  /** ask for the privileged MessageContent intent (dropped when the Developer Portal refuses it) */
  messageContent: boolean;
}

/** How long a shutdown waits for interactions and messages being handled. */
export const SHUTDOWN_GRACE_MS = 10_000;
const READY_TIMEOUT_MS = 60_000;

/** Gateway close code 4014: a privileged intent that is not enabled for the application. */
const DISALLOWED_INTENTS = 4014;

export function createDiscordBot(deps: BotDeps & DiscordBotOptions): RunningBot {
  const { log } = deps;
  const work = inFlight();
  const ctx: DiscordContext = {
    services: deps.services,
    log,
    defaultTimeZone: deps.defaultTimeZone,
    messageContent: deps.messageContent,
    contentNoteDue: oncePerServer(),
  };

  const newClient = (messageContent: boolean): Client => {
    const intents = [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
    ];
    if (messageContent) intents.push(GatewayIntentBits.MessageContent);
    // Partials.Channel: DM channels are not cached, and without it discord.js drops DM messages.
    const made = new Client({ intents, partials: [Partials.Channel], rest: { api: deps.apiRoot } });
    made.on(Events.InteractionCreate, (interaction) => work.track(handleInteraction(ctx, interaction)));
    made.on(Events.MessageCreate, (message) => {
      work.track(
        handleMessage(ctx, made, message).catch((error) =>
          log.error(
            { err: errorInfo(error), channelId: message.channelId },
            "discord message handler failed",
          ),
        ),
      );
    });
    made.on(Events.Error, (error) => log.error({ err: errorInfo(error) }, "discord client error"));
    made.on(Events.Warn, (message) => log.warn({ message }, "discord client warning"));
    return made;
  };
  let client = newClient(deps.messageContent);

  const notifier = createNotifier(() => client, log, deps.services);

  return {
    name: "discord",
    notifier,
    async start() {
      const outcome = await login(client, deps.token);
      if (outcome === "disallowed_intents") {
        if (!ctx.messageContent) throw new Error("Discord refused the gateway intents (close code 4014)");
        log.warn(MESSAGE_CONTENT_REFUSED_LOG);
        ctx.messageContent = false;
        client = newClient(false);
        if ((await login(client, deps.token)) !== "ready")
          throw new Error("Discord refused the gateway intents (close code 4014)");
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
        { user: client.user?.tag, guilds: client.guilds.cache.size, messageContent: ctx.messageContent },
        "discord bot ready",
      );
    },
    async stop() {
      // a scan being read still gets its reply; the gateway stays open until then so REST calls go through
      const unfinished = await work.drain(SHUTDOWN_GRACE_MS);
      if (unfinished > 0) log.warn({ unfinished }, "discord: stopped with work still in flight");
      await client.destroy();
    },
  };
}

/** Logs in and waits for READY; "disallowed_intents" when the gateway closed with 4014. */
async function login(client: Client, token: string): Promise<"ready" | "disallowed_intents"> {
  let refused = false;
  const onDisconnect = (event: { code: number }) => {
    if (event.code === DISALLOWED_INTENTS) refused = true;
  };
  client.on(Events.ShardDisconnect, onDisconnect);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error("Discord gateway did not become ready within 60 s")),
      READY_TIMEOUT_MS,
    );
  });
  try {
    await client.login(token);
    await Promise.race([ready, timeout]);
    return "ready";
  } catch (error) {
    // discord.js rejects the login with "Used disallowed intents" after the 4014 close
    if (refused || (error instanceof Error && /disallowed intents/i.test(error.message))) {
      await client.destroy();
      return "disallowed_intents";
    }
    throw error;
  } finally {
    clearTimeout(timer);
    client.off(Events.ShardDisconnect, onDisconnect);
  }
}
