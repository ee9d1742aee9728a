// One person on Telegram and Discord, end to end against both stand-ins, one core and both real bots:
// /link codes (private, one-time, expiring on the core's clock), a scan on each platform seen from the
// other, /unlink, and /forget on one platform forgetting the person on both.
import type { Chat, User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordBot } from "../../bot/discord/index.ts";
import type { RunningBot } from "../../bot/platform.ts";
import { createTelegramBot } from "../../bot/telegram/index.ts";
import { createLogger } from "../../src/log.ts";
import { type FakeChannel, FakeDiscord, type FakeUser } from "../fakes/discord/index.ts";
import { FakeTelegram } from "../fakes/telegram/fake-telegram.ts";
import { handledInDatabase } from "../fakes/telegram/handled-in-database.ts";
import { useTestCore } from "../support/core.ts";
import { fourWeeksLater, pdfFile, person, scanPdf } from "./discord/harness.ts";

type SlashOptions = NonNullable<Parameters<FakeDiscord["slashCommand"]>[0]["options"]>;

const clock = { now: new Date("2026-06-01T12:00:00Z") };
const CODE = /[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}/;

const core = useTestCore({ realExtractor: true, now: () => clock.now });
const log = createLogger("silent");
let tg: FakeTelegram;
let discord: FakeDiscord;
const bots: RunningBot[] = [];

let channel: FakeChannel;
let anaOnDiscord: FakeUser;
let anaOnTelegram: User;
let benOnTelegram: User;
let gymChat: Chat;
const ANA = person("Ana Silva", { sex: "female", weightKg: 70, bodyFatPct: 31, heightCm: 165, seed: 3 });

beforeAll(async () => {
  tg = new FakeTelegram({ defaultTimeoutMs: 20_000 });
  await tg.start();
  handledInDatabase(tg, core.current.sql);
  discord = await new FakeDiscord().start();
  const deps = { services: core.current.services, log, defaultTimeZone: "UTC" };
  bots.push(
    createTelegramBot({ ...deps, token: tg.token, apiRoot: tg.apiRoot, webhook: null, throttle: false }),
    createDiscordBot({
      ...deps,
      token: discord.token,
      applicationId: discord.applicationId,
      apiRoot: discord.apiRoot,
      guildId: undefined,
      messageContent: false,
    }),
  );
  for (const bot of bots) await bot.start();

  const owner = discord.addUser({ username: "owner", globalName: "Gym Owner" });
  const guild = discord.addGuild({ name: "Iron Temple", ownerId: owner });
  channel = discord.addChannel({ guild, name: "scans" });
  anaOnDiscord = discord.addUser({ username: "ana", globalName: "Ana Silva" });
  discord.addMember(guild, anaOnDiscord);
  anaOnTelegram = tg.createUser({ firstName: "Ana", lastName: "Silva" });
  benOnTelegram = tg.createUser({ firstName: "Ben" });
  gymChat = tg.createGroup({ title: "Gym rats", members: [anaOnTelegram, benOnTelegram] });
}, 60_000);

afterAll(async () => {
  for (const bot of bots.reverse()) await bot.stop().catch(() => undefined);
  await tg?.stop();
  await discord?.stop();
});

function slash(user: FakeUser, name: string, options: SlashOptions = {}) {
  return discord.slashCommand({ channel, user, name, options, requireRegistered: true }).reply(20_000);
}

/** What the bot answered on Telegram to a text from `from` (in `chat`, else privately). */
async function telegram(from: User, text: string, chat?: Chat) {
  const before = tg.sent.length;
  const sent = tg.sendText({ ...(chat ? { chat } : {}), from, text });
  await tg.waitUntilHandled(sent.update);
  return tg.sent.slice(before);
}

async function telegramText(from: User, text: string, chat?: Chat): Promise<string> {
  const replies = await telegram(from, text, chat);
  return replies.map((r) => r.plainText ?? "").join("\n");
}

async function codeFromDiscord(): Promise<string> {
  const reply = await slash(anaOnDiscord, "link");
  expect(reply.ephemeral).toBe(true);
  return CODE.exec(reply.content)![0];
}

