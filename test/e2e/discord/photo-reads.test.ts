// Photos of a sheet on Discord, end to end: the read goes privately (the /scan reply only the member sees,
// or a DM) with Save and Fix; corrections are typed in DMs; Save answers like a PDF scan does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeChannel, FakeGuild, FakeMessage, FakeUser } from "../../fakes/discord/index.ts";
import {
  imageRecordBytes,
  makeRecord,
  photoRecord,
  photoTestExtractor,
  recordBytes,
} from "../../support/records.ts";
import { newWorld, pdfFile, serverMember } from "./harness.ts";

let world: Awaited<ReturnType<typeof newWorld>>;
let guild: FakeGuild;
let channel: FakeChannel;
const EXACT_VALUE = /\d+(\.\d+)? ?kg\b/;

beforeAll(async () => {
  world = await newWorld({ messageContent: true, extractor: photoTestExtractor() });
  const coach = world.fake.addUser({ username: "coach", globalName: "Coach" });
  guild = world.fake.addGuild({ name: "Photo Temple", ownerId: coach });
  channel = world.fake.addChannel({ guild, name: "scans" });
});

afterAll(async () => {
  await world?.close();
});

const member = (username: string, globalName: string): FakeUser =>
  serverMember(world.fake, guild, username, globalName);

const imageFile = (bytes: Uint8Array, filename = "sheet.jpg") => ({
  filename,
  contentType: "image/jpeg",
  bytes,
});

function customId(message: FakeMessage, action: "s" | "f"): string {
  const match = new RegExp(`"custom_id":"(pr:\\d+:${action})"`).exec(JSON.stringify(message.components));
  if (!match) throw new Error(`no photo read button on message ${message.id}`);
  return match[1]!;
}

async function pendingOf(user: FakeUser): Promise<number> {
  const [row] = await world.running.current.core.sql<{ n: number }[]>`
    select count(*)::int as n from app.pending_photo_reads p join app.identities i on i.member_id = p.member_id
    where i.platform = 'discord' and i.platform_user_id = ${user.id}`;
  return row!.n;
}

