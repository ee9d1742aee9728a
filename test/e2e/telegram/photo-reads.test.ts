// Photos of a sheet on Telegram: what was read is shown privately with Save and Fix; nothing is recorded
// until Save; Fix takes typed corrections; an unanswered read expires; /forget takes it too. The core reads
// photos through the extractor port, here a test extractor that returns image records for image bytes.
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Chat, InlineKeyboardMarkup, User } from "grammy/types";
import { describe, expect, it } from "vitest";
import { forgetExpiredPhotoReads } from "../../../src/jobs/photo-read-expiry.ts";
import { runSheetSync, sheetTarget } from "../../../src/jobs/sheet-sync.ts";
import { createLogger } from "../../../src/log.ts";
import type { SentRecord } from "../../fakes/telegram/state.ts";
import {
  imageRecordBytes,
  makeRecord,
  photoRecord,
  photoTestExtractor,
  recordBytes,
} from "../../support/records.ts";
import { sendScan, useTelegramWorld } from "./harness.ts";

let now = new Date("2026-06-01T12:00:00Z");
const world = useTelegramWorld({ core: { extractor: photoTestExtractor(), now: () => now } });
const EXACT_VALUE = /(?<![−+±\d.])\d+\.\d\s?(kg|lb|%)/;

function buttonsOf(record: SentRecord): { text: string; callback_data: string }[] {
  const markup = record.replyMarkup as InlineKeyboardMarkup | undefined;
  return (markup?.inline_keyboard.flat() ?? []) as { text: string; callback_data: string }[];
}

async function sendPhoto(input: { chat?: Chat; from: User; bytes: Uint8Array }): Promise<SentRecord[]> {
  const before = world.tg.sent.length;
  const sent = world.tg.sendPhoto(input);
  await world.tg.waitUntilHandled(sent.update);
  return world.tg.sent.slice(before);
}

async function press(from: User, message: SentRecord, label: string): Promise<SentRecord[]> {
  const button = buttonsOf(message).find((b) => b.text.includes(label));
  if (!button) throw new Error(`no ${label} button under message ${message.messageId}`);
  const before = world.tg.sent.length;
  const pressed = world.tg.pressButton({ from, message: message.message!, data: button.callback_data });
  await world.tg.waitUntilHandled(pressed.update);
  return world.tg.sent.slice(before);
}

async function say(from: User, text: string, chat?: Chat): Promise<SentRecord[]> {
  const before = world.tg.sent.length;
  const sent = world.tg.sendText({ ...(chat ? { chat } : {}), from, text });
  await world.tg.waitUntilHandled(sent.update);
  return world.tg.sent.slice(before);
}

async function stored(user: User) {
  const [row] = await world.sql<{ reports: number; pending: number }[]>`
    select (select count(*)::int from bronze.scan_reports r join app.identities i on i.member_id = r.member_id
              where i.platform = 'telegram' and i.platform_user_id = ${String(user.id)}) as reports,
           (select count(*)::int from app.pending_photo_reads p join app.identities i on i.member_id = p.member_id
              where i.platform = 'telegram' and i.platform_user_id = ${String(user.id)}) as pending`;
  return row!;
}

const actorOf = (user: User) => ({
  platform: "telegram",
  userId: String(user.id),
  displayName: user.first_name,
});

