import { once } from "node:events";
import zlib from "node:zlib";
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  MessageFlags,
  PermissionFlagsBits,
  REST,
  Routes,
  SlashCommandBuilder,
} from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { FakeDiscord } from "./fake-discord.ts";
import type { FakeChannel, FakeGuild, FakeUser } from "./types.ts";

// A 1x1 PNG: the client "draws a chart" and the fake must show it as an image attachment.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n% fake evolt scan\n%%EOF\n");

const scanCommand = new SlashCommandBuilder()
  .setName("scan")
  .setDescription("Read an Evolt scan")
  .addAttachmentOption((o) => o.setName("file").setDescription("The PDF").setRequired(true));
const goalCommand = new SlashCommandBuilder()
  .setName("goal")
  .setDescription("Set a goal")
  .addIntegerOption((o) => o.setName("weeks").setDescription("How many weeks").setRequired(true))
  .addNumberOption((o) => o.setName("weight").setDescription("Target kg"));

let fake: FakeDiscord;
let client: Client | null;
let owner: FakeUser;
let member: FakeUser;
let guild: FakeGuild;
let channel: FakeChannel;

beforeEach(async () => {
  fake = await new FakeDiscord({ heartbeatIntervalMs: 150, ackTimeoutMs: 3000 }).start();
  owner = fake.addUser({ username: "coach", globalName: "Coach" });
  member = fake.addUser({ username: "lifter", globalName: "Lifter" });
  guild = fake.addGuild({ name: "Iron Temple", ownerId: owner.id });
  channel = fake.addChannel({ guild, name: "scans" });
  fake.addMember(guild, member);
  client = null;
});

afterEach(async () => {
  await client?.destroy();
  await fake.stop();
});

async function login(intents: number[] = [GatewayIntentBits.Guilds]): Promise<Client<true>> {
  const c = new Client({ intents, rest: { api: fake.apiRoot } });
  client = c;
  const ready = once(c, Events.ClientReady);
  await c.login(fake.token);
  await ready;
  return c as Client<true>;
}

function nextInteraction(c: Client): Promise<Interaction> {
  return once(c, Events.InteractionCreate).then(([i]) => i as Interaction);
}