describe("/scan file: with a photo in a server", () => {
  it("shows the read only to the member, takes a correction by DM, and Save tells the channel", async () => {
    const uma = member("uma", "Uma Reyes");
    // an earlier PDF scan, so the saved photo is scan #2 with changes to tell
    const first = { name: "UMA REYES", weightKg: 70, fatPct: 30, sex: "female" as const };
    await world.fake
      .slashCommand({
        channel,
        user: uma,
        name: "scan",
        options: { file: pdfFile(recordBytes(makeRecord({ ...first, scannedAt: "2026-04-01T08:00" }))) },
      })
      .reply(20_000);
    const photo = imageRecordBytes(
      photoRecord({ ...first, scannedAt: "2026-05-01T08:00", fatPct: 28 }, ["skeletal_muscle_mass_kg"]),
    );
    const handle = world.fake.slashCommand({
      channel,
      user: uma,
      name: "scan",
      options: { file: imageFile(photo) },
    });
    const read = await handle.reply(20_000);
    expect(read.ephemeral).toBe(true);
    expect(read.content).toContain("Here is what I read from your photo");
    expect(read.content).toMatch(/muscle: \*couldn't read\*/);
    expect(await pendingOf(uma)).toBe(1);
    const publicBefore = world.fake.channelMessages(channel).length;

    const fix = world.fake.pressButton({ message: read, customId: customId(read, "f"), user: uma });
    const told = await fix.reply();
    expect(told.ephemeral).toBe(true);
    expect(told.content).toContain("I sent you a DM");
    const prompt = await world.fake.waitForDm(uma, (m) => m.content.includes("Type what to change"));
    expect(prompt.content).toContain("Masses in kg");

    const typed = world.fake.postDm({ user: uma, content: "muscle 27.1" });
    const updated = await world.fake.waitForDm(uma, (m) => m.replyTo === typed.id);
    expect(updated.content).toContain("muscle: **27.1 kg** *(typed by you)*");

    const save = world.fake.pressButton({ message: updated, customId: customId(updated, "s"), user: uma });
    const saved = await save.next((r) => r.kind === "editOriginal" || r.callbackType === 7, 20_000);
    expect(saved.message!.content).toContain("Saved");
    expect(saved.message!.components).toHaveLength(0);
    const details = await save.followup(20_000);
    expect(details.content).toContain("scan #2");
    expect(details.files.map((f) => f.name)).toEqual(["progress.png"]);
    const summary = await world.fake.waitForChannelMessage(
      channel,
      (m) => m.content.includes("Uma Reyes") && m.content.includes("new scan (#2)"),
      20_000,
    );
    expect(summary.content).not.toMatch(EXACT_VALUE);
    expect(world.fake.channelMessages(channel).length).toBe(publicBefore + 1);
    expect(await pendingOf(uma)).toBe(0);

    const progress = await world.fake.slashCommand({ channel, user: uma, name: "progress" }).reply(20_000);
    expect(progress.content).toContain("2 scans");
    const board = await world.fake.slashCommand({ channel, user: uma, name: "leaderboard" }).reply(20_000);
    expect(board.content).toContain("Uma Reyes");
    const [row] = await world.running.current.core.sql<{ source: string; muscle: number }[]>`
      select source, skeletal_muscle_mass_kg as muscle from gold.sheet_rows where member = 'Uma Reyes'
      order by scanned_at desc limit 1`;
    expect(row).toEqual({ source: "image", muscle: 27.1 });

    // the same photo again: one scan
    const again = await world.fake
      .slashCommand({ channel, user: uma, name: "scan", options: { file: imageFile(photo) } })
      .reply(20_000);
    expect(again.content).toContain("already have this file");
  });
});

describe("a photo attached to a message in a server", () => {
  it("DMs the read with its buttons, says only that in the channel, and Save answers under the photo", async () => {
    const vic = member("vic", "Vic Stone");
    const posted = world.fake.postMessage({
      channel,
      user: vic,
      content: "my scan",
      attachments: [
        imageFile(
          imageRecordBytes(
            photoRecord({ name: "VIC STONE", scannedAt: "2026-05-03T09:00", weightKg: 88, fatPct: 22 }),
          ),
        ),
      ],
    });
    const dm = await world.fake.waitForDm(vic, (m) => m.content.includes("Here is what I read"), 20_000);
    const note = await world.fake.waitForChannelMessage(channel, (m) => m.replyTo === posted.id, 20_000);
    expect(note.content).toContain("I sent you what I read, privately");
    expect(note.content).not.toMatch(EXACT_VALUE);
    expect(dm.content).toContain("weight: **88.0 kg**");

    const save = world.fake.pressButton({ message: dm, customId: customId(dm, "s"), user: vic });
    const details = await save.followup(20_000);
    expect(details.content).toContain("Your first scan is in");
    expect(details.ephemeral).toBe(false);
    const summary = await world.fake.waitForChannelMessage(
      channel,
      (m) => m.replyTo === posted.id && m.content.includes("Vic Stone"),
      20_000,
    );
    expect(summary.content).toContain("logged a first scan");
    expect(await pendingOf(vic)).toBe(0);
  });
});

describe("a photo from a member whose DMs are closed", () => {
  it("says so in the channel instead of the read, and Fix asks them to open their DMs", async () => {
    const zoe = member("zoe", "Zoe Hart");
    world.fake.setBlocksDms(zoe);
    const sheet = photoRecord({ name: "ZOE HART", scannedAt: "2026-05-05T09:00", weightKg: 58, fatPct: 25 });
    const posted = world.fake.postMessage({
      channel,
      user: zoe,
      attachments: [imageFile(imageRecordBytes(sheet))],
    });
    const note = await world.fake.waitForChannelMessage(channel, (m) => m.replyTo === posted.id, 20_000);
    expect(note.content).toContain("your DMs are closed to me");
    expect(note.content).not.toMatch(EXACT_VALUE);

    // the read still waits; /scan shows it only to them, but corrections need a DM
    const read = await world.fake
      .slashCommand({
        channel,
        user: zoe,
        name: "scan",
        options: { file: imageFile(imageRecordBytes(sheet)) },
      })
      .reply(20_000);
    expect(read.ephemeral).toBe(true);
    const fix = world.fake.pressButton({ message: read, customId: customId(read, "f"), user: zoe });
    const told = await fix.reply();
    expect(told.ephemeral).toBe(true);
    expect(told.content).toContain("your DMs are closed to me");
  });
});

describe("a photo in a DM with the bot", () => {
  it("answers with the read and its buttons; /forget deletes a read still waiting (the image is stored with it)", async () => {
    const wes = world.fake.addUser({ username: "wes", globalName: "Wes Lake" });
    const posted = world.fake.postDm({
      user: wes,
      attachments: [
        imageFile(imageRecordBytes(photoRecord({ scannedAt: "2026-05-04T09:00", weightKg: 71, fatPct: 16 }))),
      ],
    });
    const read = await world.fake.waitForDm(wes, (m) => m.replyTo === posted.id, 20_000);
    expect(read.content).toContain("weight: **71.0 kg**");
    expect(customId(read, "s")).toMatch(/^pr:\d+:s$/);
    expect(await pendingOf(wes)).toBe(1);

    // Fix in a DM: the prompt comes right there, and a DM message corrects the read
    const fix = world.fake.pressButton({ message: read, customId: customId(read, "f"), user: wes });
    expect((await fix.reply()).content).toContain("Type what to change");
    const typed = world.fake.postDm({ user: wes, content: "fat mass 11.5" });
    const updated = await world.fake.waitForDm(wes, (m) => m.replyTo === typed.id);
    expect(updated.content).toContain("fat mass: **11.5 kg** *(typed by you)*");

    const confirm = await world.fake
      .slashCommand({ channel: read.channelId, user: wes, name: "forget" })
      .reply();
    const done = world.fake.pressButton({ message: confirm, customId: "forget:yes", user: wes });
    await done.next((r) => r.kind === "editOriginal" || r.callbackType === 7, 20_000);
    expect(await pendingOf(wes)).toBe(0);
  });
});
