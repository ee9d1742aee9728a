// Replies owed after the message on Discord: an image-only PDF (read by OCR, like a photo) that the busy cage
// could not read is kept, the member is told "in a minute", and the owed answer is the live one — the read
// by DM with Save and Fix, a note in the channel — or, when the member's DMs are closed, says so in the
// channel and remembers it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { READ_LATER } from "../../../bot/replies/later.ts";
import { ExtractorBusyError } from "../../../src/domain/extractor-busy.ts";
import type { ScanExtractor } from "../../../src/use-cases/ports.ts";
import { READ_LATER_AFTER_SECONDS } from "../../../src/use-cases/receive-scan.ts";
import type { FakeChannel, FakeGuild, FakeUser } from "../../fakes/discord/index.ts";
import { photoRecord, photoTestExtractor, recordBytes } from "../../support/records.ts";
import { NOW, newWorld, pdfFile, serverMember } from "./harness.ts";

const reader = photoTestExtractor();
let busy = false;
const extractor: ScanExtractor = {
  ...reader,
  async extract(bytes, context) {
    if (busy) throw new ExtractorBusyError(context.key, "queue_full");
    return reader.extract(bytes, context);
  },
};
let clock = NOW;

let world: Awaited<ReturnType<typeof newWorld>>;
let guild: FakeGuild;
const EXACT_VALUE = /\d+(\.\d+)? ?kg\b/;

beforeAll(async () => {
  world = await newWorld({ messageContent: true, extractor, now: () => clock });
  const coach = world.fake.addUser({ username: "coach", globalName: "Coach" });
  guild = world.fake.addGuild({ name: "Later Gym", ownerId: coach });
});

afterAll(async () => {
  await world?.close();
});

const member = (username: string, globalName: string): FakeUser =>
  serverMember(world.fake, guild, username, globalName);

/** Posts an image-only PDF while the cage is busy and checks the "in a minute" reply. */
async function postWhileBusy(
  channel: FakeChannel,
  user: FakeUser,
  name: string,
  weightKg: number,
): Promise<void> {
  busy = true;
  const imageOnly = recordBytes(photoRecord({ name, scannedAt: "2026-05-10T09:00", weightKg, fatPct: 20 }));
  const posted = world.fake.postMessage({ channel, user, attachments: [pdfFile(imageOnly)] });
  const told = await world.fake.waitForChannelMessage(channel, (m) => m.replyTo === posted.id, 20_000);
  expect(told.content).toContain(READ_LATER);
}

/** A minute later the cage is free: the owed answer is delivered; returns the note in the scan's channel. */
async function deliverOwed(channel: FakeChannel) {
  busy = false;
  clock = new Date(clock.getTime() + READ_LATER_AFTER_SECONDS * 1000);
  const { core, bot } = world.running.current;
  expect(await core.pendingReplies.deliverDue([bot.notifier])).toBe(1);
  const note = await world.fake.waitForChannelMessage(channel, (m) => m.content.includes("📷"), 20_000);
  expect(note.content).not.toMatch(EXACT_VALUE);
  return note;
}

async function canDm(user: FakeUser): Promise<boolean> {
  const [row] = await world.running.current.core.sql<{ can: boolean }[]>`
    select can_message_privately as can from app.identities
    where platform = 'discord' and platform_user_id = ${user.id}`;
  return row!.can;
}

describe("an image-only PDF read after the cage was busy", () => {
  it("DMs the read with Save and Fix, and says only that in the channel", async () => {
    const ida = member("ida", "Ida Brandt");
    const channel = world.fake.addChannel({ guild, name: "ida-scans" });
    await postWhileBusy(channel, ida, "IDA BRANDT", 67);
    const note = await deliverOwed(channel);
    expect(note.content).toContain("I sent you what I read, privately");
    const dm = await world.fake.waitForDm(ida, (m) => m.content.includes("Here is what I read"), 20_000);
    expect(dm.content).toContain("weight: **67.0 kg**");
    expect(JSON.stringify(dm.components)).toMatch(/"custom_id":"pr:\d+:s"/);
  });

  it("with the member's DMs closed, says so in the channel and remembers it", async () => {
    const jon = member("jon", "Jon Berg");
    world.fake.setBlocksDms(jon);
    const channel = world.fake.addChannel({ guild, name: "jon-scans" });
    await postWhileBusy(channel, jon, "JON BERG", 91);
    // known to take DMs until now (an earlier private answer went through)
    await world.running.current.core.sql`
      update app.identities set can_message_privately = true
      where platform = 'discord' and platform_user_id = ${jon.id}`;
    const note = await deliverOwed(channel);
    expect(note.content).toContain("your DMs are closed to me");
    expect(await canDm(jon)).toBe(false);
  });
});
