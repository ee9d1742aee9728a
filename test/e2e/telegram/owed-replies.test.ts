// Replies owed after the update: a file the busy cage could not read is kept, the member is told "in a
// minute", and the owed reply is the normal one, in the chat it came from (group privacy rules kept), also
// from a bot started after a restart; a file refused as unsupported_layout and read by `pump reprocess`
// after a parser update is announced in its chat, once.
import { describe, expect, it } from "vitest";
import { READ_LATER } from "../../../bot/replies/later.ts";
import { openPendingReplies } from "../../../src/db/queries/pending-replies.ts";
import { ExtractorBusyError } from "../../../src/domain/extractor-busy.ts";
import { ScanRejectedError } from "../../../src/domain/scan-record.ts";
import type { ScanExtractor } from "../../../src/use-cases/ports.ts";
import { READ_LATER_AFTER_SECONDS } from "../../../src/use-cases/receive-scan.ts";
import { reprocessAll } from "../../../src/use-cases/reprocess.ts";
import { FIXED_NOW } from "../../support/core.ts";
import { makeRecord, recordBytes, recordExtractor } from "../../support/records.ts";
import { sendScan, useTelegramWorld } from "./harness.ts";

const reader = recordExtractor();
/** the cage as a chat sees it: `busy` answers as a full queue does; `refuse` as a parser that cannot read it */
const cage = { busy: false, refuse: false };
const extractor: ScanExtractor = {
  parserVersion: "0.0.1",
  warmUp: async () => {},
  async extract(bytes, context) {
    if (cage.busy) throw new ExtractorBusyError(context.key, "queue_full");
    if (cage.refuse) throw new ScanRejectedError("unsupported_layout");
    return reader.extract(bytes, context);
  },
};
let clock = FIXED_NOW;
const later = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

const world = useTelegramWorld({ core: { extractor, now: () => clock } });

/** the first message to this chat after the `after`-th send (the replies before it were read already) */
const sentAfter = (chatId: number, after: number) =>
  world.tg.waitFor((s) => s.chatId === chatId && s.seq > after);
const lastSeq = () => world.tg.sent.at(-1)?.seq ?? 0;

const scan = (name: string, scannedAt = "2026-05-30T08:00") =>
  recordBytes(makeRecord({ name, scannedAt, weightKg: 80, fatPct: 20 }));

describe("replies owed after the update", () => {
  it("tells the member the cage is busy, keeps the file and gives the normal reply once it is read", async () => {
    const { tg } = world;
    const ana = tg.createUser({ firstName: "Ana" });
    cage.busy = true;
    const [busy, ...more] = await sendScan(tg, { from: ana, bytes: scan("ANA LIMA") });
    expect(busy?.plainText).toBe(READ_LATER);
    expect(more).toEqual([]);
    expect(await openPendingReplies(world.sql)).toHaveLength(1);

    // not due yet: nothing is read before the minute is up
    cage.busy = false;
    expect(await world.core.pendingReplies.deliverDue([world.bot.notifier])).toBe(0);
    later(READ_LATER_AFTER_SECONDS);
    const before = lastSeq();
    expect(await world.core.pendingReplies.deliverDue([world.bot.notifier])).toBe(1);
    const reply = await sentAfter(ana.id, before);
    expect(reply.method).toBe("sendPhoto");
    expect(reply.plainText).toContain("Your first scan is in");
    expect(reply.replyTo).toBe(busy!.replyTo);
    expect(await openPendingReplies(world.sql)).toEqual([]);
    // owed once: nothing more goes out
    later(600);
    expect(await world.core.pendingReplies.deliverDue([world.bot.notifier])).toBe(0);
  });

  it("waits while the cage stays busy, survives a restart, and answers a group as a scan in a group is answered", async () => {
    const { tg } = world;
    const ben = tg.createUser({ firstName: "Ben" });
    const gym = tg.createGroup({ title: "Iron Club", admins: [ben] });
    cage.busy = true;
    const [busy] = await sendScan(tg, { chat: gym, from: ben, bytes: scan("BEN ORTIZ") });
    expect(busy?.chatId).toBe(gym.id);
    expect(busy?.plainText).toBe(READ_LATER);

    later(READ_LATER_AFTER_SECONDS);
    expect(await world.core.pendingReplies.deliverDue([world.bot.notifier])).toBe(0); // still busy: kept
    expect(await openPendingReplies(world.sql)).toHaveLength(1);

    // the bot restarts: the owed reply is in the database, not in the process
    await world.bot.stop();
    const restarted = await world.startBot();
    cage.busy = false;
    later(600);
    const before = lastSeq();
    expect(await world.core.pendingReplies.deliverDue([restarted.notifier])).toBe(1);
    const privately = await sentAfter(ben.id, before);
    expect(privately.plainText).toContain("Your first scan is in");
    const inGroup = await sentAfter(gym.id, before);
    expect(inGroup.plainText).toContain("Ben logged a first scan");
    expect(inGroup.plainText).not.toMatch(/\d+\.\d kg/); // relative only in the group
    world.bot = restarted;
  });

  it("tells the member once when a parser update reads a file it had refused as unsupported_layout", async () => {
    const { tg } = world;
    const cai = tg.createUser({ firstName: "Cai" });
    const gym = tg.createGroup({ title: "Dawn Patrol", admins: [cai] });
    cage.refuse = true;
    const refused = await sendScan(tg, { chat: gym, from: cai, bytes: scan("CAI WEN", "2026-05-28T07:15") });
    expect(refused.map((s) => s.plainText).join("\n")).toMatch(/kept/i);
    cage.refuse = false;

    const newParser = recordExtractor({ parserVersion: "99.0.0" });
    const runPipeline = (ids: number[], full: boolean) => world.core.runPipeline(ids, full);
    await reprocessAll({ sql: world.sql, extractor: newParser, runPipeline, now: () => clock });
    const before = lastSeq();
    expect(await world.core.pendingReplies.deliverDue([world.bot.notifier])).toBe(1);
    const inGroup = await sentAfter(gym.id, before);
    expect(inGroup.plainText).toContain("Your scan of 28 May 2026 could be read now");
    expect(inGroup.plainText).toContain("Cai logged a first scan");
    expect(inGroup.plainText).not.toMatch(/\d+\.\d kg/);
    const privately = await sentAfter(cai.id, before);
    expect(privately.plainText).toContain("Your scan of 28 May 2026 could be read now");

    // another parser update reads it again: the member was told already
    await reprocessAll({
      sql: world.sql,
      extractor: recordExtractor({ parserVersion: "99.1.0" }),
      runPipeline,
      now: () => clock,
    });
    later(600);
    expect(await world.core.pendingReplies.deliverDue([world.bot.notifier])).toBe(0);
  });
});
