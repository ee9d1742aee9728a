// Telegram forum supergroups: what the bot sends while handling a message posted in a topic stays in that
// topic, and `/settings topic` (sent inside a topic) is where the weekly summary goes — also after a restart.
import type { Chat, User } from "grammy/types";
import { beforeAll, describe, expect, it } from "vitest";
import { chartRenderer } from "../../../src/charts/renderer.ts";
import { createWeeklySummaries } from "../../../src/jobs/weekly-summary.ts";
import { createLogger } from "../../../src/log.ts";
import { PDF, person, scanPdf, useTelegramWorld } from "./harness.ts";

const world = useTelegramWorld();
let ana: User;
let group: Chat;
let scansTopic: { id: number };
let resultsTopic: { id: number };

beforeAll(() => {
  ana = world.tg.createUser({ firstName: "Ana", lastName: "Silva" });
  group = world.tg.createGroup({ title: "Iron Temple", admins: [ana], forum: true });
  scansTopic = world.tg.createTopic(group, "Scans");
  resultsTopic = world.tg.createTopic(group, "Results");
});

const inGroup = (since: number) => world.tg.sent.slice(since).filter((s) => s.chatId === group.id);

async function summaryAt(at: string, bot = world.bot) {
  const summaries = createWeeklySummaries({
    sql: world.sql,
    log: createLogger("silent"),
    charts: chartRenderer(),
    defaultTimeZone: "UTC",
    notifiers: [bot.notifier],
    now: () => new Date(at),
  });
  return summaries.tick();
}

describe("Telegram forum topics", () => {
  it("answers a scan posted in a topic inside that topic — typing, summary and all", async () => {
    const since = world.tg.sent.length;
    const actionsBefore = world.tg.chatActions.length;
    const sent = world.tg.sendDocument({
      chat: group,
      from: ana,
      fileName: "scan.pdf",
      mimeType: PDF,
      bytes: await scanPdf(person("Ana Silva", { scannedAt: "2026-05-30T07:30" })),
      topic: scansTopic.id,
    });
    await world.tg.waitUntilHandled(sent.update);
    const replies = inGroup(since);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.map((r) => r.topic)).toEqual(replies.map(() => scansTopic.id));
    expect(replies.map((r) => r.plainText).join("\n")).toContain("Ana Silva");
    const typing = world.tg.chatActions.slice(actionsBefore).filter((a) => a.chatId === group.id);
    expect(typing.length).toBeGreaterThan(0);
    expect(typing.every((a) => a.topic === scansTopic.id)).toBe(true);
    // the exact numbers still go to the private chat, which has no topics
    expect(world.tg.sent.slice(since).some((s) => s.chatId === ana.id && s.topic === undefined)).toBe(true);
  });

  it("`/settings topic` inside a topic sends the weekly summary there, after a restart too", async () => {
    const since = world.tg.sent.length;
    const command = world.tg.sendText({
      chat: group,
      from: ana,
      text: "/settings topic",
      topic: resultsTopic.id,
    });
    await world.tg.waitUntilHandled(command.update);
    const answer = inGroup(since);
    expect(answer.map((a) => a.topic)).toEqual([resultsTopic.id]);
    expect(answer[0]!.plainText).toContain("goes to this topic from now on");

    await world.bot.stop();
    const restarted = await world.startBot();
    const before = world.tg.sent.length;
    expect((await summaryAt("2026-06-08T09:05:00Z", restarted)).map((o) => o.result)).toEqual(["sent"]);
    const summary = inGroup(before);
    expect(summary).toHaveLength(1);
    expect(summary[0]!.topic).toBe(resultsTopic.id);
    expect(summary[0]!.plainText).toContain("Iron Temple: week to");

    // shown by /settings
    const shown = world.tg.sendText({ chat: group, from: ana, text: "/settings" });
    await world.tg.waitUntilHandled(shown.update);
    expect(inGroup(before).at(-1)!.plainText).toContain(
      "summary goes to: the topic chosen with /settings topic",
    );
    world.bot = restarted;
  });

  it("falls back to General when the chosen topic was deleted", async () => {
    world.tg.deleteTopic(group, resultsTopic.id);
    const before = world.tg.sent.length;
    expect((await summaryAt("2026-06-15T09:05:00Z")).map((o) => o.result)).toEqual(["sent"]);
    const summary = inGroup(before);
    expect(summary).toHaveLength(1);
    expect(summary[0]!.topic).toBeUndefined();
  });

  it("`/settings topic` in a group without topics says so and changes nothing", async () => {
    const plain = world.tg.createGroup({ title: "No Topics", admins: [ana] });
    const before = world.tg.sent.length;
    const command = world.tg.sendText({ chat: plain, from: ana, text: "/settings topic" });
    await world.tg.waitUntilHandled(command.update);
    const answer = world.tg.sent.slice(before).filter((s) => s.chatId === plain.id);
    expect(answer.map((a) => a.plainText)).toEqual([
      "This group has no topics, so the weekly summary goes to the group's chat.",
    ]);
  });
});
