// Restarts and webhook mode: data survives a restart with a fresh core; webhooks check the secret token.
import { describe, expect, it } from "vitest";
import { buildCore } from "../../../src/compose-core.ts";
import { connect } from "../../../src/db/client.ts";
import { cagedScanExtractor } from "../../../src/extract/scan-extractor.ts";
import { createLogger } from "../../../src/log.ts";
import { FIXED_NOW } from "../../support/core.ts";
import { freePort } from "../../support/free-port.ts";
import { person, scanSeries, sendScan, useTelegramWorld } from "./harness.ts";

const world = useTelegramWorld();

describe("restart", () => {
  it("keeps every scan: a new process (fresh core and connections) answers /progress from stored data", async () => {
    const { tg } = world;
    const rae = tg.createUser({ firstName: "Rae" });
    const group = tg.createGroup({ title: "Restart gym", members: [rae] });
    for (const bytes of await scanSeries(person("RAE SUN"), [{ fat: -1.5, lean: 0.3 }]))
      await sendScan(tg, { chat: group, from: rae, bytes });
    await world.bot.stop();

    const { sql } = connect(world.databaseUrl);
    try {
      const core = await buildCore(
        { sql, url: world.databaseUrl, close: async () => {} },
        { defaultTimeZone: "UTC" },
        createLogger("silent"),
        { extractor: cagedScanExtractor({ size: 1 }), now: () => FIXED_NOW },
      );
      const bot = await world.startBot({ services: core.services });
      const seq = tg.sent.at(-1)?.seq ?? 0;
      const sent = tg.sendText({ from: rae, text: "/progress" });
      const reply = await tg.waitFor((s) => s.seq > seq && s.chatId === rae.id && s.method === "sendPhoto");
      await tg.waitUntilHandled(sent.update);
      expect(reply.plainText).toContain("2 scans");
      expect(reply.plainText).toMatch(/fat mass −1\.5 kg/);
      await bot.stop();
      await core.close();
    } finally {
      await sql.end({ timeout: 5 });
    }
  });
});

describe("webhook mode", () => {
  it("registers the webhook with a secret, answers updates, and refuses requests without the secret", async () => {
    const { tg } = world;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/telegram/webhook`;
    const bot = await world.startBot({ webhook: { url, secret: "gym-secret_42", port } });
    try {
      expect(tg.webhook).toMatchObject({ url, secretToken: "gym-secret_42" });

      const sky = tg.createUser({ firstName: "Sky" });
      const sent = tg.sendText({ from: sky, text: "/start" });
      const reply = await tg.nextMessage({ chat: tg.privateChat(sky) });
      await tg.waitUntilHandled(sent.update);
      expect(reply.plainText).toContain("Hi Sky!");
      expect(tg.webhookDeliveries.find((d) => d.updateId === sent.update.update_id)?.status).toBe(200);

      // a forged update: no secret, then a wrong one → refused, nothing sent
      const forged = { update_id: 999_999, message: { ...sent.message, text: "/help", message_id: 999 } };
      const before = tg.sent.length;
      for (const headers of [{}, { "x-telegram-bot-api-secret-token": "guess" }] as Record<
        string,
        string
      >[]) {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(forged),
        });
        expect(response.status).toBe(401);
      }
      const right = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "gym-secret_42" },
        body: JSON.stringify(forged),
      });
      expect(right.status).toBe(200);
      const answered = tg.sent.slice(before);
      expect(answered).toHaveLength(1);
      expect(answered[0]!.plainText).toContain("Ronald Pump");
    } finally {
      await bot.stop();
    }
  });
});
