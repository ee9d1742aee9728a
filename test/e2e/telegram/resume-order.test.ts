// A process died with a member's /help being handled (its lease still running) and their /progress kept
// behind it; Telegram has both confirmed, so only the inbox has them. A new process started at once answers
// both, once each, in the order the member sent them — and a message sent meanwhile comes after them. A
// process started in webhook mode answers what a polling one left too.
import { describe, expect, it } from "vitest";
import { freePort } from "../../support/free-port.ts";
import { useTelegramWorld } from "./harness.ts";

const world = useTelegramWorld();

describe("a restart within a dead process's lease", () => {
  it("answers the member's kept updates once each and in the order sent", async () => {
    const { tg, sql } = world;
    await world.bot.stop();
    const cy = tg.createUser({ firstName: "Cy" });
    const chat = tg.privateChat(cy);
    const command = (id: number, text: string) => ({
      update_id: id,
      message: {
        message_id: id,
        date: Math.floor(Date.now() / 1000),
        text,
        from: { id: cy.id, is_bot: false, first_name: "Cy" },
        chat: { id: chat.id, type: "private", first_name: "Cy" },
        entities: [{ type: "bot_command", offset: 0, length: text.length }],
      },
    });
    const key = (id: number) => `${tg.bot.id}:${id}`;
    await sql`
      insert into app.processed_updates (platform, update_key, lease_until, attempts, payload)
      values ('telegram', ${key(900001)}, now() + interval '3 seconds', 1, ${JSON.stringify(command(900001, "/help"))}::jsonb),
             ('telegram', ${key(900002)}, now() - interval '1 second', 0, ${JSON.stringify(command(900002, "/progress"))}::jsonb)`;
    const before = tg.sent.length;
    const restarted = await world.startBot();
    const later = tg.sendText({ from: cy, text: "/start" });
    await tg.waitUntilHandled(later.update, 30_000);
    await expect
      .poll(
        async () =>
          (
            await sql`select 1 from app.processed_updates
                      where update_key in (${key(900001)}, ${key(900002)}) and done_at is not null`
          ).length,
        { timeout: 20_000 },
      )
      .toBe(2);
    const said = tg.sent
      .slice(before)
      .filter((s) => s.chatId === chat.id)
      .map((s) => s.plainText ?? "");
    const help = said.findIndex((t) => t.includes("turns your Evolt 360 body scans"));
    const progress = said.findIndex((t) => t.includes("I don't have a scan from you yet"));
    expect(help).toBe(0);
    expect(progress).toBe(1);
    expect(said).toHaveLength(3);
    await restarted.stop();
  }, 60_000);

  it("answers what a polling process left when the next one runs in webhook mode", async () => {
    const { tg, sql } = world;
    const dee = tg.createUser({ firstName: "Dee" });
    const chat = tg.privateChat(dee);
    const update = {
      update_id: 900101,
      message: {
        message_id: 900101,
        date: Math.floor(Date.now() / 1000),
        text: "/progress",
        from: { id: dee.id, is_bot: false, first_name: "Dee" },
        chat: { id: chat.id, type: "private", first_name: "Dee" },
        entities: [{ type: "bot_command", offset: 0, length: 9 }],
      },
    };
    await sql`
      insert into app.processed_updates (platform, update_key, lease_until, attempts, payload)
      values ('telegram', ${`${tg.bot.id}:900101`}, now() - interval '1 second', 0, ${JSON.stringify(update)}::jsonb)`;
    const port = await freePort();
    const bot = await world.startBot({
      webhook: { url: `http://127.0.0.1:${port}/telegram/webhook`, secret: undefined, port },
    });
    try {
      const reply = await tg.nextMessage({ chat, timeoutMs: 20_000 });
      expect(reply.plainText).toContain("I don't have a scan from you yet");
    } finally {
      await bot.stop();
    }
  }, 60_000);
});
