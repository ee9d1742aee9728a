// Shutdown waits (bounded) for what the Discord bot is working on: a scan in flight when the process is told
// to stop (main.ts stops the bots first, then the database) still gets its reply.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeChannel, FakeUser } from "../../fakes/discord/index.ts";
import { newWorld, pdfFile, person, scanPdf, startBot } from "./harness.ts";

let world: Awaited<ReturnType<typeof newWorld>>;
let channel: FakeChannel;
let lifter: FakeUser;

beforeAll(async () => {
  world = await newWorld();
  const owner = world.fake.addUser({ username: "owner" });
  const guild = world.fake.addGuild({ name: "Iron Temple", ownerId: owner });
  channel = world.fake.addChannel({ guild, name: "scans" });
  lifter = world.fake.addUser({ username: "lifter", globalName: "Lee Park" });
  world.fake.addMember(guild, lifter);
});
afterAll(async () => {
  await world?.close();
});

/** Stops the bot and the core the way main.ts does, once the bot has started on the scan. */
async function stopWhile(started: Promise<unknown>) {
  await started;
  await world.running.current.stop();
  world.running.current = await startBot(world.fake, world.db);
}

describe("stopping the Discord bot", () => {
  it("lets a scan posted in a message finish and answer before it stops", async () => {
    const mark = world.fake.mark();
    const post = world.fake.postMessage({
      channel,
      user: lifter,
      attachments: [pdfFile(await scanPdf(person("Lee Park")))],
    });
    // "typing…" is the first thing the bot does with the scan
    const typing = world.fake.waitFor(
      (e) => e.type === "request" && e.request.method === "POST" && e.request.path.endsWith("/typing"),
      20_000,
      { after: mark },
    );
    await stopWhile(typing);
    const reply = world.fake.channelMessages(channel).find((m) => m.replyTo === post.id);
    expect(reply?.content).toContain("Lee Park");
    expect(reply?.content).toContain("first scan");
  });

  it("lets a /scan being read finish and answer before it stops", async () => {
    const handle = world.fake.slashCommand({
      channel,
      user: lifter,
      name: "scan",
      options: {
        file: pdfFile(await scanPdf(person("Lee Park", { scannedAt: "2026-03-30T08:15", seed: 3 }))),
      },
    });
    await stopWhile(handle.callback());
    const details = await handle.reply();
    expect(details.loading).toBe(false);
    expect(details.content).toContain("scan #2");
  });
});
