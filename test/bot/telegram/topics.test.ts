// Every part of a reply to a message in a forum topic stays in that topic: text split at Telegram's limit,
// a chart sent after a caption too long for it, "typing…" — with grammY against the stand-in Bot API.
import { Bot } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepTyping, sendHtml, sendWithImage } from "../../../bot/telegram/send.ts";
import { stayInTopic } from "../../../bot/telegram/topics.ts";
import { FakeTelegram } from "../../fakes/telegram/fake-telegram.ts";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000000000200015e2d0d0a0000000049454e44ae426082",
  "hex",
);

let tg: FakeTelegram;
let bot: Bot;

beforeAll(async () => {
  tg = new FakeTelegram();
  await tg.start();
  bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot } });
  bot.use(stayInTopic);
  bot.command("long", async (ctx) => {
    const stop = keepTyping(ctx.api, ctx.chat.id);
    await sendHtml(
      ctx.api,
      ctx.chat.id,
      Array.from({ length: 300 }, (_, i) => `line ${i} of a long reply`).join("\n"),
    );
    await sendWithImage(ctx.api, ctx.chat.id, "x".repeat(1500), { bytes: PNG, fileName: "chart.png" });
    stop();
  });
  await bot.init();
});
afterAll(async () => {
  await tg?.stop();
});

describe("replies in a forum topic", () => {
  it("sends every part of a long reply and its chart into the topic the command came from", async () => {
    const ana = tg.createUser({ firstName: "Ana" });
    const group = tg.createGroup({ title: "Forum", admins: [ana], forum: true });
    const topic = tg.createTopic(group, "Scans");
    const { update } = tg.sendText({ chat: group, from: ana, text: "/long", topic: topic.id });
    await bot.handleUpdate(update);
    const sent = tg.sent.filter((s) => s.chatId === group.id);
    expect(sent.map((s) => s.method)).toEqual(["sendMessage", "sendMessage", "sendMessage", "sendPhoto"]);
    expect(sent.map((s) => s.topic)).toEqual([topic.id, topic.id, topic.id, topic.id]);
    const actions = tg.chatActions.filter((a) => a.chatId === group.id);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((a) => a.topic === topic.id)).toBe(true);
  });

  it("leaves messages in General (and in groups without topics) where they were", async () => {
    const ben = tg.createUser({ firstName: "Ben" });
    const forum = tg.createGroup({ title: "Forum 2", admins: [ben], forum: true });
    const plain = tg.createGroup({ title: "Plain", admins: [ben] });
    for (const chat of [forum, plain]) {
      const { update } = tg.sendText({ chat, from: ben, text: "/long" });
      await bot.handleUpdate(update);
      const sent = tg.sent.filter((s) => s.chatId === chat.id);
      expect(sent).toHaveLength(4);
      expect(sent.every((s) => s.topic === undefined)).toBe(true);
    }
  });
});