describe("FakeDiscord with the real discord.js client", () => {
  it("logs in: READY, guild cache from GUILD_CREATE, heartbeats acknowledged", async () => {
    const c = await login();
    expect(c.user.id).toBe(fake.applicationId);
    expect(c.application.id).toBe(fake.applicationId);
    const cached = c.guilds.cache.get(guild.id);
    expect(cached?.name).toBe("Iron Temple");
    expect(cached?.ownerId).toBe(owner.id);
    expect(cached?.memberCount).toBe(3);
    expect(cached?.channels.cache.get(channel.id)?.name).toBe("scans");
    // Without the GuildMembers intent Discord only sends the bot's own member.
    expect(cached?.members.cache.has(fake.applicationId)).toBe(true);
    expect(cached?.members.cache.has(member.id)).toBe(false);
    // REST lookups work too.
    const fetched = await cached!.members.fetch(member.id);
    expect(fetched.user.username).toBe("lifter");
    await fake.waitFor((e) => e.type === "heartbeat", 2000);
    const identify = fake.events().find((e) => e.type === "identify");
    expect(identify).toMatchObject({ intents: GatewayIntentBits.Guilds, compress: false });
    // discord.js 14.28 without zlib-sync: no `compress` query parameter, plain JSON text frames.
    expect(fake.requests().map((r) => `${r.method} ${r.path}`)).toContain("GET /gateway/bot");
  });

  it("slash command with an attachment: defer, download, edit reply with a PNG", async () => {
    const c = await login();
    c.on(Events.InteractionCreate, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      const file = interaction.options.getAttachment("file", true);
      const res = await fetch(file.url);
      const bytes = Buffer.from(await res.arrayBuffer());
      await interaction.editReply({
        content: `got ${file.name} (${bytes.length} bytes, ${file.contentType}) pdf=${bytes.subarray(0, 4).toString()}`,
        files: [new AttachmentBuilder(PNG, { name: "chart.png" })],
      });
    });
    // The interaction callback (BurstHandler in @discordjs/rest) and the webhook edit both get retried.
    fake.failNext("POST /interactions/:id/:token/callback", 429, undefined, { retryAfter: 0.05 });
    fake.failNext("PATCH /webhooks/:app/:token/messages/@original", 500);
    const handle = fake.slashCommand({
      guild,
      channel,
      user: member,
      name: "scan",
      options: { file: { filename: "scan.pdf", contentType: "application/pdf", bytes: PDF } },
    });
    const reply = await handle.reply();
    expect(reply.content).toBe(`got scan.pdf (${PDF.length} bytes, application/pdf) pdf=%PDF`);
    expect(reply.files).toHaveLength(1);
    expect(reply.files[0]).toMatchObject({ name: "chart.png", contentType: "image/png" });
    expect(reply.files[0]!.bytes.equals(PNG)).toBe(true);
    expect(reply.raw.attachments).toMatchObject([{ filename: "chart.png", width: 1, height: 1 }]);
    expect(handle.responses.map((r) => [r.kind, r.callbackType])).toEqual([
      ["callback", 5],
      ["editOriginal", null],
    ]);
    expect(handle.responses[0]!.afterMs).toBeLessThan(3000);
    expect(
      fake
        .requests()
        .filter((r) => r.injected)
        .map((r) => `${r.status} ${r.method}`),
    ).toEqual(["429 POST", "500 PATCH"]);
    // The uploaded chart is downloadable from the fake's CDN, and the reply is visible in the channel.
    const chart = Buffer.from(await (await fetch(reply.files[0]!.url)).arrayBuffer());
    expect(chart.equals(PNG)).toBe(true);
    expect(fake.channelMessages(channel).map((m) => m.id)).toEqual([reply.id]);
    expect(fake.expiredInteractions()).toEqual([]);
  });

  it("ephemeral reply and followups stay out of the channel", async () => {
    const c = await login();
    c.on(Events.InteractionCreate, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: "only you can see this", flags: MessageFlags.Ephemeral });
      await interaction.followUp({ content: "public followup" });
      await interaction.followUp({ content: "private followup", flags: MessageFlags.Ephemeral });
    });
    const handle = fake.slashCommand({ channel, user: member, name: "progress" });
    const reply = await handle.reply();
    expect(reply).toMatchObject({ content: "only you can see this", ephemeral: true, flags: 64 });
    await handle.followup();
    const second = await handle.next((r) => r.kind === "followup" && r.content === "private followup");
    expect(second.ephemeral).toBe(true);
    expect(fake.channelMessages(channel).map((m) => m.content)).toEqual(["public followup"]);
    expect(handle.followups().map((m) => m.ephemeral)).toEqual([false, true]);
  });

  it("button press: the bot updates the message it sent", async () => {
    const c = await login();
    const sent = await (c.channels.cache.get(channel.id) as import("discord.js").TextChannel).send({
      content: "Share this scan?",
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId("share:yes").setLabel("Yes").setStyle(ButtonStyle.Primary),
        ),
      ],
    });
    const [fakeMessage] = fake.channelMessages(channel);
    expect(fakeMessage?.id).toBe(sent.id);
    c.on(Events.InteractionCreate, async (interaction) => {
      if (!interaction.isButton()) return;
      expect(interaction.message.id).toBe(sent.id);
      await interaction.update({ content: `shared by ${interaction.user.username}`, components: [] });
    });
    const handle = fake.pressButton({ message: sent.id, customId: "share:yes", user: member });
    const updated = await handle.reply();
    expect(updated).toMatchObject({ id: sent.id, content: "shared by lifter", components: [] });
    expect(fake.channelMessages(channel)[0]?.content).toBe("shared by lifter");
    expect(() => fake.pressButton({ message: sent.id, customId: "share:yes", user: member })).toThrow(
      /no component/,
    );
  });

  it("bulk command registration (guild and global) and typed options from the registration", async () => {
    const c = await login();
    const rest = new REST({ api: fake.apiRoot }).setToken(fake.token);
    const guildCmds = (await rest.put(Routes.applicationGuildCommands(fake.applicationId, guild.id), {
      body: [scanCommand.toJSON(), goalCommand.toJSON()],
    })) as { id: string; name: string }[];
    expect(guildCmds.map((x) => x.name)).toEqual(["scan", "goal"]);
    await rest.put(Routes.applicationCommands(fake.applicationId), { body: [scanCommand.toJSON()] });
    expect(fake.commands(guild).map((x) => x.name)).toEqual(["scan", "goal"]);
    expect(fake.commands().map((x) => x.name)).toEqual(["scan"]);
    // Re-registering keeps ids, like Discord.
    const again = (await rest.put(Routes.applicationGuildCommands(fake.applicationId, guild.id), {
      body: [goalCommand.toJSON()],
    })) as { id: string }[];
    expect(again[0]!.id).toBe(guildCmds[1]!.id);
    await expect(
      rest.put(Routes.applicationCommands(fake.applicationId), {
        body: [{ name: "Bad Name", description: "x" }],
      }),
    ).rejects.toMatchObject({ code: 50035, status: 400 });
    // discord.js's own manager goes through the same route.
    await c.application.commands.set([scanCommand.toJSON(), goalCommand.toJSON()], guild.id);

    fake.addMember(guild, fake.addUser({ username: "admin" }), { manageGuild: true });
    const admin = [...fake.guild(guild).members.keys()].at(-1)!;
    const seen = nextInteraction(c);
    const handle = fake.slashCommand({
      channel,
      user: admin,
      name: "goal",
      options: { weeks: 8, weight: 80 },
    });
    const interaction = (await seen) as ChatInputCommandInteraction;
    expect(interaction.commandId).toBe(fake.commands(guild).find((x) => x.name === "goal")?.id);
    expect(interaction.options.getInteger("weeks")).toBe(8);
    expect(interaction.options.getNumber("weight")).toBe(80);
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(true);
    await interaction.reply("ok");
    await handle.reply();
    const seen2 = nextInteraction(c);
    fake.slashCommand({ channel, user: member, name: "goal", options: { weeks: 2 } });
    const plain = (await seen2) as ChatInputCommandInteraction;
    expect(plain.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(false);
    await plain.reply("ok");
    expect(() => fake.slashCommand({ channel, user: member, name: "goal", options: { nope: 1 } })).toThrow(
      /no option "nope"/,
    );
  });

  it("MESSAGE_CREATE with an attachment: visible with MessageContent, blanked without", async () => {
    const c = await login([
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
    ]);
    const received = once(c, Events.MessageCreate).then(([m]) => m as Message);
    const posted = fake.postMessage({
      channel,
      user: member,
      content: "my scan",
      attachments: [{ filename: "scan.pdf", contentType: "application/pdf", bytes: PDF }],
    });
    const msg = await received;
    expect(msg.id).toBe(posted.id);
    expect(msg.content).toBe("my scan");
    const att = msg.attachments.first()!;
    expect(att).toMatchObject({ name: "scan.pdf", contentType: "application/pdf", size: PDF.length });
    expect(Buffer.from(await (await fetch(att.url)).arrayBuffer()).equals(PDF)).toBe(true);
    await msg.reply({ content: "read it", files: [new AttachmentBuilder(PNG, { name: "chart.png" })] });
    const answer = await fake.waitForChannelMessage(channel, (m) => m.authorId === fake.applicationId);
    expect(answer).toMatchObject({ content: "read it", replyTo: posted.id });
    expect(answer.files[0]?.bytes.equals(PNG)).toBe(true);
    await c.destroy();

    const c2 = await login([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    const blank = once(c2, Events.MessageCreate).then(([m]) => m as Message);
    fake.postMessage({
      channel,
      user: member,
      content: "secret",
      attachments: [{ filename: "a.pdf", bytes: PDF }],
    });
    const seen = await blank;
    expect(seen.content).toBe("");
    expect(seen.attachments.size).toBe(0);
    const mention = once(c2, Events.MessageCreate).then(([m]) => m as Message);
    fake.postMessage({ channel, user: member, content: `<@${fake.applicationId}> hi` });
    expect((await mention).content).toBe(`<@${fake.applicationId}> hi`);

    // a reply to the bot pings it by default (it is in `mentions`), so it arrives whole; without the ping, blank
    const pinged = once(c2, Events.MessageCreate).then(([m]) => m as Message);
    fake.postMessage({
      channel,
      user: member,
      replyTo: answer,
      attachments: [{ filename: "b.pdf", bytes: PDF }],
    });
    expect((await pinged).attachments.first()?.name).toBe("b.pdf");
    expect((await pinged).mentions.users.has(fake.applicationId)).toBe(true);
    const quiet = once(c2, Events.MessageCreate).then(([m]) => m as Message);
    fake.postMessage({
      channel,
      user: member,
      replyTo: answer,
      pingReply: false,
      attachments: [{ filename: "c.pdf", bytes: PDF }],
    });
    expect((await quiet).attachments.size).toBe(0);
    expect((await quiet).mentions.repliedUser?.id).toBe(fake.applicationId);
  });

  it("interactions not acknowledged in time expire; late callbacks get 10062", async () => {
    await fake.stop();
    fake = await new FakeDiscord({ ackTimeoutMs: 150 }).start();
    const u = fake.addUser({ username: "u" });
    const g = fake.addGuild({ name: "g", ownerId: u.id });
    const ch = fake.addChannel({ guild: g, name: "c" });
    const c = await login();
    const seen = nextInteraction(c);
    const handle = fake.slashCommand({ channel: ch, user: u, name: "slow" });
    const interaction = (await seen) as ChatInputCommandInteraction;
    await expect(handle.reply()).rejects.toThrow(/not acknowledged in time/);
    expect(handle.expired).toBe(true);
    expect(fake.expiredInteractions()).toEqual([handle.id]);
    const late = await interaction.reply("too late").catch((e: unknown) => e);
    expect(late).toBeInstanceOf(DiscordAPIError);
    expect(late).toMatchObject({ code: 10062, status: 404 });
  });

  it("double acknowledgement fails with 40060", async () => {
    const c = await login();
    const seen = nextInteraction(c);
    fake.slashCommand({ channel, user: member, name: "x" });
    const interaction = (await seen) as ChatInputCommandInteraction;
    await interaction.deferReply();
    const rest = new REST({ api: fake.apiRoot });
    await expect(
      rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: { type: 4, data: { content: "x" } },
        auth: false,
      }),
    ).rejects.toMatchObject({ code: 40060 });
  });

  it("fault injection: 429 and 500 are retried by @discordjs/rest; 50007 for closed DMs; 50035 over 2000 chars", async () => {
    const c = await login();
    const text = c.channels.cache.get(channel.id) as import("discord.js").TextChannel;
    fake.failNext("POST /channels/:id/messages", 429, undefined, { retryAfter: 0.05 });
    fake.failNext("POST /channels/:id/messages", 500);
    const limited: unknown[] = [];
    c.rest.on("rateLimited", (info) => limited.push(info));
    const sent = await text.send("after a rate limit");
    expect(sent.content).toBe("after a rate limit");
    const attempts = fake.requests().filter((r) => r.path === `/channels/${channel.id}/messages`);
    expect(attempts.map((r) => r.status)).toEqual([429, 500, 200]);
    expect(limited.length).toBeGreaterThan(0);

    fake.failNext("POST /channels/:id/messages", 500, undefined, { times: 4 });
    await expect(text.send("never")).rejects.toMatchObject({ status: 500 });

    fake.failNext("GET /attachments/*", 503);
    const up = fake.postMessage({ channel, user: member, attachments: [{ filename: "s.pdf", bytes: PDF }] });
    expect((await fetch(up.files[0]!.url)).status).toBe(503);
    expect((await fetch(up.files[0]!.url)).status).toBe(200);

    fake.setBlocksDms(member);
    const user = await c.users.fetch(member.id);
    await expect(user.send("hello")).rejects.toMatchObject({ code: 50007, status: 403 });
    fake.setBlocksDms(member, false);
    await user.send("hello again");
    expect(fake.dms(member).map((m) => m.content)).toEqual(["hello again"]);

    await expect(text.send("x".repeat(2001))).rejects.toMatchObject({ code: 50035 });
    const locked = fake.addChannel({ guild, name: "announcements", botCanSend: false });
    await expect(
      c.rest.post(Routes.channelMessages(locked.id), { body: { content: "hi" } }),
    ).rejects.toMatchObject({
      code: 50013,
    });
  });

  it("gateway RECONNECT: discord.js resumes and missed events are replayed", async () => {
    const c = await login([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    fake.requestGatewayReconnect();
    await fake.waitFor((e) => e.type === "gatewayClosed");
    // Dispatched while the client is away: buffered and replayed on RESUME.
    const received = once(c, Events.MessageCreate).then(([m]) => m as Message);
    const posted = fake.postMessage({ channel, user: member, content: "while away" });
    await fake.waitFor((e) => e.type === "resumed" && e.replayed >= 1, 5000);
    expect((await received).id).toBe(posted.id);
  });

  it("client.destroy() closes the gateway with 1000 and ends the session", async () => {
    const c = await login();
    await c.destroy();
    client = null;
    const closed = await fake.waitFor((e) => e.type === "gatewayClosed");
    expect(closed).toMatchObject({ code: 1000 });
    expect(fake.sessionIntents()).toEqual([]);
    expect(() => fake.postMessage({ channel, user: member, content: "x" })).toThrow(/no gateway session/);
  });

  it("rejects a wrong token (REST 401 → TokenInvalid) and disallowed privileged intents (4014)", async () => {
    const bad = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiRoot } });
    await expect(bad.login("not-the-token")).rejects.toMatchObject({ code: "TokenInvalid" });
    await bad.destroy();

    await fake.stop();
    fake = await new FakeDiscord({ allowedPrivilegedIntents: { messageContent: false } }).start();
    const c = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent],
      rest: { api: fake.apiRoot },
    });
    client = c;
    await expect(c.login(fake.token)).rejects.toThrow(/disallowed intents/i);
  });

  it("speaks zlib-stream when a client asks for it (what discord.js does once zlib-sync is installed)", async () => {
    const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const inflate = zlib.createInflate();
    const payloads: { op: number; t?: string; s?: number }[] = [];
    let buffered = "";
    inflate.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
    });
    ws.on("message", (data: Buffer) => {
      inflate.write(data);
      inflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        if (buffered) payloads.push(JSON.parse(buffered));
        buffered = "";
        const last = payloads.at(-1);
        if (last?.op === 10)
          ws.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 1, properties: {} } }));
      });
    });
    await fake.waitFor((e) => e.type === "dispatch" && e.event === "GUILD_CREATE");
    await new Promise((r) => setTimeout(r, 50));
    expect(payloads.map((p) => p.t ?? p.op)).toEqual([10, "READY", "GUILD_CREATE"]);
    expect(payloads.map((p) => p.s ?? null)).toEqual([null, 1, 2]);
    ws.close(1000);
    await once(ws, "close");
  });
});