describe("a photo in a private chat", () => {
  it("shows what was read, takes a correction, and saves only on Save — then it counts like any scan", async () => {
    const { tg, sql } = world;
    const eva = tg.createUser({ firstName: "Eva" });
    const record = photoRecord(
      { name: "EVA STONE", scannedAt: "2026-05-20T08:10", weightKg: 70, fatPct: 28, sex: "female" },
      ["skeletal_muscle_mass_kg", "protein_kg"],
    );
    const photo = imageRecordBytes(record);

    const [read] = await sendPhoto({ from: eva, bytes: photo });
    expect(tg.chatActions.some((a) => a.chatId === eva.id && a.action === "typing")).toBe(true);
    expect(read!.plainText).toContain("Here is what I read from your photo");
    expect(read!.plainText).toContain("weight: 70.0 kg");
    expect(read!.plainText).toContain("date: 20 May 2026, 08:10");
    expect(read!.plainText).toMatch(/muscle: couldn't read/);
    expect(read!.plainText).toMatch(/Couldn't read: muscle, 1 other value/);
    expect(buttonsOf(read!).map((b) => b.text)).toEqual(["✅ Save", "✏️ Fix"]);
    // nothing in bronze, no file kept there, nothing in /progress
    expect(await stored(eva)).toEqual({ reports: 0, pending: 1 });
    expect((await world.services.progress({ actor: actorOf(eva) })).kind).toBe("no_scans");

    const [prompt] = await press(eva, read!, "Fix");
    expect(prompt!.plainText).toContain("Type what to change");
    const [typo] = await say(eva, "musle 36.4");
    expect(typo!.plainText).toContain("I didn't understand “musle 36.4”");
    expect(typo!.plainText).toContain("weight 81.4");
    const [updated] = await say(eva, "muscle 27.9, weight 70.0");
    expect(updated!.plainText).toContain("Updated");
    expect(updated!.plainText).toContain("muscle: 27.9 kg (typed by you)");
    expect(buttonsOf(updated!).map((b) => b.text)).toEqual(["✅ Save", "✏️ Fix"]);
    expect(await stored(eva)).toEqual({ reports: 0, pending: 1 });

    const afterSave = await press(eva, updated!, "Save");
    expect(tg.history(tg.privateChat(eva)).find((m) => m.message_id === updated!.messageId)!.text).toContain(
      "Saved",
    );
    const details = afterSave.find((s) => s.method === "sendPhoto")!;
    expect(details.plainText).toContain("Your first scan is in");
    expect(details.plainText).toContain("weight: 70.0 kg");
    expect(await stored(eva)).toEqual({ reports: 1, pending: 0 });

    // bronze keeps the image as the raw file and the record as read from a photo; silver says so too
    const [bronze] = await sql<{ source: string; mime: string; muscle: number }[]>`
      select r.payload ->> 'source' as source, f.mime_type as mime,
             (r.payload -> 'metrics' ->> 'skeletal_muscle_mass_kg')::float as muscle
      from bronze.scan_reports r join bronze.raw_files f on f.sha256 = r.raw_sha256
      where f.bytes = ${Buffer.from(photo)}`;
    expect(bronze).toEqual({ source: "image", mime: "image/jpeg", muscle: 27.9 });
    const [silver] = await sql<{ source: string }[]>`
      select s.source from silver.scans s join app.identities i on i.member_id = s.member_id
      where i.platform_user_id = ${String(eva.id)}`;

    expect(silver!.source).toBe("image");

    const progress = await say(eva, "/progress");
    expect(progress[0]!.method).toBe("sendPhoto");
    expect(progress[0]!.plainText).toMatch(/muscle[^\n]*27\.9 kg/i);

    // the Sheet shows the scan, marked as read from a photo
    const dir = await mkdtemp(path.join(tmpdir(), "photo-sheet-"));
    await runSheetSync(
      { sql, log: createLogger("silent"), target: sheetTarget({ kind: "csv", dir }) },
      "resync",
    );
    const [tab] = await readdir(dir);
    const csv = await readFile(path.join(dir, tab!), "utf8");
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    const row = rows.find((r) => r.includes("Eva"))!.split(",");
    const columns = header!.split(",");

    expect(row[columns.indexOf("source")]).toBe("image");
    expect(row[columns.indexOf("skeletal_muscle_mass_kg")]).toBe("27.9");

    // the button pressed again: nothing more happens
    const again = await press(eva, read!, "Save");
    expect(again.filter((s) => s.method === "sendPhoto")).toHaveLength(0);
    expect(await stored(eva)).toEqual({ reports: 1, pending: 0 });
  });

  it("answers a number that cannot be right, and keeps what the member typed over a read value that disagrees", async () => {
    const { tg } = world;
    const finn = tg.createUser({ firstName: "Finn" });
    const [read] = await sendPhoto({
      from: finn,
      bytes: imageRecordBytes(photoRecord({ scannedAt: "2026-05-21T09:00", weightKg: 90, fatPct: 25 })),
    });
    await press(finn, read!, "Fix");
    const [tooMuch] = await say(finn, "weight 900");
    expect(tooMuch!.plainText).toContain("That weight can't be right");
    // 80 kg no longer fits lean + fat of the read: the read fat mass gives way, the typed weight stays
    const [updated] = await say(finn, "weight 80");
    expect(updated!.plainText).toContain("weight: 80.0 kg (typed by you)");
    expect(updated!.plainText).toMatch(/fat mass: couldn't read/);
  });

  it("asks for the weight before it can save a read without one", async () => {
    const { tg } = world;
    const gil = tg.createUser({ firstName: "Gil" });
    const [read] = await sendPhoto({
      from: gil,
      bytes: imageRecordBytes(
        photoRecord({ scannedAt: "2026-05-22T09:00", weightKg: 66, fatPct: 15 }, ["weight_kg"]),
      ),
    });
    expect(read!.plainText).toContain("weight: couldn't read");
    const [needs] = await press(gil, read!, "Save");
    expect(needs!.plainText).toContain("I need your weight before I can save this scan");
    expect(await stored(gil)).toEqual({ reports: 0, pending: 1 });
    await press(gil, read!, "Fix");
    const [updated] = await say(gil, "weight 66");
    await press(gil, updated!, "Save");
    expect(await stored(gil)).toEqual({ reports: 1, pending: 0 });
  });
});

describe("a photo in a group", () => {
  it("says only that the read went privately; Save answers the group like a PDF scan, and the board counts it", async () => {
    const { tg } = world;
    const gus = tg.createUser({ firstName: "Gus" });
    const hal = tg.createUser({ firstName: "Hal" });
    const group = tg.createGroup({ title: "Photo gym", members: [gus, hal] });
    const first = { name: "GUS GRANT", weightKg: 92, fatPct: 27 };
    for (const [user, name] of [
      [gus, "GUS GRANT"],
      [hal, "HAL HOPE"],
    ] as const)
      await sendScan(tg, {
        chat: group,
        from: user,
        bytes: recordBytes(makeRecord({ ...first, name, scannedAt: "2026-04-01T07:00" })),
      });
    await sendScan(tg, {
      chat: group,
      from: hal,
      bytes: recordBytes(
        makeRecord({ ...first, name: "HAL HOPE", scannedAt: "2026-05-01T07:00", fatPct: 26.5 }),
      ),
    });

    const photo = imageRecordBytes(
      photoRecord({ ...first, scannedAt: "2026-05-02T07:00", weightKg: 90, fatPct: 25 }, ["bmr_kcal"]),
    );
    const sent = await sendPhoto({ chat: group, from: gus, bytes: photo });
    const inGroup = sent.filter((s) => s.chatId === group.id);
    const dm = sent.find((s) => s.chatId === gus.id)!;
    expect(inGroup).toHaveLength(1);
    expect(inGroup[0]!.plainText).toContain("I sent you what I read, privately");
    expect(inGroup[0]!.plainText).not.toMatch(EXACT_VALUE);
    expect(dm.plainText).toContain("weight: 90.0 kg");
    expect(tg.chatActions.some((a) => a.chatId === group.id && a.action === "typing")).toBe(true);
    expect(await stored(gus)).toEqual({ reports: 1, pending: 1 });

    // someone else cannot save it
    const meddler = tg.pressButton({
      from: hal,
      message: dm.message!,
      data: buttonsOf(dm)[0]!.callback_data,
    });
    await tg.waitUntilHandled(meddler.update);
    expect(tg.callbackAnswers.at(-1)?.text).toContain("Only the person who sent the photo");
    expect(await stored(gus)).toEqual({ reports: 1, pending: 1 });

    await press(gus, dm, "Fix");
    await say(gus, "body fat 25.1%");
    const after = await press(gus, dm, "Save");
    const summary = after.find((s) => s.chatId === group.id)!;
    expect(summary.plainText).toContain("Gus has a new scan (#2)");
    expect(summary.plainText).not.toMatch(EXACT_VALUE);
    expect(after.find((s) => s.chatId === gus.id && s.method === "sendPhoto")!.plainText).toContain(
      "scan #2",
    );

    const board = await say(hal, "/leaderboard fat", group);
    const text = board.find((s) => s.chatId === group.id)!.plainText!;
    expect(text).toContain("Gus");
    expect(text).toContain("Hal");
  });
});

describe("duplicates", () => {
  it("the same photo twice is one read; a photo of a sheet already sent as PDF is one scan", async () => {
    const { tg } = world;
    const ida = tg.createUser({ firstName: "Ida" });
    const sheet = {
      name: "IDA IVES",
      scannedAt: "2026-05-10T10:00",
      weightKg: 64,
      fatPct: 30,
      sex: "female" as const,
    };
    const photo = imageRecordBytes(photoRecord(sheet));
    const [first] = await sendPhoto({ from: ida, bytes: photo });
    const [second] = await sendPhoto({ from: ida, bytes: photo });
    expect(second!.plainText).toContain("You sent this sheet already");
    expect(buttonsOf(second!)).toEqual(buttonsOf(first!));
    // a screenshot of the same sheet (other bytes, same printed time): still the one read
    const [screenshot] = await sendPhoto({ from: ida, bytes: imageRecordBytes(photoRecord(sheet), "png") });
    expect(buttonsOf(screenshot!)).toEqual(buttonsOf(first!));
    expect(await stored(ida)).toEqual({ reports: 0, pending: 1 });

    const jon = tg.createUser({ firstName: "Jon" });
    const pdfSheet = { name: "JON JAY", scannedAt: "2026-05-11T11:00", weightKg: 81, fatPct: 19 };
    await sendScan(tg, { from: jon, bytes: recordBytes(makeRecord(pdfSheet)), fileName: "scan.pdf" });
    const [already] = await sendPhoto({ from: jon, bytes: imageRecordBytes(photoRecord(pdfSheet)) });
    expect(already!.plainText).toContain("I already have it");
    expect(await stored(jon)).toEqual({ reports: 1, pending: 0 });
  });
});

describe("an unanswered read", () => {
  it("expires after a day and is forgotten with its image; /forget takes an open read too", async () => {
    const { tg, sql } = world;
    const kim = tg.createUser({ firstName: "Kim" });
    const photo = imageRecordBytes(photoRecord({ scannedAt: "2026-05-12T12:00", weightKg: 77, fatPct: 21 }));
    const [read] = await sendPhoto({ from: kim, bytes: photo });
    const started = now;
    try {
      now = new Date(started.getTime() + 23 * 3_600_000);
      expect(await forgetExpiredPhotoReads({ sql, log: createLogger("silent"), now: () => now })).toBe(0);
      now = new Date(started.getTime() + 25 * 3_600_000);
      // refused once expired, even before the job ran
      await press(kim, read!, "Save");
      expect(tg.history(tg.privateChat(kim)).find((m) => m.message_id === read!.messageId)!.text).toContain(
        "isn't waiting any more",
      );
      expect(
        await forgetExpiredPhotoReads({ sql, log: createLogger("silent"), now: () => now }),
      ).toBeGreaterThan(0);
      const [left] = await sql<{ n: number }[]>`
        select count(*)::int as n from app.pending_photo_reads where bytes = ${Buffer.from(photo)}`;
      expect(left!.n).toBe(0);
      expect(await stored(kim)).toEqual({ reports: 0, pending: 0 });
    } finally {
      now = started;
    }

    const lea = tg.createUser({ firstName: "Lea" });
    await sendPhoto({
      from: lea,
      bytes: imageRecordBytes(photoRecord({ scannedAt: "2026-05-13T12:00", weightKg: 60, fatPct: 24 })),
    });
    expect((await stored(lea)).pending).toBe(1);
    const [question] = await say(lea, "/forget");
    await press(lea, question!, "Delete everything");
    expect(await stored(lea)).toEqual({ reports: 0, pending: 0 });
  });
});

it("keeps an unrelated photo in a group out of the database and quiet", async () => {
  const { tg } = world;
  const max = tg.createUser({ firstName: "Mo" });
  const group = tg.createGroup({ title: "Selfies", members: [max] });
  const sent = await sendPhoto({
    chat: group,
    from: max,
    bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(64).fill(1)]),
  });
  expect(sent.filter((s) => s.chatId === group.id)).toHaveLength(0);
  const [files] = await world.sql<{ n: number }[]>`
    select count(*)::int as n from bronze.raw_files where mime_type = 'image/jpeg' and size_bytes = 68`;
  expect(files!.n).toBe(0);
});

describe("other pictures of the sheet", () => {
  it("reads a screenshot sent as a file and an image-only PDF the same way, keeping neither in bronze before Save", async () => {
    const { tg, sql } = world;
    const ned = tg.createUser({ firstName: "Ned" });
    const screenshot = imageRecordBytes(
      photoRecord({ scannedAt: "2026-05-14T07:00", weightKg: 75, fatPct: 18 }),
      "png",
    );
    const [read] = await sendScan(tg, {
      from: ned,
      bytes: screenshot,
      fileName: "Screenshot.png",
      mimeType: "image/png",
    });
    expect(read!.plainText).toContain("Here is what I read from your photo");

    // a printout scanned back to PDF: the extractor reads its page image, so it comes back as an image read
    const scannedPrintout = recordBytes(
      photoRecord({ scannedAt: "2026-05-15T07:00", weightKg: 74.5, fatPct: 17.5 }),
    );
    const [fromPdf] = await sendScan(tg, { from: ned, bytes: scannedPrintout, fileName: "printout.pdf" });
    expect(fromPdf!.plainText).toContain("weight: 74.5 kg");
    expect(await stored(ned)).toEqual({ reports: 0, pending: 2 });
    const [kept] = await sql<{ n: number }[]>`
      select count(*)::int as n from bronze.raw_files
      where bytes = ${Buffer.from(screenshot)} or bytes = ${Buffer.from(scannedPrintout)}`;
    expect(kept!.n).toBe(0);

    await press(ned, fromPdf!, "Save");
    expect(await stored(ned)).toEqual({ reports: 1, pending: 1 });
  });

  it("tells the group how to get the read when the member never started the bot, without any value", async () => {
    const { tg } = world;
    const oli = tg.createUser({ firstName: "Oli", startedBot: false });
    const group = tg.createGroup({ title: "Shy gym", members: [oli] });
    const sent = await sendPhoto({
      chat: group,
      from: oli,
      bytes: imageRecordBytes(photoRecord({ scannedAt: "2026-05-16T07:00", weightKg: 99, fatPct: 31 })),
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.chatId).toBe(group.id);
    expect(sent[0]!.plainText).toContain("open a private chat with @ronald_pump_bot");
    expect(sent[0]!.plainText).not.toMatch(EXACT_VALUE);
  });
});