describe("one person on both platforms", () => {
  it("refuses a wrong code and an expired one, then links with a fresh code", async () => {
    const first = await slash(anaOnDiscord, "scan", { file: pdfFile(await scanPdf(ANA)) });
    expect(first.content).toContain("✅");

    const wrong = await telegramText(anaOnTelegram, "/link ABCD-EFGH");
    expect(wrong).toContain("not a code I gave out");

    const stale = await codeFromDiscord();
    clock.now = new Date(clock.now.getTime() + 11 * 60_000);
    expect(await telegramText(anaOnTelegram, `/link ${stale}`)).toContain("expired");

    const code = await codeFromDiscord();
    const linked = await telegramText(anaOnTelegram, `/link ${code}`);
    expect(linked).toContain("Linked: your Discord and Telegram accounts are now one member");

    // a spent code is no key for anyone else
    expect(await telegramText(benOnTelegram, `/link ${code}`)).toContain("already used");
    const ben = { platform: "telegram", userId: String(benOnTelegram.id), displayName: "Ben" };
    expect(await core.current.services.forgetReach({ actor: ben })).toEqual({ linkedPlatforms: [] });
  });

  it("a scan sent on Telegram shows in /progress on Discord, with the Discord one", async () => {
    const before = tg.sent.length;
    const sent = tg.sendDocument({
      chat: gymChat,
      from: anaOnTelegram,
      fileName: "scan.pdf",
      mimeType: "application/pdf",
      bytes: await scanPdf(fourWeeksLater(ANA)),
    });
    await tg.waitUntilHandled(sent.update);
    expect(tg.sent.slice(before).some((r) => r.chatId === gymChat.id)).toBe(true);

    const progress = await slash(anaOnDiscord, "progress");
    expect(progress.ephemeral).toBe(true);
    expect(progress.content).toContain("2 scans");
    const onTelegram = await telegramText(anaOnTelegram, "/progress");
    expect(onTelegram).toContain("2 scans");
  });

  it("/link in a Telegram group sends the code privately, never in the group", async () => {
    const replies = await telegram(anaOnTelegram, "/link", gymChat);
    const inGroup = replies.filter((r) => r.chatId === gymChat.id);
    const inPrivate = replies.filter((r) => r.chatId === anaOnTelegram.id);
    expect(inGroup.map((r) => r.plainText)).toEqual(["📬 Sent to you in our private chat."]);
    expect(inPrivate.map((r) => r.plainText).join("\n")).toMatch(CODE);
    expect(inPrivate.map((r) => r.plainText).join("\n")).toContain("On Discord, send me /link");
  });

  it("/link in a group from someone the bot cannot message privately asks them to open the private chat", async () => {
    const cy = tg.createUser({ firstName: "Cy", startedBot: false });
    const replies = await telegram(cy, "/link", gymChat);
    expect(replies.map((r) => r.chatId)).toEqual([gymChat.id]);
    expect(replies[0]!.plainText).toContain("A link code only goes to our private chat");
    expect(replies[0]!.plainText).not.toMatch(CODE);
  });

  it("/unlink on Discord splits the account off; the scans sent before stay with Telegram", async () => {
    const reply = await slash(anaOnDiscord, "unlink");
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain("Unlinked");
    expect(reply.content).toContain("stay in the history of your other account");
    expect((await slash(anaOnDiscord, "progress")).content).toContain("I don't have a scan from you yet");
    expect(await telegramText(anaOnTelegram, "/progress")).toContain("2 scans");
  });

  it("/forget on Telegram, confirmed, forgets the person on Discord too", async () => {
    const [codeMessage] = (await telegram(anaOnTelegram, "/link")).filter(
      (r) => r.chatId === anaOnTelegram.id,
    );
    const code = CODE.exec(codeMessage!.plainText!)![0];
    expect((await slash(anaOnDiscord, "link", { code })).content).toContain("Linked");

    const [question] = await telegram(anaOnTelegram, "/forget");
    expect(question!.plainText).toContain("Your accounts are linked: this forgets you on Discord too.");
    const buttons = (
      question!.replyMarkup as { inline_keyboard: { text: string; callback_data: string }[][] }
    ).inline_keyboard.flat();
    const confirm = buttons.find((b) => b.text === "Delete everything")!;
    const pressed = tg.pressButton({
      from: anaOnTelegram,
      message: question!.message!,
      data: confirm.callback_data,
    });
    await tg.waitUntilHandled(pressed.update);
    const answered = tg
      .history(tg.privateChat(anaOnTelegram))
      .find((m) => m.message_id === question!.messageId);
    expect(answered!.text).toContain("I deleted 2 scans and 2 files");

    const [left] = await core.current.sql<{ reports: number; files: number; identities: number }[]>`
      select (select count(*)::int from bronze.scan_reports) as reports,
             (select count(*)::int from bronze.raw_files) as files,
             (select count(*)::int from app.identities where platform_user_id in (${anaOnDiscord.id}, ${String(anaOnTelegram.id)})) as identities`;
    expect(left).toEqual({ reports: 0, files: 0, identities: 0 });
    expect((await slash(anaOnDiscord, "progress")).content).toContain("I don't have a scan from you yet");
    // the Discord /forget question says nothing about other accounts now
    const discordQuestion = await slash(anaOnDiscord, "forget");
    expect(discordQuestion.content).toContain("cannot be undone");
    expect(discordQuestion.content).not.toContain("linked");
  });
});
