// Scans posted as ordinary messages, with the Message Content intent granted and refused (close code 4014):
// the real discord.js client, the stand-in Discord speaking the gateway's rules, the real core on Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeChannel, FakeGuild, FakeMessage, FakeUser } from "../../fakes/discord/index.ts";
import { Intent } from "../../fakes/discord/index.ts";
import { fourWeeksLater, newWorld, pdfFile, person, scanPdf, serverMember } from "./harness.ts";

type World = Awaited<ReturnType<typeof newWorld>>;

async function server(world: World) {
  const owner = world.fake.addUser({ username: "owner", globalName: "Owner" });
  const guild = world.fake.addGuild({ name: "Iron Temple", ownerId: owner });
  const channel = world.fake.addChannel({ guild, name: "scans" });
  return { guild, channel };
}

const member = (world: World, guild: FakeGuild, username: string, globalName: string): FakeUser =>
  serverMember(world.fake, guild, username, globalName);

function replyTo(world: World, channel: FakeChannel, message: FakeMessage) {
  return world.fake.waitForChannelMessage(channel, (m) => m.replyTo === message.id, 20_000);
}

async function rawFiles(world: World): Promise<number> {
  const [row] = await world.running.current.core.sql<{ n: number }[]>`
    select count(*)::int as n from bronze.raw_files`;
  return row!.n;
}

describe("with the Message Content intent granted", () => {
  let world: World;
  let place: Awaited<ReturnType<typeof server>>;

  beforeAll(async () => {
    world = await newWorld();
    place = await server(world);
  });
  afterAll(async () => {
    await world?.close();
  });

  it("asks for guild messages and their content by default", () => {
    const intents = world.fake.sessionIntents().at(-1)!;
    expect(intents & Intent.GuildMessages).not.toBe(0);
    expect(intents & Intent.MessageContent).not.toBe(0);
    expect(intents & Intent.DirectMessages).not.toBe(0);
  });

  it("answers a PDF simply dropped in a channel", async () => {
    const user = member(world, place.guild, "dana", "Dana Reyes");
    const post = world.fake.postMessage({
      channel: place.channel,
      user,
      attachments: [pdfFile(await scanPdf(person("Dana Reyes")))],
    });
    const reply = await replyTo(world, place.channel, post);
    expect(reply.content).toContain("Dana Reyes");
    expect(reply.content).toContain("first scan");
    expect(reply.content).not.toContain("@mention");
  });
});

describe("with the Message Content intent refused by the Developer Portal (4014)", () => {
  let world: World;
  let place: Awaited<ReturnType<typeof server>>;
  let ana: FakeUser;
  let mentionReply: FakeMessage;
  const anaScan = person("Ana Silva", { seed: 11 });

  beforeAll(async () => {
    world = await newWorld({ fake: { allowedPrivilegedIntents: { messageContent: false } } });
    place = await server(world);
    ana = member(world, place.guild, "ana", "Ana Silva");
  });
  afterAll(async () => {
    await world?.close();
  });

  it("still starts: reconnects without the intent and logs one line saying how to turn it on", () => {
    const closes = world.fake.events().filter((e) => e.type === "gatewayClosed");
    expect(closes.map((e) => (e.type === "gatewayClosed" ? e.code : 0))).toContain(4014);
    const intents = world.fake.sessionIntents().at(-1)!;
    expect(intents & Intent.MessageContent).toBe(0);
    expect(intents & Intent.GuildMessages).not.toBe(0);
    const told = world.running.current.logs.filter((l) => l.msg.includes("Message Content Intent"));
    expect(told).toHaveLength(1);
    expect(told[0]!.msg).toContain("Developer Portal");
  });

  it("does not see a PDF posted without addressing the bot, and answers one posted with an @mention", async () => {
    const unaddressed = world.fake.postMessage({
      channel: place.channel,
      user: ana,
      attachments: [pdfFile(await scanPdf(person("Ana Silva", { seed: 99 })))],
    });
    const mention = world.fake.postMessage({
      channel: place.channel,
      user: ana,
      content: `<@${world.fake.applicationId}> my scan`,
      attachments: [pdfFile(await scanPdf(anaScan))],
    });
    mentionReply = await replyTo(world, place.channel, mention);
    expect(mentionReply.content).toContain("Ana Silva");
    expect(mentionReply.content).toContain("first scan");
    // the first reply in this server says how posting works here
    expect(mentionReply.content).toContain("@mention");
    expect(mentionReply.content).toContain("/scan");
    const dm = await world.fake.waitForDm(ana, (m) => m.files.length > 0, 20_000);
    expect(dm.files.map((f) => f.name)).toEqual(["progress.png"]);
    // the unaddressed post came first on the same gateway connection, and left no trace
    expect(world.fake.channelMessages(place.channel).some((m) => m.replyTo === unaddressed.id)).toBe(false);
    expect(await rawFiles(world)).toBe(1);
  });

  it("answers a PDF posted as a reply to the bot, without repeating the note", async () => {
    const post = world.fake.postMessage({
      channel: place.channel,
      user: ana,
      replyTo: mentionReply,
      attachments: [pdfFile(await scanPdf(fourWeeksLater(anaScan)))],
    });
    const reply = await replyTo(world, place.channel, post);
    expect(reply.content).toContain("Since the last scan");
    expect(reply.content).not.toContain("@mention");
    expect(await rawFiles(world)).toBe(2);
  });

  it("reads DMs as always", async () => {
    const bo = member(world, place.guild, "bo", "Bo Lind");
    world.fake.postDm({ user: bo, attachments: [pdfFile(await scanPdf(person("Bo Lind", { seed: 5 })))] });
    const dm = await world.fake.waitForDm(bo, (m) => m.content.includes("first scan"), 20_000);
    expect(dm.content).toMatch(/weight: \*\*\d+\.\d kg\*\*/);
    expect(dm.files.map((f) => f.name)).toEqual(["progress.png"]);
  });

  it("says in /help that posting needs an @mention or /scan", async () => {
    const handle = world.fake.slashCommand({ channel: place.channel, user: ana, name: "help" });
    const help = await handle.reply();
    expect(help.content).toContain("@mention");
    expect(help.content).toContain("Message Content Intent");
    expect(help.content).not.toMatch(/\bgroup\b/i);
  });
});
