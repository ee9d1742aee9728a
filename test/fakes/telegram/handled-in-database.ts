// The bot keeps Telegram updates in app.processed_updates and confirms them at once, so "handled" is when
// the bot marked the update done there. Hands that question to the stand-in's waitUntilHandled.
import type { Sql } from "postgres";
import type { FakeTelegram } from "./fake-telegram.ts";

export function handledInDatabase(tg: FakeTelegram, sql: Sql): void {
  tg.handledWhen(async (updateId) => {
    const [row] = await sql<{ done: boolean }[]>`
      select done_at is not null as done from app.processed_updates
      where platform = 'telegram' and update_key = ${`${tg.bot.id}:${updateId}`}`;
    return row?.done === true;
  });
}
