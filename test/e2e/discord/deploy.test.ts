// Registration scopes and gateway intents, without a database: the bot only reaches the core on events.
import { REST } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discordCommandDefinitions } from "../../../bot/discord/command-definitions.ts";
import { createDiscordBot } from "../../../bot/discord/index.ts";
import { registerDiscordCommands } from "../../../bot/discord/register.ts";
import { createLogger } from "../../../src/log.ts";
import type { Services } from "../../../src/use-cases/services.ts";
import { FakeDiscord, Intent } from "../../fakes/discord/index.ts";

let fake: FakeDiscord;

beforeAll(async () => {
  fake = await new FakeDiscord().start();
});
afterAll(async () => {
  await fake?.stop();
});

function bot(options: { guildId?: string; messageContent: boolean }) {
  return createDiscordBot({
    services: {} as Services,
    log: createLogger("silent"),
    defaultTimeZone: "UTC",
    token: fake.token,
    applicationId: fake.applicationId,
    apiRoot: fake.apiRoot,
    guildId: options.guildId,
    messageContent: options.messageContent,
  });
}

describe("command registration and intents", () => {
  it("with DISCORD_GUILD_ID, registers in that server only; with DISCORD_MESSAGE_CONTENT=false asks for guild messages but no privileged intent", async () => {
    const owner = fake.addUser({ username: "dev" });
    const guild = fake.addGuild({ name: "Dev server", ownerId: owner });
    const running = bot({ guildId: guild.id, messageContent: false });
    await running.start();
    try {
      expect(fake.commands(guild).map((c) => c.name)).toContain("scan");
      expect(fake.commands()).toHaveLength(0);
      const intents = fake.sessionIntents().at(-1);
      expect(intents! & Intent.MessageContent).toBe(0);
      expect(intents! & Intent.GuildMessages).not.toBe(0);
      expect(intents! & Intent.DirectMessages).not.toBe(0);
    } finally {
      await running.stop();
    }
  });

  it("with DISCORD_MESSAGE_CONTENT=true, asks for guild messages and their content", async () => {
    const running = bot({ messageContent: true });
    await running.start();
    try {
      const intents = fake.sessionIntents().at(-1);
      expect(intents! & Intent.MessageContent).not.toBe(0);
      expect(intents! & Intent.GuildMessages).not.toBe(0);
    } finally {
      await running.stop();
    }
  });

  it("`pump discord:deploy` sends the same definitions the bot registers at start", async () => {
    const rest = new REST({ version: "10", api: fake.apiRoot }).setToken(fake.token);
    const result = await registerDiscordCommands(rest, fake.applicationId, undefined);
    expect(result.scope).toBe("global");
    const registered = fake.commands();
    for (const definition of discordCommandDefinitions()) {
      const command = registered.find((c) => c.name === definition.name)!;
      expect(command.description).toBe(definition.description);
      expect(command.options).toEqual(definition.options);
    }
  });

  it("offers guild-only commands only in servers, and every option has a description within Discord's limits", () => {
    const definitions = discordCommandDefinitions();
    expect(definitions.find((d) => d.name === "leaderboard")!.contexts).toEqual([0]);
    expect(definitions.find((d) => d.name === "scan")!.contexts).toEqual([0, 1]);
    for (const d of definitions) {
      expect(d.description.length).toBeLessThanOrEqual(100);
      const options = d.options ?? [];
      const firstOptional = options.findIndex((o) => !("required" in o && o.required));
      if (firstOptional >= 0)
        expect(options.slice(firstOptional).every((o) => !("required" in o && o.required))).toBe(true);
    }
  });
});
